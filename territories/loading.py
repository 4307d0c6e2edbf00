"""Load the register from the dataset: idempotent, in bulk, with progress."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby, islice

from django.db import transaction

from core.content_version import content_changed
from territories.dataset import TerritoryRow
from territories.models import Territory, fold

# Territories written per bulk statement.
BATCH_SIZE = 2_000

Progress = Callable[[int, int], None]


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Territories of the register that the dataset no longer lists (kept: resources may point at them).
    absent: int = 0


def load(rows: Iterable[TerritoryRow], progress: Progress | None = None, model=Territory) -> LoadReport:
    """Create or update every territory of ``rows`` (parents before children), in one transaction.

    Loading the same data twice changes nothing: rows are compared with what
    the register holds and only the differences are written. ``model`` may be a
    migration's historical ``Territory`` (nothing here relies on its methods).
    """
    Territory = model  # noqa: N806 - the real model or a migration's historical one
    rows = list(rows)
    report = LoadReport()
    with transaction.atomic():
        existing = {
            (kind, code): (pk, name, parent_id, path)
            for pk, kind, code, name, parent_id, path in Territory.objects.values_list(
                "pk", "kind", "code", "name", "parent_id", "path"
            )
        }
        ids_by_path = {path: pk for pk, _, _, path in existing.values()}
        done = 0
        # Kind by kind (régions, départements, communes): a parent is written before its children.
        for batch in _batches(rows):
            to_create, to_update = [], []
            for row in batch:
                parent_id = ids_by_path[row.parent_path] if row.parent_path else None
                known = existing.get((row.kind, row.code))
                if known is None:
                    to_create.append(
                        Territory(kind=row.kind, code=row.code, name=row.name, folded_name=fold(row.name),
                                  parent_id=parent_id, path=row.path)
                    )
                elif known[1:] != (row.name, parent_id, row.path):
                    to_update.append(
                        Territory(pk=known[0], kind=row.kind, code=row.code, name=row.name,
                                  folded_name=fold(row.name), parent_id=parent_id, path=row.path)
                    )
                else:
                    report.unchanged += 1
            if to_update:
                Territory.objects.bulk_update(to_update, ["name", "folded_name", "parent", "path"])
                report.updated += len(to_update)
            if to_create:
                for territory in Territory.objects.bulk_create(to_create):
                    ids_by_path[territory.path] = territory.pk
                report.created += len(to_create)
            done += len(batch)
            if progress:
                progress(done, len(rows))
        listed = {(row.kind, row.code) for row in rows}
        report.absent = sum(1 for key in existing if key not in listed)
        if report.created or report.updated:
            # Bulk writes send no model signal: tell the response cache (names on public pages).
            transaction.on_commit(content_changed)
    return report


def _batches(rows: list[TerritoryRow]) -> Iterator[list[TerritoryRow]]:
    """Batches of one kind each, in the order the kinds first appear."""
    for _, of_kind in groupby(rows, key=lambda row: row.kind):
        iterator = iter(of_kind)
        while batch := list(islice(iterator, BATCH_SIZE)):
            yield batch
