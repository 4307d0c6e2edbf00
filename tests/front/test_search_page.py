"""The search page: the API's query model as a GET form, French errors, outages."""

from __future__ import annotations

import re

import pytest

from bases.templatetags.public_search import highlighted
from search import backends
from tests import factories
from tests.front.conftest import SECRET, index

pytestmark = pytest.mark.django_db

URL = "/recherche/"


def results(page: str) -> list[str]:
    """Result titles, marks removed, in order."""
    titles = re.findall(r'<h3 class="fr-card__title"><a href="[^"]*">(.*?)</a>', page)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def checkbox(page: str, name: str, value: str) -> str:
    found = re.search(rf'<input type="checkbox" name="{name}" value="{re.escape(value)}"[^>]*>\s*<label[^>]*>(.*?)</label>', page)
    assert found, (name, value)
    return found.group(0)


def test_finds_and_highlights_matches(client, hub):
    page = client.get(URL, {"q": "médiation"}).content.decode()
    assert results(page) == ["Cartographier les lieux de médiation"]
    assert "Cartographier les lieux de <mark>médiation</mark>" in page
    assert "1 résultat pour « médiation »" in page
    assert 'value="médiation"' in page  # the query stays in its box
    assert "licence Licence Ouverte 2.0</p>" in page  # the licence's name, not its id


def test_facets_show_counts_and_filter_without_javascript(client, hub):
    page = client.get(URL).content.decode()
    assert "(3)" in checkbox(page, "theme", "inclusion-emancipation")
    assert "(1)" in checkbox(page, "theme", "donnees-territoires")
    page = client.get(URL, {"theme": "donnees-territoires"}).content.decode()
    assert results(page) == ["Cartographier les lieux de médiation"]
    assert "checked" in checkbox(page, "theme", "donnees-territoires")
    # Disjunctive: the theme facet still counts the other theme under its own filter.
    assert "(3)" in checkbox(page, "theme", "inclusion-emancipation")
    assert "Retirer les filtres" in page
    both = client.get(URL, {"theme": ["donnees-territoires", "inclusion-emancipation"], "type": "guide"})
    assert results(both.content.decode()) == ["Cartographier les lieux de médiation"]


def test_sorts(client, hub):
    page = client.get(URL, {"sort": "title"}).content.decode()
    assert results(page) == sorted(results(page), key=str.lower)
    assert '<option value="title" selected>' in page


def test_pages_through_results(client, hub):
    for n in range(25):
        factories.ResourcePageFactory(title=f"Fiche pratique {n:02d}", themes=[hub["data"]])
    index(backends.get_backend())
    first = client.get(URL, {"q": "fiche", "sort": "title"}).content.decode()
    assert len(results(first)) == 20
    assert 'aria-current="page" title="Page 1"' in first
    assert 'href="?q=fiche&amp;sort=title&amp;page=2"' in first
    second = client.get(URL, {"q": "fiche", "sort": "title", "page": 2}).content.decode()
    assert results(second) == [f"Fiche pratique {n:02d}" for n in range(20, 25)]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"theme": "n-existe-pas"}, "theme"),
        ({"page": "deux"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "9"}, "page"),
        ({"sort": "hasard"}, "sort"),
        ({"year": "vingt"}, "year"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a\x01b"}, "q"),
        ({"couleur": "bleu"}, "couleur"),
    ],
)
def test_bad_parameters_get_a_400_page_naming_them(client, hub, params, named):
    response = client.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Paramètre « {named} » refusé" in page
    assert "Recherche impossible" in page
    assert "public" not in response["Cache-Control"]


def test_search_outage_gets_a_503_page(client, hub, monkeypatch):
    def down(query):
        raise backends.SearchUnavailable("connection refused")

    monkeypatch.setattr(backends.get_backend(), "search", down)
    response = client.get(URL, {"q": "écologie"})
    assert response.status_code == 503
    assert "Recherche momentanément indisponible" in response.content.decode()


def test_everything_but_the_marks_is_escaped(client, hub):
    factories.ResourcePageFactory(
        title="Guide <script>alert(1)</script> des communs", summary="Un <b>résumé</b> & des communs.", themes=[hub["data"]]
    )
    index(backends.get_backend())
    page = client.get(URL, {"q": "communs"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>résumé</b>" not in page
    assert "<mark>communs</mark>" in page


def test_highlight_filter_keeps_only_marks():
    assert highlighted("a <mark>b</mark> &amp; <i>c</i>") == "a <mark>b</mark> &amp; &lt;i&gt;c&lt;/i&gt;"
    assert highlighted('<mark onclick="x">y</mark>') == "&lt;mark onclick=&quot;x&quot;&gt;y</mark>"


def test_drafts_and_private_pages_are_not_found(client, hub, hidden):
    page = client.get(URL, {"q": SECRET}).content.decode()
    assert results(page) == [] and "0 résultat" in page


def test_suggestions_come_from_the_api_suggest_endpoint(client, hub):
    page = client.get(URL).content.decode()
    assert 'list="suggestions-recherche"' in page and 'data-suggest-url="/api/v3/search/suggest/"' in page
    assert "/static/bases/search.js" in page
    suggestions = client.get("/api/v3/search/suggest/", {"q": "carto"}).json()["suggestions"]
    assert suggestions == ["Cartographier les lieux de médiation"]
