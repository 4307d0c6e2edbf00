"""The retention task, scheduled at most once a day per process by the first write of recorded searches.

With the ImmediateBackend (development, tests) it runs right after that
search's commit; in production the ``db_worker`` runs it. No cron is needed;
``manage.py aggregate_search_insights`` does the same by hand.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from insights.retention import fold_before, retention_cutoff


@task()
def aggregate_old_searches() -> dict:
    """Fold what is older than the retention period; returns what was folded (JSON)."""
    report = fold_before(retention_cutoff())
    return {"months": report.months, "searches": report.searches, "clicks": report.clicks}


def schedule_retention() -> None:
    """Enqueue the retention task unless this process already did today."""
    if cache.add(f"insights:retention:{timezone.localdate().isoformat()}", True, timeout=24 * 3600):
        transaction.on_commit(aggregate_old_searches.enqueue)
