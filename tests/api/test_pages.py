"""Wagtail's pages router carries every page type's useful fields."""

from __future__ import annotations

import json

import pytest

from tests import factories
from tests.api.conftest import API


@pytest.fixture
def illustrated(hub, image, document):
    """A resource with a cover, an image, a document and an embed in its body."""
    photo = factories.ImageFactory(title="Atelier", attribution="Photographe du réseau", licence_id="cc-by-4.0")
    page = factories.ResourcePageFactory(
        title="Guide illustré",
        themes=[hub["data"]],
        principles=[hub["ouvrir"]],
        cover_image=image,
        body=json.dumps(
            [
                {"type": "heading", "value": "Pourquoi"},
                {"type": "image", "value": {"image": photo.pk, "caption": "Pendant l'atelier"}},
                {"type": "document", "value": {"document": document.pk, "title": "Le support"}},
                {
                    "type": "embed",
                    "value": {
                        "url": "https://peertube.example.org/w/abc",
                        "title": "La captation",
                        "licence": "cc-by-sa-4.0",
                        "attribution": "Équipe vidéo",
                    },
                },
            ]
        ),
    )
    page.tags.add("cartographie", "données")
    page.save_revision().publish()
    return page


def test_resource_detail_has_its_useful_fields(client, illustrated, hub):
    data = client.get(f"{API}/pages/{illustrated.pk}/").json()
    assert data["meta"]["type"] == "resources.ResourcePage"
    assert data["title"] == "Guide illustré"
    assert data["summary"] and data["resource_type"] == "guide"
    assert [t["slug"] for t in data["themes"]] == ["donnees-territoires"]
    assert [p["title"] for p in data["principles"]] == ["Ouvrir"]
    assert data["themes"][0]["api_url"].endswith(f"/api/v3/pages/{hub['data'].pk}/")
    assert sorted(data["tags"]) == ["cartographie", "données"]
    assert data["base"]["slug"] == "numerique-en-communs"
    assert data["meta"]["first_published_at"] and data["last_published_at"]
    assert data["licence"] == {
        "id": "cc-by-sa-4.0",
        "name": "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 International",
        "short_name": "CC BY-SA 4.0",
        "url": data["licence"]["url"],
        "canonical_uri": "http://www.opendefinition.org/licenses/cc-by-sa",
        "is_open": True,
        "share_alike": True,
        "requires_attribution": True,
    }


def test_body_is_structured_json_with_server_chosen_renditions(client, illustrated):
    body = client.get(f"{API}/pages/{illustrated.pk}/").json()["body"]
    assert [block["type"] for block in body] == ["heading", "image", "document", "embed"]
    image = body[1]["value"]["image"]
    assert image["title"] == "Atelier" and image["licence"] == "cc-by-4.0"
    assert set(image["renditions"]) == {"card", "large"}
    card = image["renditions"]["card"]
    assert card["url"].endswith(".png") and card["width"] > 0 and card["height"] > 0
    assert body[2]["value"]["document"]["url"].startswith("/documents/")
    assert body[3]["value"]["licence"] == "cc-by-sa-4.0"


def test_cover_has_renditions(client, illustrated, image):
    cover = client.get(f"{API}/pages/{illustrated.pk}/").json()["cover"]
    assert cover["id"] == image.pk
    assert set(cover["renditions"]) == {"card", "large"}


def test_credits_list_the_resource_then_each_work_it_uses(client, illustrated, image, document):
    credits = client.get(f"{API}/pages/{illustrated.pk}/").json()["credits"]
    assert [(c["kind"], c["title"]) for c in credits] == [
        ("item", "Guide illustré"),
        ("image", image.title),
        ("image", "Atelier"),
        ("document", document.title),
        ("embed", "La captation"),
    ]
    photo = credits[2]
    assert photo["attribution"] == "Photographe du réseau"
    assert photo["licence_id"] == "cc-by-4.0" and photo["licence_name"] and photo["licence_url"].startswith("https://")


def test_resource_lists_the_visible_collections_it_belongs_to(client, hub, hidden):
    collections = client.get(f"{API}/pages/{hub['guide'].pk}/").json()["collections"]
    assert [c["title"] for c in collections] == ["NEC locaux 2023"]


def test_event_report_has_its_facts_formats_and_photos(client, hub, image):
    report = hub["report"]
    # The factory gives every write-up the minimum it needs to be published; replace it.
    report.formats.all().delete()
    report.photos.all().delete()
    report.formats.create(format="workshop", title="Atelier cartographie", feedback="Vingt participants ravis.")
    report.photos.create(image=image, caption="La plénière")
    report.save_revision().publish()
    data = client.get(f"{API}/pages/{report.pk}/").json()
    assert data["meta"]["type"] == "resources.EventReportPage"
    assert data["event_name"] and data["start_date"] == "2023-10-12" and data["city"] == "Lyon"
    assert data["participants_count"] == 180
    assert [(f["format"], f["title"]) for f in data["formats"]] == [("workshop", "Atelier cartographie")]
    photo = data["photos"][0]
    assert photo["caption"] == "La plénière" and set(photo["image"]["renditions"]) == {"card", "large"}
    assert ("image", image.title) in [(c["kind"], c["title"]) for c in data["credits"]]


def test_collection_has_its_kind_edition_and_ordered_resources(client, hub, hidden):
    data = client.get(f"{API}/pages/{hub['collection'].pk}/").json()
    assert data["kind"] == "local_necs" and data["edition_year"] == 2023
    assert data["licence"]["id"] == "cc-by-sa-4.0"
    entries = data["resources"]
    assert [(e["position"], e["resource"]["title"]) for e in entries] == [
        (1, "NEC local de Lyon"),
        (2, "Cartographier les lieux de médiation"),
    ]
    assert entries[0]["note"] == "À lire d'abord"
    assert entries[0]["resource"]["api_url"].endswith(f"/api/v3/pages/{hub['report'].pk}/")


def test_pages_listing_filters_by_type(client, hub):
    response = client.get(f"{API}/pages/", {"type": "resources.EventReportPage"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["NEC local de Lyon"]


def test_theme_and_principle_pages_are_readable(client, hub):
    assert client.get(f"{API}/pages/{hub['data'].pk}/").json()["introduction"]
    assert client.get(f"{API}/pages/{hub['ouvrir'].pk}/").json()["number"] == 5
