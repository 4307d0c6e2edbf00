"""Facet values found to exist are not looked up again until the public content changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import API

SEARCH = f"{API}/search/"
pytestmark = pytest.mark.usefixtures("cold_search_caches")


def theme_lookups(client, **params) -> tuple[int, list[str]]:
    """The status of a search and the queries it made of the theme pages."""
    with CaptureQueriesContext(connection) as captured:
        status = client.get(SEARCH, params).status_code
    return status, [q["sql"] for q in captured.captured_queries if "taxonomy_themepage" in q["sql"]]


def test_a_known_theme_is_looked_up_once_until_the_content_changes(
    client, hub, django_capture_on_commit_callbacks
):
    status, first = theme_lookups(client, theme="donnees-territoires")
    assert status == 200 and len(first) == 1
    assert theme_lookups(client, theme="donnees-territoires", q="médiation") == (200, [])
    assert theme_lookups(client, theme=["inclusion-emancipation", "donnees-territoires"])[1]  # other filters: looked up
    for _ in range(2):  # an unknown value is never taken for known
        status, lookups = theme_lookups(client, theme="nope")
        assert status == 422 and len(lookups) == 1
    with django_capture_on_commit_callbacks(execute=True):
        hub["data"].unpublish()
    response = client.get(SEARCH, {"theme": "donnees-territoires"})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "theme" in response.content.decode()

