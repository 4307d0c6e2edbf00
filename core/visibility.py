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

The two facts the rule reads from the tree (that depth, and the view-restricted
paths) cost one query each. Inside ``facts_read_once()`` (the middleware wraps
every GET and HEAD in it) they are read once for the whole block: a page that
lists resources in several places asked them up to five times each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from wagtail.models import Page, PageViewRestriction

T = TypeVar("T")

# The facts read so far in the current facts_read_once() block (None: outside one).
# A context variable: each thread (gunicorn gthread) and each task has its own.
_facts: ContextVar[dict[str, object] | None] = ContextVar("visibility_facts", default=None)


@contextmanager
def facts_read_once() -> Iterator[None]:
    """Read the tree's facts once for the block: only where the tree cannot change meanwhile."""
    token = _facts.set({})
    try:
        yield
    finally:
        _facts.reset(token)


def _fact(name: str, read: Callable[[], T]) -> T:
    facts = _facts.get()
    if facts is None:
        return read()
    if name not in facts:
        facts[name] = read()
    return facts[name]  # type: ignore[return-value]


def deepest_hiding_page() -> int | None:
    """Depth of the deepest non-live page that has children (None: nothing is hidden that way)."""

    def read() -> int | None:
        hiding = Page.objects.filter(live=False, numchild__gt=0, depth__gt=1)
        return hiding.aggregate(deepest=Max("depth"))["deepest"]

    return _fact("deepest_hiding_page", read)


def restricted_paths() -> tuple[str, ...]:
    """Paths of the pages under a view restriction (password, groups, sign-in)."""
    return _fact(
        "restricted_paths",
        lambda: tuple(PageViewRestriction.objects.order_by("page__path").values_list("page__path", flat=True)),
    )


def without_view_restrictions(queryset: QuerySet) -> QuerySet:
    """Wagtail's ``public()``: no page at or under a restricted page (its paths read once per block)."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return queryset.filter(condition)


def non_live_ancestor(deepest: int) -> Exists:
    """True for a page (the outer query's row) with a non-live ancestor at depth 2 to ``deepest``.

    A prefix as long as the page's own path is the page itself, which ``live()`` already keeps live.
    """
    prefixes = [Substr(OuterRef("path"), 1, Page.steplen * depth) for depth in range(2, deepest + 1)]
    return Exists(Page.objects.filter(live=False, path__in=prefixes))


def visible(queryset: QuerySet) -> QuerySet:
    """Narrow a page queryset to what an anonymous visitor may see."""
    queryset = without_view_restrictions(queryset.live())
    deepest = deepest_hiding_page()
    return queryset.filter(~non_live_ancestor(deepest)) if deepest else queryset


def visible_ids(model: type[Page]) -> QuerySet:
    """Ids of the visible pages of ``model``, as a subquery."""
    return visible(model.objects.all()).values("pk")
