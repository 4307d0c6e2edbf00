"""What the public may see: live pages, without view restriction, under live ancestors.

Every hub API router narrows its pages through ``visible``, so a draft, an
unpublished page, a page under a view restriction or under an unpublished
ancestor never appears in a listing, a detail, a count or a card.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from wagtail.models import Page


def hidden_subtrees() -> Q | None:
    """Pages under a non-live ancestor, as one condition (one query to build it)."""
    paths = list(Page.objects.filter(live=False, numchild__gt=0).exclude(depth=1).values_list("path", flat=True))
    if not paths:
        return None
    return reduce(or_, (Q(path__startswith=path) for path in paths))


def visible(queryset: QuerySet) -> QuerySet:
    """Narrow a page queryset to what an anonymous visitor may see."""
    queryset = queryset.live().public()
    hidden = hidden_subtrees()
    return queryset.exclude(hidden) if hidden is not None else queryset


def visible_ids(model: type[Page]) -> QuerySet:
    """Ids of the visible pages of ``model``, as a subquery."""
    return visible(model.objects.all()).values("pk")
