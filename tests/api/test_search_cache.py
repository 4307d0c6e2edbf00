"""The search API with the database backend's result cache: it spares SQL, never the recording."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insights.models import RecordedSearch
from search.backends.database import cache
from tests.api.conftest import API
from tests.insights.conftest import VISITOR


@pytest.fixture(autouse=True)
def cold_cache():
    cache.clear()
    yield
    cache.clear()


def test_every_search_is_recorded_even_when_served_from_the_cache(client, hub):
    first = client.get(f"{API}/search/", {"q": "médiation"}, **VISITOR)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(f"{API}/search/", {"q": "médiation"}, **VISITOR)
    assert again.status_code == 200 and again.json() == first.json()
    assert RecordedSearch.objects.filter(query="mediation", channel="api").count() == 2
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert any(RecordedSearch._meta.db_table in sql for sql in inserts)
    # The search itself read the generation token only.
    assert not any("hubsearch_indexedfacetvalue" in q["sql"] for q in captured.captured_queries)
