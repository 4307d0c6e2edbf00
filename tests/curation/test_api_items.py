"""GET /api/v3/collections/{id}/items/: the curated order, paginated, problems on bad input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curation.models import CollectionKind
from resources.models import ResourcePage
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v3/collections"


@pytest.fixture
def curated(home, base_page):
    """A collection of 5 chosen resources (not in creation order) plus 3 by its rule."""
    locaux = factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")
    chosen = [factories.ResourcePageFactory(parent=base_page, title=f"Choisie {n}") for n in range(5)]
    by_rule = [factories.EventReportPageFactory(parent=locaux, title=f"NEC {n}") for n in range(3)]
    collection = factories.CollectionPageFactory(kind=CollectionKind.LOCAL_NECS, rule_base=locaux)
    for position, resource in enumerate(reversed(chosen)):
        factories.CollectionItemFactory(
            collection=collection, resource=resource, sort_order=position, note=f"Note {position}",
            featured=position == 1,
        )
    return {"collection": collection, "chosen": chosen, "by_rule": by_rule}


def get(client, collection, **params):
    return client.get(f"{API}/{collection.pk}/items/", params)


def test_items_come_in_curated_order_with_note_featured_and_source(client, curated):
    data = get(client, curated["collection"], page_size=100).json()

    assert data["count"] == 8 and data["num_pages"] == 1
    titles = [item["resource"]["title"] for item in data["items"]]
    assert titles[:5] == [f"Choisie {n}" for n in (4, 3, 2, 1, 0)]
    assert sorted(titles[5:]) == ["NEC 0", "NEC 1", "NEC 2"]
    assert [item["position"] for item in data["items"]] == list(range(1, 9))
    assert [item["source"] for item in data["items"]] == ["selection"] * 5 + ["rule"] * 3
    assert [item["featured"] for item in data["items"]][:3] == [False, True, False]
    assert data["items"][0]["note"] == "Note 0"


def test_pages_continue_the_positions(client, curated):
    second = get(client, curated["collection"], page=2, page_size=3).json()

    assert second["page"] == 2 and second["num_pages"] == 3 and second["count"] == 8
    assert [item["position"] for item in second["items"]] == [4, 5, 6]
    assert [item["source"] for item in second["items"]] == ["selection", "selection", "rule"]


def test_unpublished_resources_are_left_out(client, curated):
    ResourcePage.objects.get(pk=curated["chosen"][4].pk).unpublish()

    data = get(client, curated["collection"]).json()

    assert data["count"] == 7
    assert "Choisie 4" not in [item["resource"]["title"] for item in data["items"]]


@pytest.mark.parametrize(
    "params, parameter",
    [({"page": 9}, "page"), ({"page_size": 101}, "page_size"), ({"page": 0}, "page"), ({"page_size": "beaucoup"}, "page_size")],
)
def test_bad_paging_is_a_problem_naming_the_parameter(client, curated, params, parameter):
    response = get(client, curated["collection"], **params)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert parameter in str(response.json())


def test_unknown_or_draft_collections_are_404(client, curated):
    draft = factories.CollectionPageFactory(live=False)

    assert client.get(f"{API}/999999/items/").status_code == 404
    assert get(client, draft).status_code == 404


def test_listing_and_detail_report_the_item_count_and_the_items_url(client, curated):
    detail = client.get(f"{API}/{curated['collection'].pk}/").json()

    assert detail["item_count"] == 8 and detail["has_rule"] is True
    assert detail["items_url"].endswith(f"/api/v3/collections/{curated['collection'].pk}/items/")
    assert [entry["source"] for entry in detail["resources"]] == ["selection"] * 5 + ["rule"] * 3


def test_query_count_does_not_grow_with_page_size(client, curated):
    def count(page_size: int) -> int:
        get(client, curated["collection"], page_size=page_size)  # warm: renditions, site root
        with CaptureQueriesContext(connection) as captured:
            assert get(client, curated["collection"], page_size=page_size).status_code == 200
        return len(captured)

    assert count(2) == count(8)
