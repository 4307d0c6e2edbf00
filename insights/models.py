"""What the hub keeps of its visitors' searches: no IP, no cookie, no user agent, no account.

A ``RecordedSearch`` is one public search (its text normalised, its filters,
how many results), a ``RecordedClick`` one result followed from a search; both
carry the day only. After 12 months they are folded into ``MonthlySearchCount``
(one row per month and query) by ``manage.py aggregate_search_insights`` (see
``insights.retention``).
"""

from __future__ import annotations

from django.db import models


class Channel(models.TextChoices):
    PAGE = "page", "page de recherche"
    API = "api", "API"


class RecordedSearch(models.Model):
    day = models.DateField("jour", db_index=True)
    query = models.CharField("recherche (normalisée)", max_length=200, db_index=True, blank=True)
    filters = models.JSONField("filtres", default=dict, blank=True)
    results_count = models.PositiveIntegerField("résultats")
    channel = models.CharField("origine", max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = "recherche enregistrée"
        verbose_name_plural = "recherches enregistrées"
        indexes = [models.Index(fields=["day", "query"], name="insights_search_day_query")]

    def __str__(self) -> str:
        return f"{self.day} « {self.query} » ({self.results_count})"


class RecordedClick(models.Model):
    day = models.DateField("jour", db_index=True)
    query = models.CharField("recherche (normalisée)", max_length=200, blank=True)
    # The resource followed; kept as a plain id so deleting a page never touches the statistics.
    resource_id = models.BigIntegerField("ressource")
    position = models.PositiveIntegerField("rang", null=True, blank=True)
    channel = models.CharField("origine", max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = "résultat suivi"
        verbose_name_plural = "résultats suivis"
        indexes = [models.Index(fields=["day", "query"], name="insights_click_day_query")]

    def __str__(self) -> str:
        return f"{self.day} « {self.query} » → {self.resource_id}"


class MonthlySearchCount(models.Model):
    """Searches older than the retention period, counted per month and query."""

    month = models.DateField("mois")  # its first day
    query = models.CharField("recherche (normalisée)", max_length=200, blank=True)
    searches = models.PositiveIntegerField("recherches", default=0)
    without_results = models.PositiveIntegerField("sans résultat", default=0)
    clicks = models.PositiveIntegerField("résultats suivis", default=0)

    class Meta:
        verbose_name = "recherches du mois"
        verbose_name_plural = "recherches par mois"
        constraints = [models.UniqueConstraint(fields=["month", "query"], name="insights_month_query_unique")]
        ordering = ["month", "query"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} « {self.query} » × {self.searches}"
