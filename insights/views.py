"""The public statistics page, /statistiques/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insights.statistics import hub_statistics


def statistics_page(request: HttpRequest) -> HttpResponse:
    """Resources, licences, contributors and searches per month, as Les Bases publishes them."""
    return render(request, "insights/statistics.html", {"stats": hub_statistics()})
