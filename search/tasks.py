"""The background task that applies the indexing outbox.

``schedule_sync`` runs after each commit that wrote outbox rows. In
development and tests the ImmediateBackend runs the task right there, inside
the request; production queues it for the ``db_worker``. Either way it must
never fail a publish, and a dead engine must not make every publish wait for a
timeout: after a failure seen in this process, syncs are skipped for a short
while (the rows stay; the next sync or ``search_index sync`` applies them).
"""

from __future__ import annotations

import logging
import time

from django_tasks import task

from search.indexing import drain

logger = logging.getLogger(__name__)

# How long to stop trying after the engine was found unavailable, in seconds.
RETRY_AFTER_SECONDS = 30.0
_paused_until = 0.0


@task()
def sync_search_index() -> dict:
    """Drain the outbox; returns the drain report (JSON) for the task result."""
    report = drain()
    if report.unavailable:
        pause()
    return {
        "processed": report.processed,
        "indexed": report.indexed,
        "removed": report.removed,
        "remaining": report.remaining,
        "error": report.error,
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


def pause(seconds: float = RETRY_AFTER_SECONDS) -> None:
    """Skip the after-commit syncs of this process for a while."""
    global _paused_until
    _paused_until = time.monotonic() + seconds


def resume() -> None:
    """Let the next commit sync again (tests, or once the engine is back)."""
    global _paused_until
    _paused_until = 0.0
