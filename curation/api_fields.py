"""The computed ``api_fields`` of collection pages: their entries (resource cards in
the curated order) and cover. Beside the models, which list them (the routers of
``curation.api``, which read the models, reuse the entries)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ninja import Schema

from core.api.fields import computed
from curation.membership import members_by_collection
from licensing.api.schemas import ImageSchema
from licensing.renditions import image_data
from resources.api.schemas import ResourceCardSchema
from resources.cards import resource_cards, with_card_data
from resources.models import ResourcePage


class CollectionEntrySchema(Schema):
    """A resource in a collection, at its place in the editors' order."""

    position: int
    note: str
    featured: bool = False
    source: Literal["selection", "rule"] = "selection"
    resource: ResourceCardSchema


def cards_for(entries: Sequence, request=None) -> dict[int, dict]:
    """Resource cards of the entries by resource id: two queries whatever their number."""
    if not entries:
        return {}
    resources = with_card_data(ResourcePage.objects.filter(pk__in={e.resource_id for e in entries}))
    return {card["id"]: card for card in resource_cards(resources, request)}


def api_entries(entries: Sequence, cards: dict[int, dict], start: int = 1) -> list[dict]:
    """Entries as API entries: position (from ``start``), note, featured, how it joined, card."""
    kept = [entry for entry in entries if entry.resource_id in cards]
    return [
        {
            "position": position,
            "note": entry.note,
            "featured": entry.featured,
            "source": "selection" if entry.chosen else "rule",
            "resource": cards[entry.resource_id],
        }
        for position, entry in enumerate(kept, start=start)
    ]


def entries_by_collection(collections: Sequence, request=None, limit: int | None = None) -> dict[int, list[dict]]:
    """Each collection's visible resources in order (hand-picked, then rule members), as cards.

    A fixed number of queries whatever the number of collections and items;
    ``limit`` keeps each collection's first entries only.
    """
    kept = {pk: entries[:limit] if limit else entries for pk, entries in members_by_collection(collections).items()}
    cards = cards_for([entry for entries in kept.values() for entry in entries], request)
    return {pk: api_entries(entries, cards) for pk, entries in kept.items()}


def resources(collection) -> list[CollectionEntrySchema]:
    """The ordered resources of the collection (hand-picked, then by rule)."""
    return entries_by_collection([collection]).get(collection.pk, [])


def cover(collection) -> ImageSchema | None:
    """The cover image with its renditions."""
    return image_data(collection.cover_image)


COLLECTION_FIELDS = [computed("cover", cover), computed("resources", resources)]
