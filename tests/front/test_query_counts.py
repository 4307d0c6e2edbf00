"""Every page type takes the same number of queries however many resources,
items or photos it shows (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import backends
from tests import factories
from tests.front.conftest import index

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    client.get(url)  # warm: renditions are made and site root paths cached once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def add_resources(hub, count: int) -> list:
    """Resources with a cover, two themes and a principle, in one collection."""
    resources = []
    for _ in range(count):
        resource = factories.ResourcePageFactory(
            title="Fiche communs",
            cover_image=factories.ImageFactory(),
            themes=[hub["data"], hub["inclusion"]],
            principles=[hub["ouvrir"]],
            parent=hub["base"],
        )
        factories.CollectionItemFactory(collection=hub["collection"], resource=resource, sort_order=100 + resource.pk)
        resources.append(resource)
    index(backends.get_backend())
    return resources


def test_listing_pages_do_not_grow_with_their_resources(client, hub):
    urls = {
        "home": "/",
        "base": hub["base"].url,
        "theme": hub["data"].url,
        "principle": hub["ouvrir"].url,
        "collection": hub["collection"].url,
        "collections": "/collections/",
        "themes": "/thematiques/",
        "principles": "/principes/",
        "search": "/recherche/?q=communs",
    }
    add_resources(hub, 2)
    factories.CollectionPageFactory(cover_image=factories.ImageFactory())
    few = {name: queries(client, url) for name, url in urls.items()}
    add_resources(hub, 12)
    for _ in range(4):
        factories.CollectionPageFactory(cover_image=factories.ImageFactory())
    many = {name: queries(client, url) for name, url in urls.items()}
    print(few, many)
    assert many == few


def test_resource_and_report_pages_do_not_grow_with_their_media(client, hub):
    report = hub["report"]
    guide = hub["guide"]
    few = queries(client, report.url), queries(client, guide.url)
    for _ in range(5):
        factories.EventPhoto.objects.create(report=report, image=factories.ImageFactory(), caption="Encore une")
    report.save_revision().publish()
    guide.themes.add(hub["inclusion"])
    guide.principles.add(hub["ouvrir"])
    for _ in range(3):
        factories.CollectionItemFactory(resource=guide)
    guide.save_revision().publish()
    many = queries(client, report.url), queries(client, guide.url)
    print(few, many)
    assert many == few
