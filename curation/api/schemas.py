"""Output shapes of the collections router: a collection, a page of collections, a page of entries."""

from __future__ import annotations

from datetime import date

from ninja import Schema

from curation.api_fields import CollectionEntrySchema
from licensing.api.schemas import ImageSchema


# A collection with its kind's facts (``curation.kinds.COLLECTION_FACTS``) and its
# first resources. (A comment, not a docstring: the docstring would change the OpenAPI document.)
class CollectionSchema(Schema):
    id: int
    title: str
    slug: str
    kind: str
    introduction: str
    edition_year: int | None
    edition_city: str
    edition_venue: str
    attendees_count: int | None
    speakers_count: int | None
    online_viewers_count: int | None
    online_participants_count: int | None
    licence: str
    attribution: str
    cover: ImageSchema | None
    local_territory: str
    local_start_date: date | None
    local_end_date: date | None
    has_rule: bool
    url: str
    api_url: str
    items_url: str
    item_count: int
    resources: list[CollectionEntrySchema]


class CollectionListSchema(Schema):
    count: int
    items: list[CollectionSchema]


class CollectionItemsSchema(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[CollectionEntrySchema]
