"""The editors' search report: per normalised query over a period, from the daily records
and, for months already folded, the monthly counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from insights.models import MonthlySearchCount, RecordedClick, RecordedSearch
from insights.retention import month_start

ROWS_PER_TABLE = 50


@dataclass
class QueryRow:
    query: str
    searches: int = 0
    without_results: int = 0
    clicks: int = 0
    most_results: int = 0  # the most results one of its searches found (daily records only)

    @property
    def with_results(self) -> int:
        return self.searches - self.without_results


@dataclass
class SearchReport:
    start: datetime.date | None
    end: datetime.date
    searches: int
    frequent: list[QueryRow]
    without_results: list[QueryRow]
    without_clicks: list[QueryRow]


def query_rows(start: datetime.date | None, end: datetime.date) -> dict[str, QueryRow]:
    """Every non-empty query searched between ``start`` (None: since the beginning) and ``end``, inclusive."""
    days = {"day__lte": end, **({"day__gte": start} if start else {})}
    rows: dict[str, QueryRow] = {}
    searches = RecordedSearch.objects.filter(**days).exclude(query="").values("query")
    for row in searches.annotate(n=Count("id"), empty=Count("id", filter=Q(results_count=0)), most=Max("results_count")):
        rows[row["query"]] = QueryRow(row["query"], row["n"], row["empty"], 0, row["most"] or 0)
    for row in RecordedClick.objects.filter(**days).exclude(query="").values("query").annotate(n=Count("id")):
        rows.setdefault(row["query"], QueryRow(row["query"])).clicks += row["n"]
    months = {"month__lte": end, **({"month__gte": month_start(start)} if start else {})}
    folded = MonthlySearchCount.objects.filter(**months).exclude(query="").values("query")
    for row in folded.annotate(n=Sum("searches"), empty=Sum("without_results"), clicked=Sum("clicks")):
        entry = rows.setdefault(row["query"], QueryRow(row["query"]))
        entry.searches += row["n"]
        entry.without_results += row["empty"]
        entry.clicks += row["clicked"]
    return rows


def search_report(start: datetime.date | None, end: datetime.date, limit: int = ROWS_PER_TABLE) -> SearchReport:
    """The three tables: most frequent queries, queries that found nothing, queries found but never followed."""
    rows = list(query_rows(start, end).values())
    by_searches = sorted(rows, key=lambda row: (-row.searches, row.query))
    return SearchReport(
        start=start,
        end=end,
        searches=sum(row.searches for row in rows),
        frequent=by_searches[:limit],
        without_results=sorted(
            (row for row in rows if row.without_results), key=lambda row: (-row.without_results, row.query)
        )[:limit],
        without_clicks=[row for row in by_searches if row.with_results and not row.clicks][:limit],
    )
