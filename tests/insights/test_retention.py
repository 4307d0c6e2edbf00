"""Twelve months in detail, then monthly counts (command and daily task)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from insights import tasks
from insights.models import MonthlySearchCount, RecordedClick, RecordedSearch
from insights.report import search_report
from insights.retention import fold_before, retention_cutoff

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


def search(day: datetime.date, query: str, results: int) -> RecordedSearch:
    return RecordedSearch.objects.create(day=day, query=query, results_count=results, channel="page")


def click(day: datetime.date, query: str) -> RecordedClick:
    return RecordedClick.objects.create(day=day, query=query, resource_id=1, position=1, channel="page")


def test_the_cutoff_keeps_the_current_month_and_the_twelve_before():
    assert retention_cutoff(TODAY) == datetime.date(2025, 12, 1)
    assert retention_cutoff(datetime.date(2026, 1, 31)) == datetime.date(2025, 1, 1)


def test_old_searches_are_folded_into_monthly_counts_and_recent_ones_kept():
    search(datetime.date(2025, 3, 4), "tiers-lieux", 5)
    search(datetime.date(2025, 3, 20), "tiers-lieux", 0)
    search(datetime.date(2025, 3, 21), "recyclerie", 0)
    click(datetime.date(2025, 3, 4), "tiers-lieux")
    search(datetime.date(2025, 5, 1), "tiers-lieux", 2)
    recent = search(datetime.date(2025, 12, 1), "tiers-lieux", 4)
    report = fold_before(retention_cutoff(TODAY))
    assert (report.searches, report.clicks, report.months) == (4, 1, 2)
    assert list(RecordedSearch.objects.all()) == [recent]
    assert not RecordedClick.objects.exists()
    counts = {(row.month, row.query): (row.searches, row.without_results, row.clicks)
              for row in MonthlySearchCount.objects.all()}
    assert counts == {
        (datetime.date(2025, 3, 1), "tiers-lieux"): (2, 1, 1),
        (datetime.date(2025, 3, 1), "recyclerie"): (1, 1, 0),
        (datetime.date(2025, 5, 1), "tiers-lieux"): (1, 0, 0),
    }
    # Run again: nothing more to fold, nothing counted twice.
    assert fold_before(retention_cutoff(TODAY)).searches == 0
    # A later fold of the same month adds to its counts.
    search(datetime.date(2025, 3, 30), "recyclerie", 0)
    fold_before(retention_cutoff(TODAY))
    assert MonthlySearchCount.objects.get(month=datetime.date(2025, 3, 1), query="recyclerie").searches == 2


def test_the_report_reads_folded_months_too():
    search(datetime.date(2025, 3, 4), "recyclerie", 0)
    search(datetime.date(2025, 12, 5), "recyclerie", 0)
    fold_before(retention_cutoff(TODAY))
    report = search_report(datetime.date(2025, 1, 1), TODAY)
    assert [(row.query, row.searches, row.without_results) for row in report.without_results] == [("recyclerie", 2, 2)]
    assert search_report(datetime.date(2025, 12, 1), TODAY).without_results[0].searches == 1


def test_the_command_folds_with_progress_and_refuses_bad_dates():
    search(datetime.date(2020, 1, 5), "vieux", 1)
    out = StringIO()
    call_command("aggregate_search_insights", stdout=out)
    assert "Folded 1 searches and 0 clicks over 1 month(s)." in out.getvalue()
    assert "100%" in out.getvalue()
    assert MonthlySearchCount.objects.get().query == "vieux"
    for value, message in [("hier", "is not a date"), ("2020-01-15", "first day of a month"),
                           ("2099-01-01", "inside the retention period")]:
        with pytest.raises(CommandError, match=message):
            call_command("aggregate_search_insights", "--before", value, stdout=StringIO())


def test_the_first_recorded_search_of_the_day_runs_the_retention_task(client, hub, django_capture_on_commit_callbacks):
    search(datetime.date(2019, 6, 1), "très vieux", 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/api/v3/search/", {"q": "lieux"}, HTTP_USER_AGENT="Firefox")
    assert MonthlySearchCount.objects.get().query == "très vieux"
    # Once a day: a second search schedules nothing.
    with django_capture_on_commit_callbacks() as callbacks:
        tasks.schedule_retention()
    assert callbacks == []
