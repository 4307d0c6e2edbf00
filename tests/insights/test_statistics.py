"""The public statistics page: resources, licences, contributors, searches per month."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.models import MonthlySearchCount, RecordedSearch
from insights.retention import add_months, month_start
from insights.statistics import hub_statistics
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_figures_count_only_what_the_public_sees(hub, hidden, editor):
    guide = hub["guide"]
    guide.owner = editor
    guide.save(update_fields=["owner"])
    stats = hub_statistics()
    assert stats.resources == 3  # guide, podcast, event report; never the draft, unpublished or private ones
    assert stats.event_reports == 1
    assert stats.contributors == 1
    assert {(licence.id, licence.count) for licence in stats.licences} == {("etalab-2.0", 1), ("cc-by-sa-4.0", 2)}
    assert sum(licence.percent for licence in stats.licences) == pytest.approx(100)


def test_searches_per_month_add_the_detail_and_the_folded_months():
    today = timezone.localdate()
    this_month = month_start(today)
    RecordedSearch.objects.create(day=today, query="a", results_count=1, channel="page")
    RecordedSearch.objects.create(day=today, query="", results_count=1, channel="api")  # facets only: a search too
    MonthlySearchCount.objects.create(month=add_months(this_month, -11), query="b", searches=7)
    MonthlySearchCount.objects.create(month=add_months(this_month, -12), query="c", searches=100)  # too old to show
    months = hub_statistics().searches_per_month
    assert len(months) == 12
    assert (months[0].month, months[0].searches) == (add_months(this_month, -11), 7)
    assert (months[-1].month, months[-1].searches) == (this_month, 2)
    assert months[0].percent_of_max == 100


def test_the_page_is_public_dsfr_and_linked_from_the_footer(client, hub):
    RecordedSearch.objects.create(day=timezone.localdate(), query="a", results_count=1, channel="page")
    response = client.get("/statistiques/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<p class="fr-h2 fr-mb-0" id="nombre-ressources">3</p>' in page
    assert "Licence Ouverte 2.0" in page
    assert re.search(r"1 recherche sur les 12 derniers mois", page)
    assert 'href="/statistiques/">Statistiques</a>' in client.get("/recherche/").content.decode()


def test_the_page_costs_the_same_queries_whatever_the_hub_size(client, hub):
    client.get("/statistiques/")
    with CaptureQueriesContext(connection) as small:
        client.get("/statistiques/")
    for number in range(5):
        factories.ResourcePageFactory(title=f"Ressource {number}", licence_id="cc0-1.0")
    RecordedSearch.objects.bulk_create(
        [RecordedSearch(day=timezone.localdate() - datetime.timedelta(days=n * 20), query="q", results_count=1,
                        channel="page") for n in range(15)]
    )
    with CaptureQueriesContext(connection) as large:
        client.get("/statistiques/")
    assert len(large) == len(small)
