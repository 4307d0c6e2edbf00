"""Apply the indexing outbox to the search engine.

``drain`` applies pending rows and deletes them only once the engine took
them: a search outage leaves them in place for the next drain, nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from search import backends
from search.backends.base import SearchBackend, SearchUnavailable
from search.documents import build_documents, indexable_resources
from search.models import IndexOutboxEntry

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
# Resources built per query batch by a full rebuild: each batch runs the same
# fixed number of queries, so larger batches run fewer of them (memory stays small).
REBUILD_BATCH_SIZE = 2_000
DEFAULT_MAX_ATTEMPTS = 5
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
    set_aside: int = 0  # entries left out after too many failures (counted in remaining)

    @property
    def ok(self) -> bool:
        return self.error is None


def drain(
    batch_size: int = DEFAULT_BATCH_SIZE,
    backend: SearchBackend | None = None,
    max_batches: int | None = None,
) -> DrainReport:
    """Apply pending entries, oldest first, until none is left or the engine fails.

    Never raises for an engine error: the failing entries stay (last_error set;
    attempts + 1 unless the engine was unavailable) and the report says what
    happened. An outage stops the drain (the next one retries everything). A page whose document cannot be built or
    is refused is found page by page, so the rest of its batch is indexed; it is
    tried again by later drains, then set aside after ``max_attempts()`` failures
    so it never holds the queue nor keeps retries going (``search_index status``
    lists it, ``search_index sync --retry-set-aside`` tries it again).
    """
    report = DrainReport()
    try:
        backend = backend or backends.get_backend()
    except Exception as exc:  # a misconfigured or missing backend must not break a publish
        report.error, report.unavailable = _describe(exc), isinstance(exc, SearchUnavailable)
        logger.warning("Search backend unavailable, indexing postponed: %s", report.error)
    else:
        failed: set[int] = set()  # entries that failed in this drain: not tried twice
        batches = 0
        while max_batches is None or batches < max_batches:
            batches += 1
            if not _drain_batch(batch_size, backend, report, failed):
                break
    report.remaining = IndexOutboxEntry.objects.count()
    report.set_aside = set_aside_entries().count()
    return report


def max_attempts() -> int:
    """Failed attempts after which an entry is set aside (``SEARCH_INDEX_MAX_ATTEMPTS``)."""
    return max(1, int(getattr(settings, "SEARCH_INDEX_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)))


def set_aside_entries():
    """Entries no drain takes any more: their page failed ``max_attempts()`` times."""
    return IndexOutboxEntry.objects.filter(attempts__gte=max_attempts())


def _drain_batch(batch_size: int, backend: SearchBackend, report: DrainReport, failed: set[int]) -> bool:
    """Apply one batch; True if the next batch may follow (False: nothing left, or an outage)."""
    with transaction.atomic():
        _serialise_drains()
        rows = list(_pending(failed).values_list("id", "page_id")[:batch_size])
        if not rows:
            return False
        try:
            # A savepoint, so a database error while building documents does
            # not abort the transaction that records the failure below.
            with transaction.atomic():
                indexed, removed = _apply(list(dict.fromkeys(page for _, page in rows)), backend)
        except Exception as exc:
            if isinstance(exc, SearchUnavailable) or len(rows) == 1:
                _record_failure(rows, exc, report, failed)
                return not report.unavailable
            return _apply_page_by_page(rows, backend, report, failed)
        _done(rows, indexed, removed, report)
    return True


def _apply_page_by_page(rows: list[tuple[int, int]], backend: SearchBackend, report: DrainReport,
                        failed: set[int]) -> bool:
    """Index a failed batch's pages one at a time: the faulty ones keep their entries."""
    by_page: dict[int, list[tuple[int, int]]] = {}
    for row in rows:
        by_page.setdefault(row[1], []).append(row)
    for page_id, page_rows in by_page.items():
        try:
            with transaction.atomic():
                indexed, removed = _apply([page_id], backend)
        except Exception as exc:
            _record_failure(page_rows, exc, report, failed)
            if report.unavailable:
                return False
            continue
        _done(page_rows, indexed, removed, report)
    return True


def _done(rows: list[tuple[int, int]], indexed: int, removed: int, report: DrainReport) -> None:
    # Delete exactly the rows read: a row written meanwhile (even with a
    # lower id, from a transaction that committed late) stays for next time.
    IndexOutboxEntry.objects.filter(id__in=[entry_id for entry_id, _ in rows]).delete()
    report.processed += len(rows)
    report.indexed += indexed
    report.removed += removed


def _record_failure(rows: list[tuple[int, int]], exc: Exception, report: DrainReport, failed: set[int]) -> None:
    error = _describe(exc)
    report.error = report.error or error
    report.unavailable = report.unavailable or isinstance(exc, SearchUnavailable)
    entry_ids = [entry_id for entry_id, _ in rows]
    failed.update(entry_ids)
    # An outage says nothing about the pages: only their own failures count towards
    # setting them aside, so a long outage never sets the whole backlog aside.
    counted = {} if isinstance(exc, SearchUnavailable) else {"attempts": F("attempts") + 1}
    IndexOutboxEntry.objects.filter(id__in=entry_ids).update(last_error=error[:_MAX_ERROR_LENGTH], **counted)
    logger.warning("Search indexing postponed for page(s) %s: %s",
                   sorted({page for _, page in rows}), error)


def _pending(failed: set[int]):
    queryset = IndexOutboxEntry.objects.filter(attempts__lt=max_attempts()).exclude(id__in=failed).order_by("id")
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
