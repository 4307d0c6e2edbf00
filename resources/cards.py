"""Result cards of resources read from the database, in bulk.

A fixed number of queries whatever the number of cards: the resources, their
visible themes (one prefetch), their bases (one query); URLs come from Wagtail's
cached site root paths.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from wagtail.models import Page

from bases.api_links import page_api_url
from bases.visibility import visible

CARD_FIELDS = (
    "id",
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "summary",
    "resource_type",
    "licence_id",
    "first_published_at",
)


def with_card_data(queryset):
    """The queryset, narrowed to card columns, with its visible themes prefetched."""
    from curation.models import ThemePage

    themes = visible(ThemePage.objects.all()).only("id", "title", "slug").order_by("title")
    return queryset.only(*CARD_FIELDS).prefetch_related(Prefetch("themes", queryset=themes))


def resource_cards(resources: Iterable, request=None) -> list[dict]:
    """Cards for resources loaded through ``with_card_data``, in the given order."""
    resources = list(resources)
    parent_paths = {page.path[: -page.steplen] for page in resources}
    bases = {
        base.path: {"value": base.slug, "label": base.title}
        for base in Page.objects.filter(path__in=parent_paths, live=True).only("path", "slug", "title")
    }
    return [
        {
            "id": page.pk,
            "title": page.title,
            "summary": page.summary,
            "type": page.resource_type,
            "licence": page.licence_id,
            "base": bases.get(page.path[: -page.steplen]),
            "themes": [{"value": theme.slug, "label": theme.title} for theme in page.themes.all()],
            "first_published_at": page.first_published_at,
            "url": page.get_full_url(request) or "",
            "api_url": page_api_url(page.pk, request),
        }
        for page in resources
    ]
