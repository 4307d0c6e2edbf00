"""Territories in bulk, for those who read many at once (search documents, API checks)."""

from __future__ import annotations

from collections.abc import Iterable

from territories.models import PATH_SEPARATOR, Territory


def lineages(territory_ids: Iterable[int]) -> dict[int, list[Territory]]:
    """Each territory with its ancestors, from the région down, by territory id.

    Two queries whatever the number of territories: the territories, then
    every ancestor named by their paths.
    """
    territories = list(Territory.objects.filter(pk__in=set(territory_ids)))
    prefixes = {
        PATH_SEPARATOR.join(keys[:depth])
        for territory in territories
        for keys in [territory.path.split(PATH_SEPARATOR)]
        for depth in range(1, len(keys))
    }
    by_path = {t.path: t for t in Territory.objects.filter(path__in=prefixes)} if prefixes else {}
    by_path.update({t.path: t for t in territories})
    result = {}
    for territory in territories:
        keys = territory.path.split(PATH_SEPARATOR)
        lineage = [by_path.get(PATH_SEPARATOR.join(keys[:depth])) for depth in range(1, len(keys) + 1)]
        result[territory.pk] = [t for t in lineage if t is not None]
    return result


def existing_keys(keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` name a territory of the register (one query)."""
    return {territory.key for territory in Territory.objects.with_keys(keys).only("kind", "code")}
