"""The database backend answers a search's page, total and facet counts in one statement.

Query counts of cold searches (result cache cleared): the totals and counts
themselves are checked against brute force in test_database_backend.py.
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
    """The result and the SQL queries of ``query`` run with nothing cached."""
    cache.clear()
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
    # Generation + synonyms, vocabulary, page + total + facet counts, the page's cards.
    assert count == (4 if page == 1 else 3)


def test_a_search_without_text_takes_three_queries():
    DatabaseBackend().index_documents(random_docs(120))
    query = SearchQuery(filters={Facet.THEME: ["ecologie"], Facet.YEAR: ["2022", "2023"]})
    result, count = cold_search(query)
    assert result.total > 0 and result.hits
    # Generation + synonyms, page + total + facet counts, the page's cards.
    assert count == 3
