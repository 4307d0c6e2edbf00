"""Links to the open doors on the public pages.

- ``{% open_data_head %}`` in the ``<head>``: ``<link rel="alternate">`` to the
  page's RSS and Atom feeds (the search's own feed on the search page) and, on
  a resource, to its Markdown and PDF exports;
- ``{% export_links page %}``: the resource's download links, for its page.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from opendata.links import export_links as resource_exports
from opendata.links import feed_links
from resources.models import ResourcePage

register = template.Library()


@register.simple_tag(takes_context=True)
def open_data_head(context) -> SafeString:
    page = context.get("page")
    request = context.get("request")
    if context.get("search_page") and request is not None:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        links = [
            ("application/rss+xml", "Cette recherche (RSS)", reverse("opendata:feed-search", kwargs={"fmt": "rss"}) + query),
            ("application/atom+xml", "Cette recherche (Atom)", reverse("opendata:feed-search", kwargs={"fmt": "atom"}) + query),
        ]
    else:
        links = feed_links(page if not isinstance(page, ResourcePage) else None)
    if isinstance(page, ResourcePage):
        links += [(link["media_type"], f"Export {link['format'].upper()}", link["url"]) for link in resource_exports(page)]
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', links)


@register.simple_tag
def export_links(page) -> SafeString:
    """« Markdown » and « PDF » download links of a resource, with its licence named."""
    if not isinstance(page, ResourcePage):
        return SafeString("")
    items = format_html_join(
        "",
        '<li><a class="fr-link fr-link--download" href="{}" type="{}">{}</a></li>',
        ((link["url"], link["media_type"], label) for link, label in zip(resource_exports(page), ("Markdown", "PDF"))),
    )
    return format_html(
        '<h2 class="fr-h6">Emporter la ressource</h2><p class="fr-text--sm">Avec sa licence et ses crédits.</p>'
        '<ul class="lb-exports">{}</ul>',
        items,
    )
