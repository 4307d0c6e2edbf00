"""What the public may see: live pages, without view restriction, under live ancestors.

The one rule of the hub: the API, the search index, the public pages and the
curated lists all narrow their pages through ``visible``, so a draft, an
unpublished page, a page under a view restriction or under an unpublished
ancestor never appears in a listing, a detail, a count, a card or a document.

"Under a live ancestor" is one ``NOT EXISTS``: a non-live page whose path is one
of the page's path prefixes. Only a non-live page with children can hide others,
so the prefixes go down to the deepest such page (one small query finds its
depth): the SQL grows with the tree's depth, never with the number of drafts,
and each prefix is a lookup on the unique index of ``path``.
"""

from __future__ import annotations

from django.db.models import Exists, Max, OuterRef, QuerySet
from django.db.models.functions import Substr
from wagtail.models import Page


def deepest_hiding_page() -> int | None:
    """Depth of the deepest non-live page that has children (None: nothing is hidden that way)."""
    hiding = Page.objects.filter(live=False, numchild__gt=0, depth__gt=1)
    return hiding.aggregate(deepest=Max("depth"))["deepest"]


def non_live_ancestor(deepest: int) -> Exists:
    """True for a page (the outer query's row) with a non-live ancestor at depth 2 to ``deepest``.

    A prefix as long as the page's own path is the page itself, which ``live()`` already keeps live.
    """
    prefixes = [Substr(OuterRef("path"), 1, Page.steplen * depth) for depth in range(2, deepest + 1)]
    return Exists(Page.objects.filter(live=False, path__in=prefixes))


def visible(queryset: QuerySet) -> QuerySet:
    """Narrow a page queryset to what an anonymous visitor may see."""
    queryset = queryset.live().public()
    deepest = deepest_hiding_page()
    return queryset.filter(~non_live_ancestor(deepest)) if deepest else queryset


def visible_ids(model: type[Page]) -> QuerySet:
    """Ids of the visible pages of ``model``, as a subquery."""
    return visible(model.objects.all()).values("pk")
