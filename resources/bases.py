"""A resource's base (« base »: the contribution space it is published in) is its
parent page. The one place that turns resources into their bases."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page


def base_path(page) -> str:
    """The tree path of the resource's base (its parent): anything with a page's ``path`` will do."""
    return page.path[: -Page.steplen]


def bases_by_path(resources: Iterable, live_only: bool = False) -> dict[str, Page]:
    """The bases of ``resources`` by tree path, with slug and title (one query)."""
    bases = Page.objects.filter(path__in={base_path(page) for page in resources}).only("path", "slug", "title")
    if live_only:
        bases = bases.filter(live=True)
    return {base.path: base for base in bases}
