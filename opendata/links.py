"""Where each page's open doors are: its feed, its exports (for links and the API)."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page

from curation.models import CollectionPage
from opendata.sets import base_models
from resources.models import ResourcePage
from taxonomy.models import PrinciplePage, ThemePage

FEED_KINDS = ((ThemePage, "feed-theme"), (PrinciplePage, "feed-principle"), (CollectionPage, "feed-collection"))


def feed_url_name(page: Page | None) -> tuple[str, list[str]]:
    """The URL name and arguments of the feed that follows ``page`` (the latest resources by default)."""
    if page is not None:
        for model, name in FEED_KINDS:
            if isinstance(page, model):
                return f"opendata:{name}", [page.slug]
        if isinstance(page, tuple(base_models())):
            return "opendata:feed-base", [page.slug]
    return "opendata:feed-latest", []


def feed_links(page: Page | None) -> list[tuple[str, str, str]]:
    """(media type, title, path) of the RSS and Atom feeds following ``page``."""
    name, args = feed_url_name(page)
    label = "Dernières ressources" if name == "opendata:feed-latest" else f"« {page.title} »"
    return [
        ("application/rss+xml", f"{label} (RSS)", reverse(name, kwargs={"fmt": "rss", **_slug(args)})),
        ("application/atom+xml", f"{label} (Atom)", reverse(name, kwargs={"fmt": "atom", **_slug(args)})),
    ]


def _slug(args: list[str]) -> dict:
    return {"slug": args[0]} if args else {}


def export_links(page: ResourcePage) -> list[dict]:
    """The exports of a resource: format, media type and path."""
    return [
        {"format": "markdown", "media_type": "text/markdown", "url": reverse("opendata:export", args=[page.pk, "md"])},
        {"format": "pdf", "media_type": "application/pdf", "url": reverse("opendata:export", args=[page.pk, "pdf"])},
    ]
