"""Apply the indexing outbox to the search engine.

``drain`` applies pending rows and deletes them only once the engine took
them: a search outage leaves them in place for the next drain, nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from search import backends
from search.backends.base import SearchBackend, SearchUnavailable
from search.documents import build_documents, indexable_resources
from search.models import IndexOutboxEntry

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
# Key of the PostgreSQL advisory lock that serialises drains (any constant works).
_DRAIN_LOCK_KEY = 0x5EA2C4
_MAX_ERROR_LENGTH = 2000


@dataclass
class DrainReport:
    """What one drain did: entries applied, documents written and removed."""

    processed: int = 0
    indexed: int = 0
    removed: int = 0
    remaining: int = 0
    error: str | None = None
    unavailable: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def drain(
    batch_size: int = DEFAULT_BATCH_SIZE,
    backend: SearchBackend | None = None,
    max_batches: int | None = None,
) -> DrainReport:
    """Apply pending entries, oldest first, until none is left or the engine fails.

    Never raises for an engine error: the failing batch keeps its entries
    (attempts + 1, last_error set) and the report says what happened.
    """
    report = DrainReport()
    try:
        backend = backend or backends.get_backend()
    except Exception as exc:  # a misconfigured or missing backend must not break a publish
        report.error, report.unavailable = _describe(exc), isinstance(exc, SearchUnavailable)
        logger.warning("Search backend unavailable, indexing postponed: %s", report.error)
    else:
        batches = 0
        while max_batches is None or batches < max_batches:
            batches += 1
            if not _drain_batch(batch_size, backend, report):
                break
    report.remaining = IndexOutboxEntry.objects.count()
    return report


def _drain_batch(batch_size: int, backend: SearchBackend, report: DrainReport) -> bool:
    """Apply one batch; True if it applied entries and the next batch may follow."""
    with transaction.atomic():
        _serialise_drains()
        rows = list(_pending().values_list("id", "page_id")[:batch_size])
        if not rows:
            return False
        entry_ids = [entry_id for entry_id, _ in rows]
        page_ids = list(dict.fromkeys(page_id for _, page_id in rows))
        try:
            # A savepoint, so a database error while building documents does
            # not abort the transaction that records the failure below.
            with transaction.atomic():
                indexed, removed = _apply(page_ids, backend)
        except Exception as exc:
            report.error, report.unavailable = _describe(exc), isinstance(exc, SearchUnavailable)
            IndexOutboxEntry.objects.filter(id__in=entry_ids).update(
                attempts=F("attempts") + 1, last_error=report.error[:_MAX_ERROR_LENGTH]
            )
            logger.warning(
                "Search indexing postponed for %d page(s): %s", len(page_ids), report.error
            )
            return False
        # Delete exactly the rows read: a row written meanwhile (even with a
        # lower id, from a transaction that committed late) stays for next time.
        IndexOutboxEntry.objects.filter(id__in=entry_ids).delete()
    report.processed += len(entry_ids)
    report.indexed += indexed
    report.removed += removed
    return True


def _pending():
    queryset = IndexOutboxEntry.objects.order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return queryset


def _serialise_drains() -> None:
    # skip_locked alone keeps two workers off the same rows, but not off the
    # same page: one could write an older document after the other wrote a
    # newer one. One drain at a time (per batch transaction) rules that out.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_DRAIN_LOCK_KEY])


def _apply(page_ids: list[int], backend: SearchBackend) -> tuple[int, int]:
    """Index the pages the public may see, remove the others; (indexed, removed)."""
    visible = set(indexable_resources().filter(pk__in=page_ids).values_list("pk", flat=True))
    documents = list(build_documents(sorted(visible)))
    indexed = backend.index_documents(documents) if documents else 0
    gone = [pk for pk in page_ids if pk not in visible]
    if gone:
        backend.delete_documents(gone)
    return indexed, len(gone)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
