"""The background task that applies the indexing outbox, and its retries.

``schedule_sync`` runs after each commit that wrote outbox rows. In
development and tests the ImmediateBackend runs the task right there, inside
the request; production queues it for the ``db_worker``. Either way it must
never fail a publish, and a dead engine must not make every publish wait for a
timeout.

When a drain fails (the engine is down), the rows stay and:

- on a backend that can defer tasks (``django-tasks-db`` in production), the
  task schedules itself again with a bounded exponential back-off
  (``SEARCH_SYNC_RETRY_BASE_SECONDS`` doubling up to
  ``SEARCH_SYNC_RETRY_MAX_SECONDS``), and keeps doing so until the outbox
  drains: the index heals by itself once the engine is back. While a retry of
  this process is pending, the syncs queued by new publishes leave their rows
  to it instead of each waiting on the dead engine;
- on a backend that runs tasks at once (development, tests), syncs are skipped
  for a short while (``RETRY_AFTER_SECONDS``); the next publish or
  ``search_index sync`` applies the rows.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from search.indexing import drain

logger = logging.getLogger(__name__)

# How long to stop trying after the engine was found unavailable, in seconds
# (backends that cannot defer a task).
RETRY_AFTER_SECONDS = 30.0
_paused_until = 0.0
# monotonic time until which a deferred retry scheduled by this process is pending.
_retry_pending_until = 0.0


@task()
def sync_search_index(retry: int = 0) -> dict:
    """Drain the outbox; on failure, schedule retry ``retry + 1``. Returns a JSON report.

    ``retry`` is 0 for the sync of a publish, n for the n-th retry after failures.
    """
    if retry == 0 and retry_pending():
        logger.info("A search sync retry is pending: this sync leaves the outbox to it.")
        return {"postponed": True, "retry": retry}
    report = drain(batch_size=max(1, int(getattr(settings, "SEARCH_INDEX_BATCH_SIZE", 500))))
    next_run = None
    if report.ok:
        _forget_retry()
    else:
        next_run = schedule_retry(retry + 1)
        if next_run is None and report.unavailable:
            pause()
    return {
        "processed": report.processed,
        "indexed": report.indexed,
        "removed": report.removed,
        "remaining": report.remaining,
        "error": report.error,
        "retry": retry,
        "next_retry_at": next_run.isoformat() if next_run else None,
    }


def schedule_sync() -> None:
    """Enqueue the sync task; logs instead of raising whatever goes wrong."""
    if time.monotonic() < _paused_until:
        logger.info("Search engine recently unavailable: sync postponed, outbox kept.")
        return
    try:
        sync_search_index.enqueue()
    except Exception:
        logger.exception("Could not enqueue the search sync task; the outbox keeps the updates.")


def retry_delay(attempt: int) -> float:
    """Seconds before retry ``attempt`` (1, 2, …): base × 2^(attempt-1), at most the maximum."""
    base = float(getattr(settings, "SEARCH_SYNC_RETRY_BASE_SECONDS", 5))
    ceiling = float(getattr(settings, "SEARCH_SYNC_RETRY_MAX_SECONDS", 300))
    return min(base * 2 ** min(max(attempt - 1, 0), 32), ceiling)


def schedule_retry(attempt: int) -> datetime | None:
    """Queue retry ``attempt`` after its back-off; its time, or None if the backend cannot defer."""
    global _retry_pending_until
    if not sync_search_index.get_backend().supports_defer:
        return None
    delay = retry_delay(attempt)
    run_after = timezone.now() + timedelta(seconds=delay)
    try:
        sync_search_index.using(run_after=run_after).enqueue(retry=attempt)
    except Exception:
        logger.exception("Could not schedule the search sync retry; the outbox keeps the updates.")
        return None
    _retry_pending_until = time.monotonic() + delay
    logger.warning("Search indexing failed: retry %d scheduled in %.0fs.", attempt, delay)
    return run_after


def retry_pending() -> bool:
    """Whether this process scheduled a retry that has not come due yet."""
    return time.monotonic() < _retry_pending_until


def _forget_retry() -> None:
    global _retry_pending_until
    _retry_pending_until = 0.0


def pause(seconds: float = RETRY_AFTER_SECONDS) -> None:
    """Skip the after-commit syncs of this process for a while."""
    global _paused_until
    _paused_until = time.monotonic() + seconds


def resume() -> None:
    """Let the next commit sync again (tests, or once the engine is back)."""
    global _paused_until
    _paused_until = 0.0
    _forget_retry()
