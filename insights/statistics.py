"""The hub's public figures (/statistiques/): resources, licences, contributors, searches per month."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core.visibility import visible
from insights.models import MonthlySearchCount, RecordedSearch
from insights.retention import add_months, month_start
from resources.models import EventReportPage, ResourcePage

MONTHS_SHOWN = 12


@dataclass
class LicenceShare:
    id: str
    name: str
    short_name: str
    count: int
    percent: float


@dataclass
class MonthCount:
    month: datetime.date
    searches: int
    percent_of_max: float


@dataclass
class HubStatistics:
    resources: int
    event_reports: int
    licences: list[LicenceShare]
    contributors: int  # accounts that published at least one public resource
    credited: int  # distinct authors and organisations credited on public resources
    searches_per_month: list[MonthCount]

    @property
    def searches_total(self) -> int:
        return sum(month.searches for month in self.searches_per_month)


def hub_statistics(today: datetime.date | None = None) -> HubStatistics:
    """The figures, in a fixed number of queries whatever the size of the hub."""
    resources = visible(ResourcePage.objects.all())
    total = resources.count()
    licences = [
        LicenceShare(row["licence_id"], row["licence__name"], row["licence__short_name"], row["n"],
                     100 * row["n"] / total if total else 0.0)
        for row in resources.values("licence_id", "licence__name", "licence__short_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "licence__name")
    ]
    return HubStatistics(
        resources=total,
        event_reports=visible(EventReportPage.objects.all()).count(),
        licences=licences,
        contributors=resources.exclude(owner=None).values("owner").distinct().count(),
        credited=resources.exclude(attribution="").values("attribution").distinct().count(),
        searches_per_month=searches_per_month(today or timezone.localdate()),
    )


def searches_per_month(today: datetime.date, months: int = MONTHS_SHOWN) -> list[MonthCount]:
    """Public searches of the last ``months`` months, the current one included, oldest first."""
    first = add_months(month_start(today), 1 - months)
    counts = {add_months(first, n): 0 for n in range(months)}
    recorded = (
        RecordedSearch.objects.filter(day__gte=first)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(n=Count("id"))
    )
    for row in recorded:
        counts[_as_date(row["month"])] += row["n"]
    for row in MonthlySearchCount.objects.filter(month__gte=first).values("month").annotate(n=Sum("searches")):
        counts[row["month"]] += row["n"]
    peak = max(counts.values(), default=0)
    return [MonthCount(month, n, 100 * n / peak if peak else 0.0) for month, n in counts.items()]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
