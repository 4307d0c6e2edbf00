"""The database backend answers a search in a fixed, small number of queries.

Query counts of searches with the result cache cleared, the facet sets and the
index's orders kept (they are read once per index generation, see the last
tests): the totals, counts and pages themselves are checked against brute force
in test_database_backend.py.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.database import cache
from search.backends.database.backend import DatabaseBackend
from search.query import Facet, SearchQuery
from tests.search.test_database_backend import random_docs

pytestmark = pytest.mark.django_db


def cold_search(query: SearchQuery):
    """The result and the SQL queries of ``query`` run with no result cached (sets and orders read)."""
    DatabaseBackend().search(SearchQuery(text="absent"))  # reads the facet sets and orders of this generation
    for lru in (cache.results, cache.texts, cache.matched):
        lru.clear()
    with CaptureQueriesContext(connection) as queries:
        result = DatabaseBackend().search(query)
    return result, len(queries)


@pytest.mark.parametrize("page", [1, 50])  # 50: past the last page, the total still comes with it
def test_a_text_search_with_filters_takes_four_queries(page):
    DatabaseBackend().index_documents(random_docs(120))
    query = SearchQuery(
        text="numérique", filters={Facet.THEME: ["ecologie", "inclusion"], Facet.YEAR: ["2023"]}, page=page
    )
    result, count = cold_search(query)
    assert result.total > 0 and len(result.hits) == (min(20, result.total) if page == 1 else 0)
    # Generation + synonyms, vocabulary, every match, the page's cards (none past the last page).
    assert count == (4 if page == 1 else 3)


def test_a_search_without_text_takes_two_queries():
    DatabaseBackend().index_documents(random_docs(120))
    query = SearchQuery(filters={Facet.THEME: ["ecologie"], Facet.YEAR: ["2022", "2023"]})
    result, count = cold_search(query)
    assert result.total > 0 and result.hits
    # Generation + synonyms, the page's cards: the page is cut from the kept orders.
    assert count == 2


def test_the_facet_sets_are_read_once_per_index_generation():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(30))
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        backend.search(SearchQuery(filters={Facet.THEME: ["ecologie"]}))
        backend.search(SearchQuery(filters={Facet.THEME: ["inclusion"]}))
    reads = [query["sql"] for query in queries if "hubsearch_indexedfacetset" in query["sql"]]
    assert len(reads) == 1
    replaced = random_docs(2, seed=7)  # resources 1 and 2 again, other themes: a new generation
    backend.index_documents(replaced)
    with CaptureQueriesContext(connection) as queries:
        after = backend.search(SearchQuery(filters={Facet.THEME: ["ecologie"]}))
    assert [query["sql"] for query in queries if "hubsearch_indexedfacetset" in query["sql"]]
    themes = [[term.value for term in doc.facets.get(Facet.THEME, [])] for doc in random_docs(30)[2:] + replaced]
    assert after.total == sum("ecologie" in values for values in themes)
