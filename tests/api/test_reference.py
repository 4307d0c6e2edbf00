"""Reference data: licences, themes, principles, bases and collections."""

from __future__ import annotations

from tests.api.conftest import API
from tests.helpers import CLOSED_LICENCE, SEEDED_OPEN_LICENCES


def test_licences_are_the_open_ones_with_their_attributes(client, db):
    licences = client.get(f"{API}/licences/").json()
    assert {licence["id"] for licence in licences} == SEEDED_OPEN_LICENCES
    by_id = {licence["id"]: licence for licence in licences}
    assert by_id["cc-by-sa-4.0"]["share_alike"] is True and by_id["cc-by-sa-4.0"]["is_open"] is True
    assert by_id["cc0-1.0"]["requires_attribution"] is False
    assert client.get(f"{API}/licences/etalab-2.0/").json()["name"] == "Licence Ouverte 2.0"
    assert client.get(f"{API}/licences/{CLOSED_LICENCE}/").status_code == 404


def test_themes_and_principles_count_only_visible_resources(client, hub, hidden):
    themes = {t["slug"]: t for t in client.get(f"{API}/themes/").json()}
    assert themes["inclusion-emancipation"]["resource_count"] == 3
    assert themes["donnees-territoires"]["resource_count"] == 1
    principles = client.get(f"{API}/principles/").json()
    assert [(p["number"], p["title"], p["resource_count"]) for p in principles] == [
        (1, "Harmoniser", 2),
        (5, "Ouvrir", 1),
    ]
    assert principles[0]["api_url"].endswith(f"/api/v3/pages/{hub['harmoniser'].pk}/")


def test_bases_count_their_visible_resources(client, hub, hidden):
    bases = client.get(f"{API}/bases/").json()
    assert [(b["title"], b["resource_count"]) for b in bases] == [("Numérique en Commun[s]", 2), ("NEC locaux", 1)]


def test_collections_list_their_ordered_visible_items(client, hub, hidden):
    data = client.get(f"{API}/collections/").json()
    assert data["count"] == 1
    collection = data["items"][0]
    assert collection["title"] == "NEC locaux 2023" and collection["kind"] == "local_necs"
    assert [e["resource"]["title"] for e in collection["resources"]] == [
        "NEC local de Lyon",
        "Cartographier les lieux de médiation",
    ]
    assert client.get(f"{API}/collections/{hub['collection'].pk}/").json() == collection


def test_collections_filter_by_kind_and_page(client, hub):
    from tests import factories

    factories.CollectionPageFactory(title="NEC 2022", kind="national_edition", edition_year=2022)
    assert [c["title"] for c in client.get(f"{API}/collections/", {"kind": "national_edition"}).json()["items"]] == [
        "NEC 2022"
    ]
    # Newest edition first.
    data = client.get(f"{API}/collections/", {"limit": 1, "offset": 1}).json()
    assert data["count"] == 2 and [c["title"] for c in data["items"]] == ["NEC 2022"]
