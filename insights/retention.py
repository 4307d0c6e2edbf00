"""Twelve months of detail, then monthly counts.

Searches and clicks are kept day by day for 12 months (the month in progress
and the 12 before it); older ones are folded into ``MonthlySearchCount`` — per
month and normalised query: searches, searches without results, clicks — and
deleted. ``manage.py aggregate_search_insights`` runs it; so does the
``aggregate_old_searches`` task, which the first write of recorded searches each day
schedules (``insights.tasks``). Folding a month happens in one transaction, so
a run stopped half-way loses or doubles nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from insights.models import MonthlySearchCount, RecordedClick, RecordedSearch

RETENTION_MONTHS = 12
# Two workers folding the same month would count it twice: one fold at a time
# (PostgreSQL advisory lock; SQLite serialises writers itself).
_FOLD_LOCK_KEY = 0x1A5_19_17

Progress = Callable[[int, int], None]


@dataclass
class FoldReport:
    months: int = 0
    searches: int = 0
    clicks: int = 0


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def retention_cutoff(today: datetime.date | None = None) -> datetime.date:
    """The first day still kept in detail: 12 months before the current month's first day."""
    return add_months(month_start(today or timezone.localdate()), -RETENTION_MONTHS)


def fold_before(cutoff: datetime.date, progress: Progress = lambda done, total: None) -> FoldReport:
    """Fold every search and click dated before ``cutoff`` (a month's first day) into monthly counts."""
    if cutoff != month_start(cutoff):
        raise ValueError(f"the cutoff must be the first day of a month, not {cutoff}")
    oldest = [
        day
        for day in (
            RecordedSearch.objects.filter(day__lt=cutoff).order_by("day").values_list("day", flat=True).first(),
            RecordedClick.objects.filter(day__lt=cutoff).order_by("day").values_list("day", flat=True).first(),
        )
        if day
    ]
    report = FoldReport()
    if not oldest:
        return report
    months = []
    month = month_start(min(oldest))
    while month < cutoff:
        months.append(month)
        month = add_months(month, 1)
    for done, month in enumerate(months, start=1):
        searches, clicks = _fold_month(month)
        report.searches += searches
        report.clicks += clicks
        report.months += 1 if searches or clicks else 0
        progress(done, len(months))
    return report


@transaction.atomic
def _fold_month(month: datetime.date) -> tuple[int, int]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_FOLD_LOCK_KEY])
    span = {"day__gte": month, "day__lt": add_months(month, 1)}
    searches = RecordedSearch.objects.filter(**span)
    clicks = RecordedClick.objects.filter(**span)
    counts: dict[str, dict[str, int]] = {}
    for row in searches.values("query").annotate(n=Count("id"), empty=Count("id", filter=Q(results_count=0))):
        counts.setdefault(row["query"], {"searches": 0, "without_results": 0, "clicks": 0})
        counts[row["query"]]["searches"] += row["n"]
        counts[row["query"]]["without_results"] += row["empty"]
    for row in clicks.values("query").annotate(n=Count("id")):
        counts.setdefault(row["query"], {"searches": 0, "without_results": 0, "clicks": 0})
        counts[row["query"]]["clicks"] += row["n"]
    existing = set(MonthlySearchCount.objects.filter(month=month, query__in=counts).values_list("query", flat=True))
    for query in existing:
        values = counts[query]
        MonthlySearchCount.objects.filter(month=month, query=query).update(
            searches=F("searches") + values["searches"],
            without_results=F("without_results") + values["without_results"],
            clicks=F("clicks") + values["clicks"],
        )
    MonthlySearchCount.objects.bulk_create(
        [MonthlySearchCount(month=month, query=query, **values) for query, values in counts.items() if query not in existing]
    )
    return searches.delete()[0], clicks.delete()[0]
