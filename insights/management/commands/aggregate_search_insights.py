"""``manage.py aggregate_search_insights``: fold searches older than 12 months into monthly counts.

    python manage.py aggregate_search_insights            # what the daily task does
    python manage.py aggregate_search_insights --before 2025-01-01

The daily task (``insights.tasks``) does the same on its own; this is for a
first run on old data, or to check what would be folded.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from core.progress import TextProgressBar
from insights.retention import fold_before, month_start, retention_cutoff


class Command(BaseCommand):
    help = "Fold recorded searches and clicks older than the retention period (12 months) into monthly counts."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--before",
            help="Fold what is dated before this month's first day (YYYY-MM-01); default: 12 months ago.",
        )

    def handle(self, *args, before: str | None = None, **options) -> None:
        cutoff = _cutoff(before) if before else retention_cutoff()
        self.stdout.write(f"Folding searches and clicks dated before {cutoff:%Y-%m-%d} into monthly counts.")
        bar = TextProgressBar(self.stdout, label="mois ")
        try:
            report = fold_before(cutoff, bar)
        finally:
            bar.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Folded {report.searches} searches and {report.clicks} clicks over {report.months} month(s)."
            )
        )


def _cutoff(value: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--before: « {value} » is not a date like 2025-01-01.") from None
    if day != month_start(day):
        raise CommandError(f"--before: « {value} » must be the first day of a month, e.g. {month_start(day)}.")
    if day > retention_cutoff():
        raise CommandError(
            f"--before: « {value} » is inside the retention period; the latest cutoff allowed is "
            f"{retention_cutoff():%Y-%m-%d} (12 months are kept in detail)."
        )
    return day
