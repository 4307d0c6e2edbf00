"""The database backend's per-process result cache (search/backends/database/cache.py).

A result is served again only while the index's generation token and the
synonyms are unchanged; every index write replaces the token in its own
transaction, so a write through any connection (another process) is seen by
the next search. That every search is still recorded: tests/api/test_search_cache.py.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.db.transaction import atomic
from django.test.utils import CaptureQueriesContext, override_settings

from search.backends.database import cache
from search.backends.database.backend import DatabaseBackend
from search.models import IndexGeneration, SearchSynonym
from search.query import Facet, SearchQuery
from tests.search.test_database_backend import make_doc

@pytest.fixture(autouse=True)
def cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def backend() -> DatabaseBackend:
    return DatabaseBackend()


def ids(backend: DatabaseBackend, text: str = "", **kwargs) -> list[int]:
    return [hit.id for hit in backend.search(SearchQuery(text=text, **kwargs)).hits]


def queries_of(backend: DatabaseBackend, text: str = "", **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        backend.search(SearchQuery(text=text, **kwargs))
    return len(captured)


@pytest.mark.django_db
def test_a_repeated_search_reads_only_the_generation(backend):
    backend.index_documents([make_doc(1, "Médiation numérique", themes=["inclusion"]), make_doc(2, "Tiers-lieux")])
    query = SearchQuery(text="médiation", filters={Facet.THEME: ["inclusion"]})
    first = backend.search(query)
    with CaptureQueriesContext(connection) as captured:
        again = backend.search(SearchQuery(text="médiation", filters={"theme": ["inclusion"]}))
    assert len(captured) == 1  # the generation token (and the synonyms), nothing else
    assert (again.total, again.hits, again.facets, again.suggestion) == (
        first.total, first.hits, first.facets, first.suggestion,
    )
    # The same text on another page or sort reuses its prepared text (no synonym or vocabulary read).
    assert queries_of(backend, "médiation", page_size=5) < queries_of(backend, "tiers-lieux", page_size=5)


@pytest.mark.django_db
def test_every_index_write_shows_at_the_next_search(backend):
    backend.index_documents([make_doc(1, "Médiation numérique")])
    assert ids(backend, "médiation") == [1]
    backend.index_documents([make_doc(2, "Médiation en bibliothèque")])
    assert sorted(ids(backend, "médiation")) == [1, 2]
    backend.delete_documents([1])
    assert ids(backend, "médiation") == [2]
    backend.rebuild([make_doc(3, "La médiation")], 1, lambda done, total: None)
    assert ids(backend, "médiation") == [3]
    assert ids(backend) == [3]


@pytest.mark.django_db
def test_a_synonym_applies_at_the_next_search(backend):
    backend.index_documents([make_doc(1, "Numérique en Commun[s]")])
    assert ids(backend, "NEC") == []
    synonym = SearchSynonym.objects.create(terms="NEC, Numérique en Commun[s]")
    assert ids(backend, "NEC") == [1]
    synonym.enabled = False
    synonym.save()
    assert ids(backend, "NEC") == []


@pytest.mark.django_db
def test_a_rolled_back_write_never_lends_its_generation_to_another(backend):
    """Tokens are random: after a rollback, a different write cannot meet the cached entries."""
    backend.index_documents([make_doc(1, "Médiation")])
    with pytest.raises(RuntimeError), atomic():
        backend.index_documents([make_doc(2, "Médiation")])
        assert sorted(ids(backend, "médiation")) == [1, 2]  # cached under the doomed token
        raise RuntimeError("rolled back")
    assert ids(backend, "médiation") == [1]
    backend.index_documents([make_doc(3, "Médiation")])
    assert sorted(ids(backend, "médiation")) == [1, 3]


@pytest.mark.django_db(transaction=True)
def test_a_write_through_another_connection_invalidates_at_once(backend):
    """The writer is a thread, hence its own database connection, as another process would be.

    The cache has no in-process invalidation at all: only the token read from the
    database tells it the index changed, so this stands for a write by another worker.
    """
    backend.index_documents([make_doc(1, "Médiation numérique")])
    assert ids(backend, "médiation") == [1]
    assert queries_of(backend, "médiation") == 1  # cached

    def write() -> None:
        try:
            DatabaseBackend().index_documents([make_doc(2, "Médiation en bibliothèque")])
        finally:
            connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    writer.join()
    assert sorted(ids(backend, "médiation")) == [1, 2]

    def delete() -> None:
        try:
            DatabaseBackend().delete_documents([1])
        finally:
            connections.close_all()

    deleter = threading.Thread(target=delete)
    deleter.start()
    deleter.join()
    assert ids(backend, "médiation") == [2]


@pytest.mark.django_db
def test_the_cache_is_bounded(backend):
    backend.index_documents([make_doc(n, f"Médiation {n}") for n in range(1, 6)])
    with override_settings(SEARCH_RESULT_CACHE_SIZE=3):
        for page in range(1, 6):
            ids(backend, "médiation", page=page, page_size=1)
        assert len(cache.results) == 3
        assert queries_of(backend, "médiation", page=5, page_size=1) == 1  # among the last three
        assert queries_of(backend, "médiation", page=1, page_size=1) > 1  # forgotten


@pytest.mark.django_db
def test_size_zero_turns_the_cache_off(backend):
    backend.index_documents([make_doc(1, "Médiation")])
    with override_settings(SEARCH_RESULT_CACHE_SIZE=0):
        queries_of(backend, "médiation")  # the facet sets are read, kept per generation whatever the size
        first, second = queries_of(backend, "médiation"), queries_of(backend, "médiation")
    # The generation (for the facet sets), the synonyms and the vocabulary, the statement and
    # the cards, each time.
    assert first == second == 5
    assert len(cache.results) == 0


@pytest.mark.django_db
def test_without_a_generation_row_nothing_is_cached(backend):
    """After a flush (TransactionTestCase) until the first write: no token, no cache."""
    backend.index_documents([make_doc(1, "Médiation")])
    IndexGeneration.objects.all().delete()
    assert queries_of(backend, "médiation") == queries_of(backend, "médiation") > 1
    backend.index_documents([make_doc(2, "Médiation")])
    assert IndexGeneration.objects.count() == 1
    assert sorted(ids(backend, "médiation")) == [1, 2]


@pytest.mark.django_db
def test_cached_answers_equal_uncached_ones(backend):
    """Including the facet counts shared under one generation (no text, one facet filtered)."""
    backend.index_documents(
        [make_doc(n, f"Médiation {n}", themes=["inclusion"] if n % 2 else ["ecologie"], year=2020 + n % 3)
         for n in range(1, 13)]
    )
    queries = [
        SearchQuery(),
        SearchQuery(filters={Facet.THEME: ["inclusion"]}),
        SearchQuery(filters={Facet.THEME: ["inclusion"], Facet.YEAR: ["2021"]}),
        SearchQuery(text="médiation", filters={Facet.YEAR: ["2022"]}),
    ]
    with override_settings(SEARCH_RESULT_CACHE_SIZE=0):
        expected = [backend.search(query) for query in queries]
    for _ in range(2):  # cold, then from the cache
        for query, uncached in zip(queries, expected, strict=True):
            found = backend.search(query)
            assert (found.total, found.hits, found.facets) == (uncached.total, uncached.hits, uncached.facets)
