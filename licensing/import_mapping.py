"""Map the licence names and addresses met in imports to the register.

``licence_from_import("CC-BY-SA")`` → the ``cc-by-sa-4.0`` row. Names, SPDX ids
and creativecommons.org / etalab / opendatacommons addresses are understood; a
name without a version takes the register's version. A non-open licence (NC, ND)
or an unknown one is refused with ``LicenceImportError``, whose message names the
value and lists the allowed licences.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

from licensing.register import Licence, allowed_licences_text

# Version the register holds when an import names a licence without one.
DEFAULT_VERSIONS = {"cc-by": "4.0", "cc-by-sa": "4.0", "cc0": "1.0", "etalab": "2.0", "odbl": "1.0"}
# Normalised word sequences → licence family (checked after URLs).
FAMILY_PATTERNS: list[tuple[str, str]] = [
    (r"^(licence ouverte|open licence|etalab|lo)\b", "etalab"),
    (r"^(odbl|open database licen[cs]e)\b", "odbl"),
    (r"^(cc0|cc zero|creative commons zero|domaine public|public domain)\b", "cc0"),
]
CC_CONDITIONS = {"by": "by", "attribution": "by", "sa": "sa", "share alike": "sa", "sharealike": "sa", "partage": "sa"}
URL_LIKE = re.compile(r"://|^\s*www\.|creativecommons\.org|etalab\.gouv\.fr|opendatacommons\.org", re.IGNORECASE)
NON_OPEN_MARKERS = re.compile(r"\b(nc|nd|non ?commercial|no ?derivatives?|pas d utilisation commerciale)\b")


class LicenceImportError(ValueError):
    """An imported licence value that is unknown or not open; the message says which."""

    def __init__(self, value: object, problem: str):
        self.value = value
        super().__init__(f"licence : « {value} » {problem}. Licences autorisées : {allowed_licences_text()}.")


def licence_from_import(value: str | None):
    """The open register licence an imported name or URL stands for, or ``LicenceImportError``."""
    licence_id = normalise_licence_value(value)
    licence = Licence.objects.filter(pk=licence_id).first()
    if licence is None:
        raise LicenceImportError(value, "n'est pas une licence connue du registre")
    if not licence.is_open:
        raise LicenceImportError(value, f"désigne {licence.id}, qui n'est pas une licence ouverte")
    return licence


def normalise_licence_value(value: str | None) -> str:
    """The register id a name or URL stands for (without checking the register).

    Raises ``LicenceImportError`` for an empty value and for non-open (NC, ND) licences.
    """
    text = _fold(value or "")
    if not text:
        raise LicenceImportError(value, "est vide : une licence ouverte est obligatoire")
    if URL_LIKE.search(value or ""):
        return _from_url(value or "")
    if NON_OPEN_MARKERS.search(text):
        raise LicenceImportError(value, "n'est pas une licence ouverte (pas d'usage commercial ou de modification)")
    version = _version(text)
    for pattern, family in FAMILY_PATTERNS:
        if re.search(pattern, text):
            return _with_version(family, version)
    if re.match(r"^(cc|creative commons)\b", text):
        conditions = {code for word, code in CC_CONDITIONS.items() if re.search(rf"\b{word}\b", text)}
        if conditions == {"by"}:
            return _with_version("cc-by", version)
        if conditions == {"by", "sa"}:
            return _with_version("cc-by-sa", version)
    # Already an id of the register, e.g. « cc-by-4.0 » spelled with other separators.
    return re.sub(r"\s+", "-", text.replace(" .", "."))


def _fold(value: str) -> str:
    """Lower case, no accents, words separated by single spaces (dots kept in versions)."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9.:/]+", " ", text)
    text = re.sub(r"(?<![0-9])\.|\.(?![0-9])", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _version(text: str) -> str | None:
    match = re.search(r"\bv?(\d+(?:\.\d+)?)\b", text.replace("cc0", "cc"))
    if not match:
        return None
    number = match.group(1)
    return number if "." in number else f"{number}.0"


def _with_version(family: str, version: str | None) -> str:
    return f"{family}-{version or DEFAULT_VERSIONS[family]}"


def _from_url(value: str) -> str:
    """creativecommons.org, etalab and opendatacommons addresses → register id."""
    url = urlparse(value.strip() if "://" in value else f"https://{value.strip()}")
    host = url.netloc.lower().removeprefix("www.")
    parts = [part for part in url.path.lower().split("/") if part]
    if host == "creativecommons.org" and len(parts) >= 3 and parts[0] == "licenses":
        code, version = parts[1], parts[2]
        if "nc" in code.split("-") or "nd" in code.split("-"):
            raise LicenceImportError(value, "n'est pas une licence ouverte (pas d'usage commercial ou de modification)")
        return f"cc-{code}-{version}"
    if host == "creativecommons.org" and parts[:2] == ["publicdomain", "zero"] and len(parts) >= 3:
        return f"cc0-{parts[2]}"
    if host.endswith("etalab.gouv.fr") and "licence-ouverte" in url.path.lower():
        version = re.search(r"(\d+(?:\.\d+)?)", url.path)
        return _with_version("etalab", version.group(1) if version and "." in version.group(1) else None)
    if host == "opendatacommons.org" and "odbl" in parts:
        version = next((p.replace("-", ".") for p in parts if re.fullmatch(r"\d+-\d+", p)), None)
        return _with_version("odbl", version)
    raise LicenceImportError(value, "est une adresse qui ne désigne aucune licence connue du registre")
