"""Computed fields of resources and event reports in the pages API."""

from __future__ import annotations

from wagtail import hooks
from wagtail.models import Page

from core.api.fields import computed, page_links
from core.api.schemas import ExportLinkSchema, PageRefSchema
from licensing.api.schemas import CreditSchema, ImageSchema
from licensing.credits import cached_credits, credits_html, credits_text
from licensing.renditions import image_data
from resources.bases import base_path

# Collections sit above resources: the app that keeps them answers this hook
# with the links to the visible collections holding a resource.
RESOURCE_COLLECTIONS_HOOK = "resource_collections"
# The open doors sit above resources too: they answer this hook with the
# resource's exports (Markdown, PDF).
RESOURCE_EXPORTS_HOOK = "resource_exports"


def cover(page) -> ImageSchema | None:
    """The cover image with its renditions."""
    return image_data(page.cover_image)


def credits(page) -> list[CreditSchema]:
    """The page's licence and author, then those of every work it uses."""
    return cached_credits(page)


def credits_plain(page) -> str:
    """The credits as plain text, one line per work, ready to paste under a reuse."""
    return credits_text(cached_credits(page))


def credits_markup(page) -> str:
    """The credits as an HTML list (values escaped), with rel="license" links."""
    return str(credits_html(cached_credits(page)))


def licence_url(page) -> str:
    """The address of the page's licence text (also in ``licence.url``), for simple clients."""
    return page.licence.url if page.licence_id else ""


def collections(page) -> list[PageRefSchema]:
    """The visible collections the resource belongs to (hand-picked or by rule), by title."""
    return [link for lookup in hooks.get_hooks(RESOURCE_COLLECTIONS_HOOK) for link in lookup(page)]


def exports(page) -> list[ExportLinkSchema]:
    """The resource to take away, with its licence and credits: one address per format."""
    return [link for lookup in hooks.get_hooks(RESOURCE_EXPORTS_HOOK) for link in lookup(page)]


def base(page) -> PageRefSchema | None:
    """The contribution space the resource is published in."""
    links = page_links(Page.objects.filter(path=base_path(page))) if page.path else []
    return links[0] if links else None


def photo_image(photo) -> ImageSchema | None:
    """An event photo with its renditions."""
    return image_data(photo.image)


RESOURCE_FIELDS = [
    computed("cover", cover),
    computed("base", base),
    computed("collections", collections),
    computed("credits", credits),
    computed("credits_text", credits_plain),
    computed("credits_html", credits_markup),
    computed("licence_url", licence_url),
    computed("exports", exports),
]
PHOTO_FIELDS = [computed("image", photo_image)]
