"""The search API renders a cached result's JSON once, and never sends it once the index changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from search import backends
from search.api import router
from tests.api.conftest import API, index

SEARCH = f"{API}/search/"
pytestmark = pytest.mark.usefixtures("cold_search_caches")


@pytest.fixture
def renders(monkeypatch) -> list[int]:
    """One entry per search response whose body was built from its result."""
    built: list[int] = []
    original = router._response

    def counted(result, request):
        built.append(result.total)
        return original(result, request)

    monkeypatch.setattr(router, "_response", counted)
    return built


def test_a_result_served_again_from_the_cache_is_not_rendered_again(client, hub, renders):
    first = client.get(SEARCH, {"q": "médiation", "theme": "donnees-territoires"})
    again = client.get(SEARCH, {"theme": "donnees-territoires", "q": "médiation"})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and first.json()["total"] == 1
    assert first["Content-Type"] == "application/json; charset=utf-8"
    assert renders == [1]
    other_page = client.get(SEARCH, {"q": "médiation", "theme": "donnees-territoires", "page_size": 5})
    assert other_page.json()["page_size"] == 5 and renders == [1, 1]


def test_once_the_index_changed_the_new_result_is_rendered_and_sent(client, hub, engine, hidden, renders):
    for _ in range(2):
        assert client.get(SEARCH, {"q": "Zorglub"}).json()["total"] == 0
    draft = hidden["draft"]
    draft.save_revision().publish()
    index(engine)
    for _ in range(2):
        assert [hit["id"] for hit in client.get(SEARCH, {"q": "Zorglub"}).json()["results"]] == [draft.pk]
    assert renders == [0, 1]


def test_a_result_the_backend_does_not_keep_is_rendered_every_time_and_never_kept(
    client, engine, hub, monkeypatch, renders
):
    class Uncached:
        """As the Elasticsearch backend: a result of its own for every search."""

        def search(self, query):
            return replace(engine.search(query), cached=False)

    monkeypatch.setattr(backends, "get_backend", Uncached)
    for _ in range(2):
        assert client.get(SEARCH, {"q": "médiation"}).json()["total"] == 1
    assert renders == [1, 1] and len(router._bodies) == 0
