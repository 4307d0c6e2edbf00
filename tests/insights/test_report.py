"""The editors' report: frequent queries, queries that found nothing, queries never followed,
each with « Ajouter un synonyme » into the synonyms screen."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights.models import RecordedClick, RecordedSearch
from search.models import SearchSynonym
from tests import factories
from tests.insights.conftest import VISITOR, index

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/recherches/"


def section(page: str, section_id: str) -> str:
    found = re.search(rf'<section class="w-mb-8" id="{section_id}">(.*?)</section>', page, re.S)
    assert found, section_id
    return found.group(1)


def listed(page: str, section_id: str) -> list[str]:
    return re.findall(r"<td>« (.*?) »</td>", section(page, section_id))


def test_a_query_that_found_nothing_is_listed_and_its_synonym_makes_it_find_the_resource(client, admin_client, engine):
    resource = factories.ResourcePageFactory(
        title="Ressourcerie numérique du quartier", summary="Des ordinateurs remis en état et prêtés."
    )
    index(engine)
    # A visitor types a word the resource does not use: nothing.
    assert client.get("/api/v3/search/", {"q": "Recyclerie"}, **VISITOR).json()["total"] == 0

    page = admin_client.get(REPORT).content.decode()
    assert listed(page, "sans-resultat") == ["recyclerie"]
    link = html.unescape(re.search(r'href="([^"]*)">Ajouter un synonyme', section(page, "sans-resultat")).group(1))
    assert link == "/admin/hubsearch/searchsynonym/create/?terms=recyclerie"

    # One click opens the synonyms screen with the query already in the group.
    form = admin_client.get(link).content.decode()
    assert re.search(r'name="terms"[^>]*value="recyclerie, "', form) or ">recyclerie, <" in form
    response = admin_client.post(link, {"terms": "recyclerie, ressourcerie", "enabled": "on"})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().term_list() == ["recyclerie", "ressourcerie"]

    found = client.get("/api/v3/search/", {"q": "Recyclerie"}, **VISITOR).json()
    assert [hit["id"] for hit in found["results"]] == [resource.pk]
    assert "Recyclerie" in client.get("/recherche/", {"q": "Recyclerie"}, **VISITOR).content.decode()


def test_frequent_queries_and_queries_found_but_never_followed(client, admin_client, hub):
    for _ in range(3):
        client.get("/recherche/", {"q": "lieux"}, **VISITOR)
    client.get("/recherche/", {"q": "podcast"}, **VISITOR)
    client.get("/recherche/clic/", {"q": "podcast", "r": hub["podcast"].pk, "p": 1}, **VISITOR)
    page = admin_client.get(REPORT).content.decode()
    assert listed(page, "frequentes") == ["lieux", "podcast"]
    assert listed(page, "sans-clic") == ["lieux"]
    assert listed(page, "sans-resultat") == []
    assert "Toutes les recherches de la période ont trouvé au moins une ressource." in page
    assert re.search(r"<strong>4</strong> recherches", page)


def test_the_report_is_filtered_by_period(admin_client):
    today = timezone.localdate()
    RecordedSearch.objects.create(day=today - datetime.timedelta(days=100), query="ancienne", results_count=0,
                                  channel="page")
    RecordedSearch.objects.create(day=today, query="récente", results_count=0, channel="api")
    assert listed(admin_client.get(REPORT).content.decode(), "sans-resultat") == ["récente"]
    assert listed(admin_client.get(REPORT, {"period": "365"}).content.decode(), "sans-resultat") == ["ancienne", "récente"]
    start = (today - datetime.timedelta(days=120)).isoformat()
    end = (today - datetime.timedelta(days=90)).isoformat()
    assert listed(admin_client.get(REPORT, {"start": start, "end": end}).content.decode(), "sans-resultat") == ["ancienne"]


def test_a_bad_period_gets_a_french_error(admin_client):
    page = admin_client.get(REPORT, {"start": "2026-05-01", "end": "2026-01-01"}).content.decode()
    assert "La date de début doit précéder la date de fin." in page
    page = admin_client.get(REPORT, {"start": "hier"}).content.decode()
    assert "Saisissez une date valide." in page or "Enter a valid date." in page


def test_the_report_is_under_reports_for_those_who_can_add_synonyms(client, admin_client, editor, organiser):
    assert "/admin/reports/recherches/" in admin_client.get("/admin/").content.decode()
    client.force_login(editor)
    assert client.get(REPORT).status_code == 200
    client.force_login(organiser)
    assert client.get(REPORT).status_code in (302, 403)
    assert "/admin/reports/recherches/" not in client.get("/admin/").content.decode()


def test_the_report_costs_the_same_queries_whatever_the_volume(admin_client, django_assert_max_num_queries):
    def fill(count: int) -> None:
        today = timezone.localdate()
        RecordedSearch.objects.bulk_create(
            [RecordedSearch(day=today, query=f"requête {n}", results_count=n % 2, channel="page") for n in range(count)]
        )
        RecordedClick.objects.bulk_create(
            [RecordedClick(day=today, query=f"requête {n}", resource_id=1, channel="page") for n in range(0, count, 3)]
        )

    fill(5)
    admin_client.get(REPORT)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(REPORT)
    fill(200)
    with django_assert_max_num_queries(len(small)):
        assert admin_client.get(REPORT).status_code == 200
