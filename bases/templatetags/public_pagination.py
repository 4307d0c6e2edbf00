"""Page numbers for the DSFR pagination (lists and search results)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def page_links(current: int, last: int, around: int = 2) -> list[int | None]:
    """The first, the last and a few pages around the current one; None marks a gap."""
    shown = sorted({1, last, *range(current - around, current + around + 1)} & set(range(1, last + 1)))
    links: list[int | None] = []
    for number in shown:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links
