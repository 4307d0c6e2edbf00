"""Fixtures of the open doors' tests: the API tests' small hub and its hidden pages,
plus a resource with images (cover, body image, document) under several licences."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import SECRET, engine, hidden, hub, orphan  # noqa: F401 (fixtures)

__all__ = ["SECRET"]


@pytest.fixture
def illustrated(hub):
    """A live resource whose cover, body image and document each carry their own licence and author."""
    cover = factories.ImageFactory(title="Carte des lieux", attribution="Atelier cartographique du Coin", licence_id="cc-by-4.0")
    photo = factories.ImageFactory(title="Atelier en cours", attribution="Collectif Photo Libre", licence_id="cc0-1.0")
    document = factories.DocumentFactory(title="Grille d'entretien", attribution="Réseau des médiateurs", licence_id="etalab-2.0")
    return factories.ResourcePageFactory(
        title="Animer un atelier de cartographie",
        slug="animer-atelier-cartographie",
        summary="Un déroulé pas à pas pour cartographier les lieux de médiation avec les habitants.",
        themes=[hub["data"]],
        territory=factories.territory("dep-33"),
        attribution="Coopérative des Communs",
        licence_id="cc-by-sa-4.0",
        cover_image=cover,
        body=[
            ("heading", "Préparer l'atelier"),
            ("paragraph", "<p>Réunir <b>dix personnes</b> et une <a href=\"https://example.org/carte\">carte</a>.</p>"),
            ("image", {"image": photo, "caption": "Les participants"}),
            ("document", {"document": document, "title": "La grille"}),
        ],
        parent=hub["base"],
    )
