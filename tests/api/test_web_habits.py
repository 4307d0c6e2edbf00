"""CORS for front-end origins, HTTP caching of public reads."""

from __future__ import annotations

import pytest

from tests.api.conftest import API

FRONT = "https://front.example.org"


@pytest.fixture(autouse=True)
def front_end_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONT]


def test_cors_allows_the_configured_origin_on_the_api(client, db):
    response = client.get(f"{API}/licences/", HTTP_ORIGIN=FRONT)
    assert response["Access-Control-Allow-Origin"] == FRONT
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        f"{API}/search/", HTTP_ORIGIN=FRONT, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 200 and preflight["Access-Control-Allow-Origin"] == FRONT


def test_cors_ignores_other_origins_and_other_paths(client, home):
    assert "Access-Control-Allow-Origin" not in client.get(f"{API}/licences/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in client.get("/admin/login/", HTTP_ORIGIN=FRONT)


def test_public_reads_are_cacheable_with_an_etag_and_304(client, db, settings):
    settings.API_CACHE_MAX_AGE = 120
    response = client.get(f"{API}/licences/")
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=120"}
    assert "Authorization" in response["Vary"]
    etag = response["ETag"]
    again = client.get(f"{API}/licences/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert client.get(f"{API}/licences/", HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_authenticated_reads_and_errors_are_not_publicly_cached(token_client, client, hub):
    response = token_client.get(f"{API}/pages/{hub['guide'].pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "ETag" not in response
    problem = client.get(f"{API}/search/", {"sort": "nope"})
    assert "public" not in problem.get("Cache-Control", "")


def test_a_session_cookie_makes_a_read_private(admin_client, db):
    response = admin_client.get(f"{API}/licences/")
    assert "private" in response["Cache-Control"]
