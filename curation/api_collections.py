"""The collections router: GET /api/v3/collections/ (with their ordered resources) and /{id}/.

A listing takes a fixed number of queries whatever its page size: the count,
the page of collections with their covers' renditions, and the entries of all
of them at once (see curation.api_fields.entries_by_collection).
"""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.images import get_image_model

from bases.api_links import page_api_url
from bases.api_schemas import CollectionEntrySchema, ImageSchema, PageId
from bases.visibility import visible
from curation.api_fields import entries_by_collection
from curation.models import CollectionKind, CollectionPage
from licensing.renditions import RENDITIONS, image_data

router = Router(tags=["collections"], auth=[BearerTokenAuth(), AllowAnonymous()])

KindLiteral = Literal[tuple(CollectionKind.values)]  # type: ignore[valid-type]


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
    url: str
    api_url: str
    resources: list[CollectionEntrySchema]


class CollectionListSchema(Schema):
    count: int
    items: list[CollectionSchema]


def _collections():
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=list(RENDITIONS.values()))
    return (
        visible(CollectionPage.objects.all())
        .select_related("cover_image")
        .prefetch_related(Prefetch("cover_image__renditions", queryset=renditions))
    )


def _collection(page: CollectionPage, entries: list[dict], request: HttpRequest) -> dict:
    fields = (
        "title slug kind introduction edition_year edition_city edition_venue attendees_count speakers_count "
        "online_viewers_count online_participants_count attribution"
    ).split()
    return {
        "id": page.pk,
        **{name: getattr(page, name) for name in fields},
        "licence": page.licence_id,
        "cover": image_data(page.cover_image),
        "url": page.get_full_url(request) or "",
        "api_url": page_api_url(page.pk, request),
        "resources": entries,
    }


@router.get(
    "/",
    response=CollectionListSchema,
    url_name="collections_list",
    summary="Collections with their resources",
    operation_id="collections_list",
)
def list_collections(
    request: HttpRequest,
    kind: KindLiteral | None = None,
    limit: int = Query(20, ge=1, le=settings.WAGTAILAPI_LIMIT_MAX),
    offset: int = Query(0, ge=0, le=10_000),
) -> dict:
    """Collections by year (newest edition first) then title, each with its resources in order."""
    collections = _collections()
    if kind:
        collections = collections.filter(kind=kind)
    collections = collections.order_by(F("edition_year").desc(nulls_last=True), "title", "pk")
    page = list(collections[offset : offset + limit])
    entries = entries_by_collection([c.pk for c in page], request)
    return {
        "count": collections.count(),
        "items": [_collection(c, entries.get(c.pk, []), request) for c in page],
    }


@router.get(
    "/{collection_id}/",
    response=CollectionSchema,
    url_name="collections_detail",
    summary="Collection with its resources",
    operation_id="collections_detail",
)
def get_collection(request: HttpRequest, collection_id: PageId) -> dict:
    """One collection with its resources in the editors' order."""
    collection = _collections().filter(pk=collection_id).first()
    if collection is None:
        raise Http404(f"No visible collection with id {collection_id}.")
    return _collection(collection, entries_by_collection([collection.pk], request).get(collection.pk, []), request)
