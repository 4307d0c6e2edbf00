"""RSS and Atom feeds: parsed by feedparser without error, licence and credits in each item,
the curated order of a collection, and a bad search parameter refused with a 400 problem."""

from __future__ import annotations

import feedparser
import pytest

from tests.api.conftest import SECRET, assert_problem


def feed_paths(hub) -> list[str]:
    paths = ["/flux/ressources", "/flux/recherche"]
    paths += [f"/flux/thematiques/{hub['inclusion'].slug}", f"/flux/principes/{hub['harmoniser'].slug}"]
    paths += [f"/flux/collections/{hub['collection'].slug}", f"/flux/bases/{hub['base'].slug}"]
    return [f"{path}.{fmt}" for path in paths for fmt in ("rss", "atom")]


def parse(client, path: str, query: dict | None = None):
    response = client.get(path, query or {})
    assert response.status_code == 200, (path, response.content[:300])
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def test_every_feed_parses_without_error(client, hub, illustrated):
    for path in feed_paths(hub):
        parsed = parse(client, path)
        assert parsed.entries, path
        assert parsed.version in ("rss20", "atom10"), path


def test_each_item_has_summary_date_themes_licence_and_credits(client, hub, illustrated):
    for fmt in ("rss", "atom"):
        parsed = parse(client, f"/flux/ressources.{fmt}")
        entry = next(e for e in parsed.entries if e.title == illustrated.title)
        assert entry.link == illustrated.full_url
        assert entry.get("published_parsed"), fmt
        text = entry.get("summary", "") + "".join(c.get("value", "") for c in entry.get("content", []))
        assert illustrated.summary in text
        assert "Creative Commons Attribution – Partage dans les mêmes conditions 4.0" in text
        for credit in ("Atelier cartographique du Coin", "Collectif Photo Libre", "Réseau des médiateurs"):
            assert credit in text, (fmt, credit)
        assert [tag.term for tag in entry.tags] == [hub["data"].title]
    rss = client.get("/flux/ressources.rss").content.decode()
    assert "<creativeCommons:license>https://creativecommons.org/licenses/by-sa/4.0/deed.fr</creativeCommons:license>" in rss
    atom = client.get("/flux/ressources.atom").content.decode()
    assert '<link href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr" rel="license"/>' in atom


def test_a_collection_feed_follows_the_curated_order(client, hub):
    parsed = parse(client, f"/flux/collections/{hub['collection'].slug}.rss")
    assert [e.title for e in parsed.entries] == [hub["report"].title, hub["guide"].title]


def test_a_theme_feed_lists_only_its_resources(client, hub):
    parsed = parse(client, f"/flux/thematiques/{hub['data'].slug}.atom")
    assert [e.title for e in parsed.entries] == [hub["guide"].title]


def test_a_search_feed_takes_the_search_apis_parameters(client, hub):
    parsed = parse(client, "/flux/recherche.rss", {"theme": "inclusion-emancipation", "type": "podcast_episode"})
    assert [e.title for e in parsed.entries] == [hub["podcast"].title]
    parsed = parse(client, "/flux/recherche.atom", {"q": "cartographier"})
    assert [e.title for e in parsed.entries] == [hub["guide"].title]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"theme": "pas-une-thematique"}, "theme"),
        ({"licence": "cc-by-nc-sa-4.0"}, "licence"),
        ({"year": "deux-mille"}, "year"),
        ({"sort": "au-hasard"}, "sort"),
        ({"page_size": "1000"}, "page_size"),
        ({"colour": "bleu"}, "colour"),
    ],
)
def test_a_search_feed_with_a_bad_parameter_is_a_400_problem(client, hub, query, parameter):
    for fmt in ("rss", "atom"):
        assert_problem(client.get(f"/flux/recherche.{fmt}", query), 400, parameter)


def test_an_unknown_or_hidden_feed_page_is_404(client, hub, hidden):
    assert client.get("/flux/thematiques/inconnue.rss").status_code == 404
    assert client.get(f"/flux/collections/{hidden['draft_collection'].slug}.rss").status_code == 404


def test_hidden_resources_are_in_no_feed(client, hub, hidden, orphan):
    for path in feed_paths(hub):
        body = client.get(path).content.decode()
        assert SECRET not in body, path
        assert orphan.title not in body, path
