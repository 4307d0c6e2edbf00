"""Public searches and the results followed are recorded, without anything about the visitor."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insights.models import MonthlySearchCount, RecordedClick, RecordedSearch
from insights.normalise import normalise_query
from tests.insights.conftest import VISITOR

pytestmark = pytest.mark.django_db

PAGE = "/recherche/"
API = "/api/v3/search/"
CLICKS = "/api/v3/search/clicks/"


def test_a_search_on_the_page_is_recorded_normalised_with_its_filters_and_count(client, hub):
    response = client.get(PAGE, {"q": "  Cartographier   les LIEUX de Médiation ", "theme": "donnees-territoires"}, **VISITOR)
    assert response.status_code == 200
    recorded = RecordedSearch.objects.get()
    assert recorded.query == "cartographier les lieux de mediation"
    assert recorded.filters == {"theme": ["donnees-territoires"]}
    assert recorded.results_count == 1
    assert recorded.channel == "page"


def test_a_search_through_the_api_is_recorded(client, hub):
    assert client.get(API, {"q": "introuvablexyz"}, **VISITOR).status_code == 200
    recorded = RecordedSearch.objects.get()
    assert (recorded.query, recorded.results_count, recorded.channel) == ("introuvablexyz", 0, "api")


def test_later_pages_empty_searches_and_refused_ones_are_not_recorded(client, hub):
    client.get(PAGE, **VISITOR)  # the page opened, nothing asked
    client.get(PAGE, {"sort": "title"}, **VISITOR)
    client.get(API, {"q": "lieux", "page_size": 1, "page": 2}, **VISITOR)
    client.get(API, {"q": "x" * 300}, **VISITOR)  # 422
    client.get(PAGE, {"theme": "nope"}, **VISITOR)  # 400
    assert not RecordedSearch.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0)"},
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {**VISITOR, "HTTP_SEC_PURPOSE": "prefetch"},
    ],
)
def test_robots_and_prefetches_are_not_counted(client, hub, headers):
    assert client.get(PAGE, {"q": "lieux"}, **headers).status_code == 200
    assert not RecordedSearch.objects.exists()


def test_editors_trying_searches_out_are_not_counted(admin_client, hub):
    assert admin_client.get(PAGE, {"q": "lieux"}, **VISITOR).status_code == 200
    assert not RecordedSearch.objects.exists()


def test_nothing_identifying_is_kept():
    columns = {field.name for model in (RecordedSearch, RecordedClick, MonthlySearchCount) for field in model._meta.fields}
    assert not columns & {"ip", "ip_address", "user", "user_agent", "session", "cookie", "created_at", "timestamp"}
    # Day precision only, and what a visitor pastes by mistake is masked.
    assert RecordedSearch._meta.get_field("day").get_internal_type() == "DateField"
    assert normalise_query("Contact : jeanne.dupont@example.org") == "contact : [masque]"
    assert normalise_query("dossier 06 12 34 56 78 refusé") == "dossier [masque] refuse"
    assert normalise_query("L’Écologie   du NUMÉRIQUE") == "l'ecologie du numerique"


def test_a_failure_to_record_is_logged_never_a_500(client, hub, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database locked")

    monkeypatch.setattr(RecordedSearch.objects, "bulk_create", broken)
    with caplog.at_level(logging.ERROR):
        page = client.get(PAGE, {"q": "lieux"}, **VISITOR)
        api = client.get(API, {"q": "lieux"}, **VISITOR)
    assert page.status_code == 200 and f"r={hub['guide'].pk}" in page.content.decode()
    assert api.status_code == 200 and api.json()["total"] == 1
    assert "could not record 1 search(es)" in caplog.text


def test_a_broken_listener_does_not_break_the_search(client, hub, caplog):
    from search.events import search_performed

    def listener(**kwargs):
        raise ValueError("listener bug")

    search_performed.connect(listener, dispatch_uid="test-broken-listener")
    try:
        with caplog.at_level(logging.ERROR):
            assert client.get(PAGE, {"q": "lieux"}, **VISITOR).status_code == 200
    finally:
        search_performed.disconnect(dispatch_uid="test-broken-listener")
    assert "search event listener" in caplog.text
    assert RecordedSearch.objects.count() == 1  # the other listener still recorded it


# --- Clicks ------------------------------------------------------------------------


def test_the_page_links_its_hits_through_the_click_endpoint(client, hub):
    page = client.get(PAGE, {"q": "lieux de médiation"}, **VISITOR).content.decode()
    guide = hub["guide"]
    assert f'href="/recherche/clic/?q=lieux%20de%20m%C3%A9diation&amp;r={guide.pk}&amp;p=1"' in page


def test_a_followed_hit_is_recorded_and_redirects_to_the_resource(client, hub):
    guide = hub["guide"]
    response = client.get("/recherche/clic/", {"q": "Lieux de Médiation", "r": guide.pk, "p": "1"}, **VISITOR)
    assert response.status_code == 302
    assert response["Location"] == guide.get_url()
    assert "no-store" in response["Cache-Control"]
    click = RecordedClick.objects.get()
    assert (click.query, click.resource_id, click.position, click.channel) == ("lieux de mediation", guide.pk, 1, "page")


@pytest.mark.parametrize("resource", ["missing", "draft", "garbage", "none"])
def test_a_click_link_to_nothing_public_is_a_404_and_records_nothing(client, hub, hidden, resource):
    value = {"missing": "999999", "draft": str(hidden["draft"].pk), "garbage": "abc", "none": ""}[resource]
    response = client.get("/recherche/clic/", {"q": "lieux", "r": value}, **VISITOR)
    assert response.status_code == 404
    assert "Ressource introuvable" in response.content.decode()
    assert not RecordedClick.objects.exists()


def test_headless_fronts_post_their_clicks(client, hub):
    guide = hub["guide"]
    response = client.post(CLICKS, {"q": "médiation", "resource_id": guide.pk, "position": 3},
                           content_type="application/json", **VISITOR)
    assert response.status_code == 204
    click = RecordedClick.objects.get()
    assert (click.query, click.resource_id, click.position, click.channel) == ("mediation", guide.pk, 3, "api")


@pytest.mark.parametrize(
    "body, parameter",
    [
        ({"q": "médiation", "resource_id": 999999}, "resource_id"),
        ({"q": "médiation", "resource_id": "draft"}, "resource_id"),
        ({"q": "médiation"}, "resource_id"),
        ({"q": "médiation", "resource_id": 1, "position": 0}, "position"),
        ({"q": "x" * 300, "resource_id": 1}, "q"),
    ],
)
def test_a_bad_click_is_a_422_problem_naming_the_field(client, hub, hidden, body, parameter):
    if body.get("resource_id") == "draft":
        body = {**body, "resource_id": hidden["draft"].pk}
    response = client.post(CLICKS, body, content_type="application/json", **VISITOR)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert parameter in response.content.decode()
    assert not RecordedClick.objects.exists()


def test_the_click_endpoint_is_in_the_openapi_document(client, db):
    schema = client.get("/api/v3/openapi.json").json()
    operation = schema["paths"]["/api/v3/search/clicks/"]["post"]
    assert operation["operationId"] == "search_click"
    assert "204" in operation["responses"]


def test_a_recorded_search_costs_one_insert(client, hub):
    client.get(API, {"q": "lieux"}, **VISITOR)  # the day's first search also schedules the retention task
    with CaptureQueriesContext(connection) as robot:
        client.get(API, {"q": "lieux"}, HTTP_USER_AGENT="Googlebot")
    with CaptureQueriesContext(connection) as visitor:
        client.get(API, {"q": "lieux"}, **VISITOR)
    extra = [query["sql"] for query in visitor.captured_queries[len(robot.captured_queries):]]
    assert len(visitor) == len(robot) + 1 and "INSERT" in extra[0], extra
