"""Result cards of resources read from the database, in bulk.

A fixed number of queries whatever the number of cards: the resources, their
visible themes (one prefetch), their bases (one query); URLs come from Wagtail's
cached site root paths.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from core.links import page_api_url
from core.visibility import visible
from resources.bases import base_path, bases_by_path
from resources.dates import date_label
from taxonomy.models import ThemePage

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
    "date",
    "date_precision",
)


def with_card_data(queryset):
    """The queryset, narrowed to card columns, with its visible themes prefetched."""
    themes = visible(ThemePage.objects.all()).only("id", "title", "slug").order_by("title")
    return queryset.only(*CARD_FIELDS).prefetch_related(Prefetch("themes", queryset=themes))


def resource_cards(resources: Iterable, request=None) -> list[dict]:
    """Cards (``ResourceCardSchema``) for resources loaded through ``with_card_data``, in order."""
    resources = list(resources)
    bases = bases_by_path(resources, live_only=True)
    cards = []
    for page in resources:
        base = bases.get(base_path(page))
        cards.append(
            {
                "id": page.pk,
                "title": page.title,
                "summary": page.summary,
                "type": page.resource_type,
                "licence": page.licence_id,
                "base": {"value": base.slug, "label": base.title} if base else None,
                "themes": [{"value": theme.slug, "label": theme.title} for theme in page.themes.all()],
                "first_published_at": page.first_published_at,
                "date": page.date,
                "date_precision": page.date_precision,
                "date_label": date_label(page.date, page.date_precision),
                "url": page.get_full_url(request) or "",
                "api_url": page_api_url(page.pk, request),
            }
        )
    return cards
