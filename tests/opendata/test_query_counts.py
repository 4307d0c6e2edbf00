"""The open doors' lists take a fixed number of queries, whatever the number of resources."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

DOORS = [
    "/sitemap.xml",
    "/flux/ressources.rss",
    "/flux/ressources.atom",
    "/flux/thematiques/donnees-territoires.rss",
    "/flux/bases/numerique-en-communs.atom",
    "/flux/collections/nec-locaux-2023.rss",
    "/catalogue.ttl",
    "/catalogue.jsonld",
    "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
    "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc",
]


def add_resources(hub, count: int) -> None:
    """Resources with a cover, a body image and a document, in the collection, each under its own media."""
    for n in range(count):
        image = factories.ImageFactory(licence_id="cc-by-4.0")
        document = factories.DocumentFactory(licence_id="etalab-2.0")
        page = factories.ResourcePageFactory(
            title=f"Ressource en série {n}",
            themes=[hub["data"], hub["inclusion"]],
            principles=[hub["harmoniser"]],
            cover_image=factories.ImageFactory(),
            body=[("image", {"image": image, "caption": ""}), ("document", {"document": document, "title": ""})],
            parent=hub["base"],
        )
        factories.CollectionItemFactory(collection=hub["collection"], resource=page, sort_order=100 + n)


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:200])
    return len(queries)


@pytest.mark.parametrize("url", DOORS)
def test_query_counts_do_not_grow_with_the_resources(client, hub, url):
    add_resources(hub, 2)
    client.get(url)  # warm Wagtail's site root paths cache
    few = count(client, url)
    add_resources(hub, 6)
    many = count(client, url)
    assert many == few, (url, few, many)
