"""Where the register's data comes from: Etalab's « découpage administratif ».

The npm package ``@etalab/decoupage-administratif`` (pinned in package.json,
installed by ``npm ci``, which ``dev.py`` runs) ships the INSEE Code officiel
géographique as JSON: ``regions.json``, ``departements.json``, ``communes.json``.
Its data is under the Licence Ouverte 2.0 (Etalab), its code under MIT.

Kept: the régions and départements of metropolitan France and of the five
overseas départements-régions (18 régions, 101 départements) and their current
communes (« commune-actuelle »). Left out: the overseas collectivités (COM,
outside the département/région frame), former communes merged into another
(déléguées, associées) and the municipal arrondissements of Paris, Lyon and
Marseille.

A small extract in the same format, ``territories/data/sample/``, lets tests and
the demo run on a machine without the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from territories.models import PATH_SEPARATOR, TerritoryKind, territory_key

PACKAGE = "@etalab/decoupage-administratif"
SOURCE_CREDIT = (
    "Source : Code officiel géographique de l'INSEE, via le paquet npm "
    "@etalab/decoupage-administratif (Etalab), sous Licence Ouverte 2.0."
)
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
FILES = ("regions.json", "departements.json", "communes.json")
# Zones kept: metropolitan France and the overseas départements-régions.
KEPT_ZONES = {"metro", "drom"}
CURRENT_COMMUNE = "commune-actuelle"


def package_data_dir() -> Path:
    """The installed package's data folder (it may be absent)."""
    return Path(settings.BASE_DIR) / "node_modules" / PACKAGE / "data"


def sample_data_dir() -> Path:
    """The small extract shipped with the app (tests, demo)."""
    return Path(__file__).resolve().parent / "data" / "sample"


class DatasetError(ValueError):
    """The dataset is missing or not in the expected shape; the message says what."""


@dataclass(frozen=True)
class TerritoryRow:
    """One territory as the dataset gives it, with its path computed."""

    kind: str
    code: str
    name: str
    parent_path: str | None
    path: str


def read_rows(folder: Path) -> Iterator[TerritoryRow]:
    """The dataset's territories, régions first, then départements, then communes."""
    regions, departements, communes = (_read(folder / name) for name in FILES)
    region_paths: dict[str, str] = {}
    for item in regions:
        if item.get("zone") in KEPT_ZONES:
            path = territory_key(TerritoryKind.REGION, item["code"])
            region_paths[item["code"]] = path
            yield TerritoryRow(TerritoryKind.REGION, item["code"], item["nom"], None, path)
    departement_paths: dict[str, str] = {}
    for item in departements:
        parent = region_paths.get(item.get("region", ""))
        if item.get("zone") in KEPT_ZONES and parent:
            path = parent + PATH_SEPARATOR + territory_key(TerritoryKind.DEPARTEMENT, item["code"])
            departement_paths[item["code"]] = path
            yield TerritoryRow(TerritoryKind.DEPARTEMENT, item["code"], item["nom"], parent, path)
    for item in communes:
        parent = departement_paths.get(item.get("departement", ""))
        if item.get("type") == CURRENT_COMMUNE and parent:
            path = parent + PATH_SEPARATOR + territory_key(TerritoryKind.COMMUNE, item["code"])
            yield TerritoryRow(TerritoryKind.COMMUNE, item["code"], item["nom"], parent, path)


def _read(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(
            f"{path} introuvable : installez le paquet npm {PACKAGE} (npm ci) ou indiquez --source."
        ) from None
    except json.JSONDecodeError as error:
        raise DatasetError(f"{path} n'est pas du JSON valide ({error}).") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) and "code" in item and "nom" in item for item in data):
        raise DatasetError(f"{path} : une liste d'objets avec « code » et « nom » est attendue.")
    return data
