"""The header's sections and each page's breadcrumb (one query each)."""

from __future__ import annotations

from django import template
from wagtail.models import Page

from core.visibility import visible

register = template.Library()

HOME_DEPTH = 2  # the tree root is depth 1, the HomePage depth 2


@register.simple_tag
def main_sections() -> list[Page]:
    """The home page's visible children (bases, collections, themes, principles)."""
    return list(visible(Page.objects.filter(depth=HOME_DEPTH + 1)).order_by("path"))


@register.simple_tag
def breadcrumb_ancestors(page: Page) -> list[Page]:
    """The page's ancestors below the home page, for the breadcrumb."""
    if page is None or not page.path or page.depth <= HOME_DEPTH + 1:
        return []
    return list(Page.objects.ancestor_of(page).filter(depth__gt=HOME_DEPTH).order_by("depth"))
