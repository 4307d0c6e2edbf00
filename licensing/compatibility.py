"""Which licence a resource may carry, given the licences of the works it contains.

Pure rules on licence terms (no database): the same answers for the admin, the
API, the workflow and the audit. A work may sit in a resource offered under
``target`` when:

- both licences are open (a closed licence allows nothing);
- a share-alike work (CC BY-SA, ODbL) keeps its own licence, or a later version
  its licence names as compatible (CC BY-SA 3.0 → 4.0): relicensing it under
  anything else would break share-alike;
- a work that requires attribution is not offered under a licence that waives it
  (CC0): a reuser told « no conditions » would fail to credit its author.

Everything else is allowed (CC0 anywhere; CC BY and Licence Ouverte, which
Etalab declares compatible with each other, into any attribution licence,
share-alike ones included).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# Share-alike licences whose text lets adaptations use a later version.
SHARE_ALIKE_SUCCESSORS: dict[str, frozenset[str]] = {
    "cc-by-sa-2.0": frozenset({"cc-by-sa-2.5", "cc-by-sa-3.0", "cc-by-sa-4.0"}),
    "cc-by-sa-2.5": frozenset({"cc-by-sa-3.0", "cc-by-sa-4.0"}),
    "cc-by-sa-3.0": frozenset({"cc-by-sa-4.0"}),
}


class LicenceTerms(Protocol):
    """What the rules read from a licence (a ``Licence`` row fits)."""

    id: str
    is_open: bool
    share_alike: bool
    requires_attribution: bool


@dataclass(frozen=True)
class Terms:
    """Licence terms as plain data, for tests and callers without a row."""

    id: str
    is_open: bool = True
    share_alike: bool = False
    requires_attribution: bool = True


def refusal_reason(item: LicenceTerms, target: LicenceTerms) -> str | None:
    """Why a work under ``item`` cannot sit in a resource under ``target`` (None: it can)."""
    if not item.is_open:
        return f"{item.id} n'est pas une licence ouverte"
    if not target.is_open:
        return f"{target.id} n'est pas une licence ouverte"
    if item.share_alike and target.id != item.id and target.id not in SHARE_ALIKE_SUCCESSORS.get(item.id, ()):
        return f"{item.id} impose le partage dans les mêmes conditions : la ressource doit rester sous {item.id}"
    if item.requires_attribution and not target.requires_attribution:
        return f"{item.id} exige de créditer l'auteur, ce que {target.id} n'impose pas"
    return None


def allows(item: LicenceTerms, target: LicenceTerms) -> bool:
    """Whether a work under ``item`` may be included in a resource under ``target``."""
    return refusal_reason(item, target) is None


def working_licences(items: Iterable[LicenceTerms], candidates: Iterable[LicenceTerms]) -> list[LicenceTerms]:
    """The candidate licences that every one of ``items`` allows, in the candidates' order."""
    items = list(items)
    return [target for target in candidates if target.is_open and all(allows(item, target) for item in items)]
