"""Fixtures of the public pages' tests: the API tests' small hub, with media.

The hub (two bases, themes, principles, resources, an event report, a
collection) and the pages the public must never see come from tests/api.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests import factories
from tests.api.conftest import SECRET, engine, hidden, hub, index  # noqa: F401 - fixtures

__all__ = ["SECRET", "index"]


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail keeps site root paths in the cache: start each test from a clean one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def illustrated(hub, engine):
    """The guide gets a cover, a body with every block type, tags and a source.

    The media's licences (CC0, CC BY) may go into the guide's Licence Ouverte:
    share-alike media would make its publication a licence conflict.
    """
    guide = hub["guide"]
    cover = factories.ImageFactory(
        title="Carte des lieux", description="Carte des lieux de médiation en Gironde", licence_id="cc0-1.0"
    )
    figure = factories.ImageFactory(title="Atelier cartographie", attribution="Photographe du réseau", licence_id="cc-by-4.0")
    document = factories.DocumentFactory(title="Modèle de recensement", licence_id="cc-by-4.0")
    guide.cover_image = cover
    guide.body = [
        ("heading", "Pourquoi cartographier"),
        ("paragraph", "<p>Pour <b>connaître</b> les lieux.</p>"),
        ("image", {"image": figure, "caption": "L'atelier de Bordeaux"}),
        ("document", {"document": document, "title": "Télécharger le modèle"}),
        ("link", {"url": "https://example.org/carte", "label": "La carte en ligne", "description": ""}),
        ("quote", {"text": "Une carte, c'est un commun.", "source": "Un participant"}),
        ("key_figures", [{"value": "42", "label": "lieux recensés"}]),
    ]
    guide.tags.add("cartographie")
    guide.save_revision().publish()
    guide.refresh_from_db()
    index(engine)
    return guide
