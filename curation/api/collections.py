"""The collections router: GET /api/v3/collections/ (with their first resources), /{id}/
and /{id}/items/ (every resource in the curated order, paginated).

Every endpoint takes a fixed number of queries whatever its page size: the
count, the page of collections with their covers' renditions, the members of
all of them at once (see curation.membership) and their resource cards.
"""

from __future__ import annotations

from math import ceil
from typing import Literal

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query
from wagtail.images import get_image_model

from core.api.auth import public_router
from core.api.problems import parameter_problem
from core.api.schemas import PageId
from core.links import page_api_url
from core.visibility import visible
from curation.api.schemas import (
    CollectionItemsSchema,
    CollectionListSchema,
    CollectionSchema,
)
from curation.api_fields import api_entries, cards_for
from curation.kinds import COLLECTION_FACTS, CollectionKind
from curation.membership import Entry, members_by_collection
from curation.models import CollectionPage
from licensing.renditions import RENDITIONS, image_data

router = public_router("collections")

KindLiteral = Literal[tuple(CollectionKind.values)]  # type: ignore[valid-type]
# A listing embeds each collection's first resources; /{id}/items/ pages through all of them.
EMBEDDED_ENTRIES = 50
MAX_PAGE_SIZE = 100


def _collections():
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=list(RENDITIONS.values()))
    return (
        visible(CollectionPage.objects.all())
        .select_related("cover_image")
        .prefetch_related(Prefetch("cover_image__renditions", queryset=renditions))
    )


def _collection(page: CollectionPage, entries: list[Entry], cards: dict[int, dict], request: HttpRequest) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        **{name: getattr(page, name) for name in COLLECTION_FACTS},
        "attribution": page.attribution,
        "has_rule": page.has_rule,
        "licence": page.licence_id,
        "cover": image_data(page.cover_image),
        "url": page.get_full_url(request) or "",
        "api_url": page_api_url(page.pk, request),
        "items_url": request.build_absolute_uri(reverse("wagtailapi_v3:collections_items", args=(page.pk,))),
        "item_count": len(entries),
        "resources": api_entries(entries[:EMBEDDED_ENTRIES], cards),
    }


def _with_entries(collections: list[CollectionPage], request: HttpRequest) -> list[dict]:
    members = members_by_collection(collections)
    cards = cards_for([e for entries in members.values() for e in entries[:EMBEDDED_ENTRIES]], request)
    return [_collection(c, members[c.pk], cards, request) for c in collections]


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
    """Collections by year (newest edition first) then title, each with its first resources in order."""
    collections = _collections()
    if kind:
        collections = collections.filter(kind=kind)
    collections = collections.order_by(F("edition_year").desc(nulls_last=True), "title", "pk")
    page = list(collections[offset : offset + limit])
    return {"count": collections.count(), "items": _with_entries(page, request)}


@router.get(
    "/{collection_id}/",
    response=CollectionSchema,
    url_name="collections_detail",
    summary="Collection with its resources",
    operation_id="collections_detail",
)
def get_collection(request: HttpRequest, collection_id: PageId) -> dict:
    """One collection with its first resources in the editors' order."""
    return _with_entries([_visible_collection(collection_id)], request)[0]


@router.get(
    "/{collection_id}/items/",
    response=CollectionItemsSchema,
    url_name="collections_items",
    summary="A collection's resources, in the curated order, paginated",
    operation_id="collections_items",
)
def collection_items(
    request: HttpRequest,
    collection_id: PageId,
    page: int = Query(1, ge=1, le=10_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict | HttpResponse:
    """Hand-picked resources first (editors' order, note, featured flag), then those the rule adds."""
    collection = _visible_collection(collection_id)
    entries = members_by_collection([collection])[collection.pk]
    num_pages = max(1, ceil(len(entries) / page_size))
    if page > num_pages:
        return parameter_problem("page", f"page {page} is out of range: this collection has {num_pages} page(s).")
    start = (page - 1) * page_size
    shown = entries[start : start + page_size]
    return {
        "count": len(entries),
        "page": page,
        "page_size": page_size,
        "num_pages": num_pages,
        "items": api_entries(shown, cards_for(shown, request), start=start + 1),
    }


def _visible_collection(collection_id: int) -> CollectionPage:
    collection = _collections().filter(pk=collection_id).first()
    if collection is None:
        raise Http404(f"No visible collection with id {collection_id}.")
    return collection
