"""Every bad input gets a 4xx problem JSON naming the parameter, never a 500."""

from __future__ import annotations

import pytest

from search.query import MAX_PAGE_SIZE, MAX_TEXT_LENGTH
from tests.api.conftest import API, assert_problem

SEARCH_REFUSALS = [
    ({"theme": "n-existe-pas"}, "theme"),
    ({"theme": ["inclusion-emancipation", "n-existe-pas"]}, "theme"),
    ({"principle": "n-existe-pas"}, "principle"),
    ({"collection": "n-existe-pas"}, "collection"),
    ({"base": "n-existe-pas"}, "base"),
    ({"licence": "cc-by-nc-sa-4.0"}, "licence"),
    ({"licence": "wtfpl"}, "licence"),
    ({"type": "roman"}, "type"),
    ({"year": "deux-mille"}, "year"),
    ({"sort": "popularity"}, "sort"),
    ({"page": 0}, "page"),
    ({"page": "deux"}, "page"),
    ({"page": 10_000, "page_size": 2}, "page"),
    ({"page_size": MAX_PAGE_SIZE + 1}, "page_size"),
    ({"page_size": 0}, "page_size"),
    ({"q": "x" * (MAX_TEXT_LENGTH + 1)}, "q"),
    ({"q": "nul\x00"}, "q"),
    ({"territory": "x" * 201}, "territory"),
    ({"territory": "nul\x00"}, "territory"),
    ({"territory": "Metz"}, "territory"),  # territories are asked for by key: com-57463
    ({"territory": "reg-99"}, "territory"),
]


@pytest.mark.parametrize(("params", "parameter"), SEARCH_REFUSALS)
def test_bad_search_parameters_are_422_naming_them(client, engine, params, parameter):
    assert_problem(client.get(f"{API}/search/", params), 422, parameter)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"q": "x" * (MAX_TEXT_LENGTH + 1)}, "q"), ({"limit": 0}, "limit"), ({"limit": 11}, "limit"), ({"q": "\x01"}, "q")],
)
def test_bad_suggest_parameters_are_422_naming_them(client, engine, params, parameter):
    assert_problem(client.get(f"{API}/search/suggest/", params), 422, parameter)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/resources/abc/related/", "resource_id"),
        ("/resources/0/related/", "resource_id"),
        ("/resources/99999999999999999999/related/", "resource_id"),
        ("/collections/abc/", "collection_id"),
        ("/collections/99999999999999999999/", "collection_id"),
        ("/pages/abc/", "page_id"),
    ],
)
def test_malformed_ids_are_422_naming_them(client, engine, path, parameter):
    assert_problem(client.get(f"{API}{path}"), 422, parameter)


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/resources/1/related/", {"limit": 21}, "limit"),
        ("/collections/", {"limit": 51}, "limit"),
        ("/collections/", {"kind": "roman"}, "kind"),
        ("/collections/", {"offset": -1}, "offset"),
    ],
)
def test_bad_listing_parameters_are_422_naming_them(client, engine, path, params, parameter):
    assert_problem(client.get(f"{API}{path}", params), 422, parameter)


def test_page_size_over_the_maximum_on_wagtails_listing_is_a_problem(client, home):
    problem = assert_problem(client.get(f"{API}/pages/", {"limit": 51}), 400)
    assert "limit" in problem["detail"]


def test_unknown_ids_are_404_problems(client, hub):
    assert_problem(client.get(f"{API}/collections/{hub['guide'].pk}/"), 404)
    assert_problem(client.get(f"{API}/licences/cc-by-nc-sa-4.0/"), 404)
    assert_problem(client.get(f"{API}/pages/999999/"), 404)


def test_an_unreachable_search_engine_is_a_503_problem(client, engine, monkeypatch):
    from search import backends
    from search.backends import SearchUnavailable

    class Down:
        def search(self, query):
            raise SearchUnavailable("connection refused")

    monkeypatch.setattr(backends, "get_backend", lambda: Down())
    response = client.get(f"{API}/search/", {"q": "guide"})
    assert_problem(response, 503)
    assert response["Retry-After"] == "30"
