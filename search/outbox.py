"""The indexing outbox: record what must be re-indexed.

``enqueue`` writes rows in the caller's transaction, so an update is recorded
if and only if the change that causes it commits, and schedules one sync task
for after the commit (``search.tasks``), which applies them (``search.indexing``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Min

from search.models import IndexOutboxEntry
from search.tasks import schedule_sync


def enqueue(page_ids: Iterable[int], reason: str) -> int:
    """Record that these pages' documents must be refreshed; returns rows written.

    The rows belong to the current transaction (they roll back with it), and
    one sync task is scheduled for after the commit, whatever the row count.
    """
    ids = list(dict.fromkeys(int(pk) for pk in page_ids if pk is not None))
    if not ids:
        return 0
    IndexOutboxEntry.objects.bulk_create(
        [IndexOutboxEntry(page_id=pk, reason=reason[:64]) for pk in ids]
    )
    _schedule_sync_once()
    return len(ids)


def _schedule_sync_once() -> None:
    # Django drops the callbacks of a rolled-back savepoint from run_on_commit,
    # so looking there tells whether this transaction already has its sync.
    if connection.in_atomic_block and any(
        entry[1] is _sync_after_commit for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_sync_after_commit, robust=True)


def _sync_after_commit() -> None:
    schedule_sync()


def backlog() -> tuple[int, datetime | None]:
    """How many entries wait, and when the oldest was written."""
    stats = IndexOutboxEntry.objects.aggregate(oldest=Min("created_at"))
    return IndexOutboxEntry.objects.count(), stats["oldest"]
