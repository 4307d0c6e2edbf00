"""Listings take a bounded number of queries, whatever their page size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.conftest import API, index

# Measured counts (anonymous client), kept as ceilings so that a regression shows.
# Search: synonyms, the vocabulary (typos, since issue 17), the ranked page, its cards, the
# facets, plus the INSERT that records it for the editors (insights).
CEILINGS = {"pages": 4, "search": 6, "collections": 13, "related": 10}


@pytest.fixture
def many(hub, engine, image):
    """22 resources and 22 collections of up to 3 items each, covers included, indexed."""
    resources = [factories.ResourcePageFactory(title=f"Ressource {n}", themes=[hub["data"]]) for n in range(22)]
    for n in range(22):
        collection = factories.CollectionPageFactory(title=f"Collection {n}", cover_image=image)
        for position, resource in enumerate(resources[n : n + 3]):
            factories.CollectionItemFactory(collection=collection, resource=resource, sort_order=position)
    index(engine)
    return resources


def queries(client, url: str, params: dict) -> int:
    client.get(url, params)  # warm: renditions and site root paths made once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


LISTINGS = [
    ("pages", "/pages/", "limit", {"type": "resources.ResourcePage"}),
    ("search", "/search/", "page_size", {"q": "ressource"}),
    ("collections", "/collections/", "limit", {}),
]


def test_listing_queries_do_not_grow_with_page_size(client, many):
    # One test for every listing: building 25 resources and 25 collections is the slow part.
    for name, url, size_parameter, extra in LISTINGS:
        small = queries(client, f"{API}{url}", {**extra, size_parameter: 2})
        large = queries(client, f"{API}{url}", {**extra, size_parameter: 20})
        print(f"{name}: {small} queries for 2 items, {large} for 20")
        assert small == large, name
        assert large <= CEILINGS[name], name
    related = f"{API}/resources/{many[0].pk}/related/"
    small, large = queries(client, related, {"limit": 2}), queries(client, related, {"limit": 20})
    print(f"related: {small} queries for 2 items, {large} for 20")
    assert small == large <= CEILINGS["related"]
