"""Find the register's territory a free-text place names (« Metz, Moselle (Grand Est) »).

Used to move free-text territories to the register: the first part is the name,
the others (after commas or in brackets) must be names or codes of its ancestors.
Works on any ``Territory`` queryset, a migration's historical model included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from territories.models import KEY_PREFIXES, PATH_SEPARATOR, TerritoryKind, fold

_PARTS = re.compile(r"[,()]")
# When one name fits territories of several kinds, the broadest wins (« La Réunion »
# is a région and a département: the région holds the département).
BROADEST_FIRST = list(TerritoryKind.values)


@dataclass(frozen=True)
class Match:
    """The territory found (its pk) or, when none, why."""

    text: str
    territory_id: int | None
    reason: str = ""


def match_free_text(text: str, territories) -> Match:
    """The territory of ``territories`` (a queryset) that ``text`` names, if exactly one fits."""
    parts = [fold(part) for part in _PARTS.split(text or "") if fold(part)]
    if not parts:
        return Match(text, None, "texte vide")
    name, qualifiers = parts[0], parts[1:]
    candidates = list(territories.filter(folded_name=name).values("pk", "kind", "code", "name", "path"))
    if qualifiers and candidates:
        described = _ancestor_words(territories, candidates)
        candidates = [c for c in candidates if all(q in described[c["pk"]] for q in qualifiers)]
    if not candidates:
        return Match(text, None, "aucun territoire du registre ne porte ce nom" + (" à cet endroit" if qualifiers else ""))
    kinds = {candidate["kind"] for candidate in candidates}
    broadest = min(kinds, key=BROADEST_FIRST.index)
    chosen = [candidate for candidate in candidates if candidate["kind"] == broadest]
    if len(chosen) > 1:
        names = ", ".join(sorted(f"{c['name']} ({_departement(c['path']) or c['code']})" for c in chosen))
        return Match(text, None, f"plusieurs territoires portent ce nom ({names}) : précisez le département")
    return Match(text, chosen[0]["pk"])


def _ancestor_words(territories, candidates: list[dict]) -> dict[int, set[str]]:
    """Folded names and codes of each candidate's ancestors (one query)."""
    prefixes = {
        PATH_SEPARATOR.join(keys[:depth])
        for candidate in candidates
        for keys in [candidate["path"].split(PATH_SEPARATOR)]
        for depth in range(1, len(keys))
    }
    by_path = {row["path"]: row for row in territories.filter(path__in=prefixes).values("path", "folded_name", "code")}
    words: dict[int, set[str]] = {}
    for candidate in candidates:
        keys = candidate["path"].split(PATH_SEPARATOR)
        ancestors = [by_path.get(PATH_SEPARATOR.join(keys[:depth])) for depth in range(1, len(keys))]
        words[candidate["pk"]] = {w for a in ancestors if a for w in (a["folded_name"], a["code"].lower())}
    return words


def _departement(path: str) -> str:
    prefix = KEY_PREFIXES[TerritoryKind.DEPARTEMENT] + "-"
    return next((key[len(prefix):] for key in path.split(PATH_SEPARATOR) if key.startswith(prefix)), "")
