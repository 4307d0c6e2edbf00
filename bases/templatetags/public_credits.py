"""The credits panel of public pages, on ``licensing.credits``.

The list and the text to copy come from the licensing app (one line per work);
the panel adds the page's own address after its first line, so a pasted credit
says where the work was found.
"""

from __future__ import annotations

from django import template

from licensing.credits import cached_credits, credits_html, credits_text

register = template.Library()


def credits_text_with_address(credits: list, url: str = "") -> str:
    """``credits_text``, with the item's address after its own (first) line."""
    lines = credits_text(credits).split("\n") if credits else []
    if lines and url:
        lines[0] = f"{lines[0]} — {url}"
    return "\n".join(lines)


@register.inclusion_tag("bases/includes/credits.html", takes_context=True)
def credits_panel(context, page) -> dict:
    """The credits as licensing's HTML list and as text, with a button to copy the text."""
    credits = cached_credits(page)
    request = context.get("request")
    url = page.get_full_url(request) if page.pk and page.live else ""
    return {
        "credits": credits,
        "credits_html": credits_html(credits),
        "text": credits_text_with_address(credits, url or ""),
    }
