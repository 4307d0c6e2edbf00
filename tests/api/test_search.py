"""GET /api/v3/search/, /search/suggest/ and /resources/{id}/related/."""

from __future__ import annotations

from tests.api.conftest import API


def test_search_returns_cards_highlights_facets(client, hub):
    response = client.get(f"{API}/search/", {"q": "médiation"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1 and data["page"] == 1 and data["page_size"] == 20
    hit = data["results"][0]
    assert hit["title"] == "Cartographier les lieux de médiation"
    assert hit["type"] == "guide" and hit["licence"] == "etalab-2.0"
    assert hit["base"] == {"value": "numerique-en-communs", "label": "Numérique en Commun[s]"}
    assert "<mark>" in hit["highlights"]["title"][0]
    assert hit["url"].endswith(f"/numerique-en-communs/{hub['guide'].slug}/")
    assert hit["api_url"] == f"http://testserver/api/v3/pages/{hub['guide'].pk}/"
    assert set(data["facets"]) == {"theme", "principle", "collection", "type", "licence", "base", "territory", "year"}
    # The guide's département, and its région: asking for either finds it.
    assert data["facets"]["territory"] == [
        {"value": "dep-33", "label": "Gironde (33)", "count": 1, "selected": False},
        {"value": "reg-75", "label": "Nouvelle-Aquitaine", "count": 1, "selected": False},
    ]


def test_one_repeatable_parameter_per_facet_ors_inside_and_marks_selected(client, hub):
    data = client.get(f"{API}/search/", {"type": ["guide", "podcast_episode"], "sort": "title"}).json()
    assert [hit["title"] for hit in data["results"]] == [
        "Cartographier les lieux de médiation",
        "Podcast : les communs numériques",
    ]
    selected = {v["value"] for v in data["facets"]["type"] if v["selected"]}
    assert selected == {"guide", "podcast_episode"}
    # Disjunctive: the event report is still counted in its own facet.
    assert any(v["value"] == "event_report" and v["count"] == 1 for v in data["facets"]["type"])


def test_facets_combine_across_parameters(client, hub):
    data = client.get(f"{API}/search/", {"theme": "inclusion-emancipation", "principle": "harmoniser", "base": "nec-locaux"}).json()
    assert [hit["title"] for hit in data["results"]] == ["NEC local de Lyon"]
    data = client.get(f"{API}/search/", {"collection": "nec-locaux-2023", "licence": "etalab-2.0"}).json()
    assert [hit["title"] for hit in data["results"]] == ["Cartographier les lieux de médiation"]
    data = client.get(f"{API}/search/", {"year": [2023, 2022], "type": "event_report"}).json()
    assert [hit["title"] for hit in data["results"]] == ["NEC local de Lyon"]


def test_pages_of_results(client, hub):
    first = client.get(f"{API}/search/", {"sort": "title", "page_size": 2}).json()
    second = client.get(f"{API}/search/", {"sort": "title", "page_size": 2, "page": 2}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    beyond = client.get(f"{API}/search/", {"page": 5}).json()
    assert beyond["results"] == [] and beyond["total"] == 3


def test_misspelling_finds_the_known_word_and_gets_a_suggestion(client, hub):
    data = client.get(f"{API}/search/", {"q": "cartographeir"}).json()
    # The typo also matches the indexed word within two edits (issue 17), and says which.
    assert [hit["title"] for hit in data["results"]] == ["Cartographier les lieux de médiation"]
    assert data["suggestion"] == "cartographier"
    assert "<mark>Cartographier</mark>" in data["results"][0]["highlights"]["title"][0]


def test_suggest_completes_titles(client, hub):
    response = client.get(f"{API}/search/suggest/", {"q": "carto"})
    assert response.status_code == 200
    assert response.json() == {"q": "carto", "suggestions": ["Cartographier les lieux de médiation"]}
    assert client.get(f"{API}/search/suggest/", {"q": "  "}).json()["suggestions"] == []


def test_related_resources_share_themes_principles_or_collections(client, hub, hidden):
    response = client.get(f"{API}/resources/{hub['report'].pk}/related/")
    assert response.status_code == 200
    titles = [card["title"] for card in response.json()["results"]]
    # The guide shares a theme, a principle and a collection; the podcast one theme.
    assert titles == ["Cartographier les lieux de médiation", "Podcast : les communs numériques"]
    card = response.json()["results"][0]
    assert card["themes"] and card["base"]["value"] == "numerique-en-communs"


def test_related_of_a_hidden_or_unknown_resource_is_404(client, hidden, orphan):
    for page in (hidden["draft"], hidden["private"], orphan):
        assert client.get(f"{API}/resources/{page.pk}/related/").status_code == 404
    assert client.get(f"{API}/resources/999999/related/").status_code == 404


def test_territories_are_asked_for_by_key_and_a_region_finds_its_departements(client, hub):
    found = client.get(f"{API}/search/", {"territory": "reg-75"}).json()
    assert [hit["title"] for hit in found["results"]] == ["Cartographier les lieux de médiation"]
    hit = found["results"][0]
    assert set(hit) >= {"date", "date_precision", "date_label"}
    assert hit["date"] == hub["guide"].date.isoformat() and hit["date_label"]
    response = client.get(f"{API}/search/", {"territory": ["reg-75", "Gironde"]})
    assert response.status_code == 422  # as every refused search parameter (tests/api/test_errors.py)
    problem = response.json()
    assert "« Gironde »" in problem["detail"] and "reg-76 for Occitanie" in problem["detail"]
