"""What the public may see: live pages, without view restriction, under live ancestors.

The one rule of the hub: the API, the search index, the public pages and the
curated lists all narrow their pages through ``visible``, so a draft, an
unpublished page, a page under a view restriction or under an unpublished
ancestor never appears in a listing, a detail, a count, a card or a document.

The "under a live ancestor" part is one ``NOT EXISTS`` subquery: its SQL is the
same whatever the number of drafts (an ancestor is a non-live page whose path
is a prefix of the page's path).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page


def non_live_ancestor() -> Exists:
    """True for a page (the outer query's row) with a non-live ancestor below the tree root."""
    ancestors = Page.objects.filter(
        live=False,
        depth__gt=1,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )
    return Exists(ancestors)


def visible(queryset: QuerySet) -> QuerySet:
    """Narrow a page queryset to what an anonymous visitor may see."""
    return queryset.live().public().filter(~non_live_ancestor())


def visible_ids(model: type[Page]) -> QuerySet:
    """Ids of the visible pages of ``model``, as a subquery."""
    return visible(model.objects.all()).values("pk")


def is_visible(page: Page) -> bool:
    """Whether the public may see this one page (one query)."""
    return visible(Page.objects.filter(pk=page.pk)).exists()
