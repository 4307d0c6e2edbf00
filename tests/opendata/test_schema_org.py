"""A resource page's one JSON-LD block (from ``{% licence_head %}``) describes a schema.org LearningResource."""

from __future__ import annotations

import json
import re

from tests.api.conftest import SECRET


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_a_resource_page_describes_a_learning_resource(client, hub, illustrated, hidden):
    html = client.get(illustrated.url).content.decode()
    blocks = json_ld(html)
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@type"] == ["LearningResource", "CreativeWork"]
    assert data["name"] == illustrated.title
    assert data["description"] == illustrated.summary
    assert data["dateCreated"] == illustrated.date.isoformat()  # its own date, not its publication
    assert data["inLanguage"] == "fr"
    assert data["learningResourceType"] == "Guide pratique"
    assert data["spatialCoverage"] == {"@type": "Place", "name": "Gironde"}
    assert data["about"] == [{"@type": "DefinedTerm", "name": "Données & territoires", "url": hub["data"].full_url}]
    assert data["author"]["name"] == data["creditText"] == "Coopérative des Communs"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    assert {part["creditText"] for part in data["hasPart"]} == {
        "Atelier cartographique du Coin", "Collectif Photo Libre", "Réseau des médiateurs"
    }
    assert SECRET not in json.dumps(data)


def test_public_pages_link_their_feeds(client, hub):
    theme = client.get(hub["data"].url).content.decode()
    assert f'<link rel="alternate" type="application/rss+xml" title="« {hub["data"].title} » (RSS)" href="/flux/thematiques/{hub["data"].slug}.rss">'.replace("&", "&amp;") in theme
    collection = client.get(hub["collection"].url).content.decode()
    assert f'href="/flux/collections/{hub["collection"].slug}.atom"' in collection
    base = client.get(hub["base"].url).content.decode()
    assert f'href="/flux/bases/{hub["base"].slug}.rss"' in base
    home = client.get("/").content.decode()
    assert 'href="/flux/ressources.rss"' in home
    search = client.get("/recherche/", {"q": "cartographie"}).content.decode()
    assert 'href="/flux/recherche.atom?q=cartographie"' in search
