"""Computed fields of collections in the pages API, and their bulk form for listings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bases.api_fields import computed
from bases.api_schemas import CollectionEntrySchema, ImageSchema
from licensing.renditions import image_data


def entries_by_collection(collection_ids: Iterable[int], request=None) -> dict[int, list[dict]]:
    """Each collection's visible resources in the editors' order, as cards with the editors' note.

    A fixed number of queries whatever the number of collections and items.
    """
    from bases.visibility import visible_ids
    from curation.models import CollectionItem
    from resources.cards import resource_cards, with_card_data
    from resources.models import ResourcePage

    items = list(
        CollectionItem.objects.filter(collection_id__in=list(collection_ids), resource__in=visible_ids(ResourcePage))
        .order_by("collection_id", "sort_order", "pk")
        .values_list("collection_id", "resource_id", "note")
    )
    resources = with_card_data(ResourcePage.objects.filter(pk__in={resource_id for _, resource_id, _ in items}))
    cards = {card["id"]: card for card in resource_cards(resources, request)} if items else {}
    entries: dict[int, list[dict]] = defaultdict(list)
    for collection_id, resource_id, note in items:
        if resource_id in cards:
            position = len(entries[collection_id]) + 1
            entries[collection_id].append({"position": position, "note": note, "resource": cards[resource_id]})
    return entries


def resources(collection) -> list[CollectionEntrySchema]:
    """The ordered resources of the collection."""
    return entries_by_collection([collection.pk]).get(collection.pk, [])


def cover(collection) -> ImageSchema | None:
    """The cover image with its renditions."""
    return image_data(collection.cover_image)


COLLECTION_FIELDS = [computed("cover", cover), computed("resources", resources)]
