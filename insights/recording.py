"""Record the searches and clicks search announces (``search.events``).

A failure here is logged and swallowed (search also sends robustly): the
visitor gets the results whether or not they could be recorded.

Searches are written together, ``INSIGHTS_SEARCH_BATCH_SIZE`` rows in one
INSERT (1, the default: each at once, in the request). Above 1, a search waits
in this process's buffer until the batch is full, ``INSIGHTS_SEARCH_FLUSH_SECONDS``
after the first row waiting (a timer thread writes them, on its own connection),
or until the process exits normally (``atexit``; gunicorn's ``worker_exit`` runs
the exit functions too): one INSERT and its commit per search cost a cached
search about a third of its time. Each write also schedules the day's retention
task (``insights.tasks``). Clicks, much rarer, are written at once.
"""

from __future__ import annotations

import atexit
import logging
import threading

from django.conf import settings
from django.db import connections
from django.http import HttpRequest
from django.utils import timezone

from insights.models import RecordedClick, RecordedSearch
from insights.normalise import normalise_query
from insights.tasks import schedule_retention
from insights.visitors import is_counted
from search.events import result_clicked, search_performed
from search.query import SearchQuery

logger = logging.getLogger(__name__)


class SearchBuffer:
    """Recorded searches of this process not written yet; shared by its threads."""

    def __init__(self) -> None:
        self._rows: list[RecordedSearch] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def add(self, row: RecordedSearch) -> None:
        """Keep ``row``; write the batch when it is full (in the caller's thread)."""
        with self._lock:
            self._rows.append(row)
            full = len(self._rows) >= batch_size()
            if not full and self._timer is None:
                self._timer = threading.Timer(flush_seconds(), self._flush_from_timer)
                self._timer.daemon = True
                self._timer.start()
        if full:
            self.flush()

    def flush(self) -> int:
        """Write every waiting row in one INSERT; how many were written."""
        with self._lock:
            rows, self._rows = self._rows, []
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        if not rows:
            return 0
        try:
            RecordedSearch.objects.bulk_create(rows)
            schedule_retention()
        except Exception:
            logger.exception("could not record %d search(es)", len(rows))
            return 0
        return len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def _flush_from_timer(self) -> None:
        try:
            self.flush()
        finally:
            # This thread's own connection, opened for the write: not left to the server's limit.
            connections.close_all()


searches = SearchBuffer()
# A normal exit writes what is waiting (gunicorn's worker_exit runs the exit functions).
atexit.register(searches.flush)


def batch_size() -> int:
    """Searches written together (``INSIGHTS_SEARCH_BATCH_SIZE``; 1: each at once)."""
    return max(1, int(getattr(settings, "INSIGHTS_SEARCH_BATCH_SIZE", 1)))


def flush_seconds() -> float:
    """Longest a recorded search waits in the buffer (``INSIGHTS_SEARCH_FLUSH_SECONDS``)."""
    return max(0.0, float(getattr(settings, "INSIGHTS_SEARCH_FLUSH_SECONDS", 5)))


def record_search(sender, request: HttpRequest, query: SearchQuery, total: int, channel: str, **kwargs) -> None:
    """One public search: its first page only (later pages are the same search), none if empty."""
    try:
        if query.page != 1 or not (query.text or query.filters) or not is_counted(request):
            return
        searches.add(
            RecordedSearch(
                day=timezone.localdate(),
                query=normalise_query(query.text),
                filters={facet.value: sorted(values) for facet, values in sorted(query.filters.items())},
                results_count=total,
                channel=channel,
            )
        )
    except Exception:
        logger.exception("could not record a search")


def record_click(
    sender, request: HttpRequest, text: str, resource_id: int, position: int | None, channel: str, **kwargs
) -> None:
    try:
        if not is_counted(request):
            return
        RecordedClick.objects.create(
            day=timezone.localdate(),
            query=normalise_query(text),
            resource_id=resource_id,
            position=position,
            channel=channel,
        )
    except Exception:
        logger.exception("could not record a click")


def connect() -> None:
    search_performed.connect(record_search, dispatch_uid="insights.record_search")
    result_clicked.connect(record_click, dispatch_uid="insights.record_click")
