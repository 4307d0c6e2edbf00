"""Lists of the public pages, loaded in a fixed number of queries.

Every list goes through ``core.visibility.visible`` (live, public, under live
ancestors), with what a card shows loaded in bulk: licence (join), cover image
(join) and its card rendition, visible themes (one prefetch each). A page of a
list costs the same number of queries whatever its size.
"""

from __future__ import annotations

from django import template
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from wagtail.images import get_image_model

from core.visibility import visible
from curation.lookups import collection_pages_of
from curation.membership import PublicItem, members
from curation.models import CollectionPage
from licensing.renditions import RENDITIONS
from resources.models import EventPhoto, ResourcePage
from taxonomy.models import PrinciplePage, ThemePage

register = template.Library()

CARD_RENDITION = RENDITIONS["card"]
LARGE_RENDITION = RENDITIONS["large"]
PER_PAGE = 12


def renditions(*specs: str) -> QuerySet:
    """Only the renditions the pages show, so that the image tag finds them prefetched."""
    model = get_image_model().get_rendition_model()
    return model.objects.filter(filter_spec__in=specs or (CARD_RENDITION,))


def with_cards(queryset: QuerySet, image_field: str = "cover_image") -> QuerySet:
    """A resource or collection queryset with what its cards show, loaded in bulk."""
    queryset = queryset.select_related(image_field).prefetch_related(
        Prefetch(f"{image_field}__renditions", queryset=renditions())
    )
    if hasattr(queryset.model, "themes"):
        themes = visible(ThemePage.objects.all()).order_by("title")
        queryset = queryset.select_related("licence").prefetch_related(Prefetch("themes", queryset=themes))
    return queryset


def paginate(request: HttpRequest | None, queryset, per_page: int = PER_PAGE) -> PaginatorPage:
    """One page of ``queryset`` from ``?page=`` (the last one past the end, the first one on junk)."""
    number = request.GET.get("page", 1) if request is not None else 1
    return Paginator(queryset, per_page).get_page(number)


def _resources():
    return visible(ResourcePage.objects.all())


@register.simple_tag(takes_context=True)
def base_resources(context, page) -> PaginatorPage:
    """The resources published in a base, newest first, one page of them."""
    queryset = _resources().child_of(page).order_by("-first_published_at", "pk")
    return paginate(context.get("request"), with_cards(queryset))


@register.simple_tag(takes_context=True)
def term_resources(context, page) -> PaginatorPage:
    """The resources linked to a theme or a principle, newest first, one page of them."""
    queryset = _resources().filter(pk__in=page.resources.values("pk")).order_by("-first_published_at", "pk")
    return paginate(context.get("request"), with_cards(queryset))


@register.simple_tag
def latest_resources(limit: int = 6) -> list:
    """The latest published resources, for the home page."""
    return list(with_cards(_resources().order_by("-first_published_at", "pk"))[:limit])


@register.simple_tag
def latest_collections(limit: int = 4) -> list:
    """The latest published collections, for the home page."""

    queryset = visible(CollectionPage.objects.all()).order_by("-first_published_at", "pk")
    return list(with_cards(queryset)[:limit])


@register.simple_tag(takes_context=True)
def collections_of(context, page) -> PaginatorPage:
    """The collections under a collection index, in the editors' tree order."""

    queryset = visible(CollectionPage.objects.child_of(page)).order_by("path")
    return paginate(context.get("request"), with_cards(queryset))


@register.simple_tag
def themes() -> list:
    """The visible themes, in the editors' tree order."""

    return list(visible(ThemePage.objects.all()).order_by("path"))


@register.simple_tag
def principles() -> list:
    """The visible principles, by number."""

    return list(visible(PrinciplePage.objects.all()).order_by("number"))


@register.simple_tag(takes_context=True)
def collection_entries(context, page) -> PaginatorPage:
    """The collection's public entries: hand-picked first in the editors' order, then rule members.

    Only live public resources (curation.membership). A preview shows the items
    being edited (in memory), keeping the live ones.
    """
    request = context.get("request")
    if getattr(request, "is_preview", False):
        entries = [item for item in page.items.all() if item.resource_id and item.resource.live]
        return paginate(request, entries, per_page=48)
    page_obj = paginate(request, members(page), per_page=48)
    shown = list(page_obj.object_list)
    resources = with_cards(ResourcePage.objects.all()).in_bulk([entry.resource_id for entry in shown])
    page_obj.object_list = [
        PublicItem(resources[e.resource_id], e.note, e.featured, e.chosen) for e in shown if e.resource_id in resources
    ]
    return page_obj


@register.simple_tag
def resource_collections(page) -> list:
    """The visible collections that hold this resource, hand-picked or by rule (as in the API)."""
    return collection_pages_of(page)


@register.simple_tag
def visible_terms(page, relation: str) -> list:
    """A resource's visible themes or principles (those under a draft parent are left out)."""
    manager = getattr(page, relation)
    if not page.pk or getattr(page, "_cluster_related_objects", None) is not None:
        return [term for term in manager.all() if term.live]
    return list(visible(manager.all()).order_by("path"))


@register.simple_tag
def load_report(page) -> str:
    """Load an event report's formats and photos (with their renditions) in bulk.

    Later ``page.photos.all()`` calls, the credits' included, then read the
    prefetched rows. A preview keeps its in-memory formats and photos.
    """
    if page.pk and not getattr(page, "_cluster_related_objects", None):
        photos = EventPhoto.objects.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=renditions(CARD_RENDITION, LARGE_RENDITION))
        )
        prefetch_related_objects([page], Prefetch("photos", queryset=photos), "formats")
    return ""
