"""Computed fields of resources and event reports in the pages API."""

from __future__ import annotations

from bases.api_fields import computed, page_links
from bases.api_schemas import CreditSchema, ImageSchema, PageRefSchema
from licensing.credits import credits_for
from licensing.renditions import image_data


def cover(page) -> ImageSchema | None:
    """The cover image with its renditions."""
    return image_data(page.cover_image)


def credits(page) -> list[CreditSchema]:
    """The page's licence and author, then those of every work it uses."""
    return credits_for(page)


def collections(page) -> list[PageRefSchema]:
    """The visible collections the resource belongs to (hand-picked or by rule), by title."""
    from curation.membership import collections_of
    from curation.models import CollectionPage

    ids = [pk for pk, _, _ in collections_of([page.pk]).get(page.pk, [])]
    return page_links(CollectionPage.objects.filter(pk__in=ids).order_by("title"))


def base(page) -> PageRefSchema | None:
    """The contribution space the resource is published in."""
    parent = page.get_parent()
    links = page_links(type(parent).objects.filter(pk=parent.pk)) if parent is not None else []
    return links[0] if links else None


def photo_image(photo) -> ImageSchema | None:
    """An event photo with its renditions."""
    return image_data(photo.image)


RESOURCE_FIELDS = [
    computed("cover", cover),
    computed("base", base),
    computed("collections", collections),
    computed("credits", credits),
]
PHOTO_FIELDS = [computed("image", photo_image)]
