"""Template tags for licence data on public pages (usable by any front end's templates).

- ``{% licence_head page %}``: ``<link rel="license">`` and schema.org JSON-LD with
  ``license``, for the ``<head>``;
- ``{% licence_badge page.licence %}``: the licence's short name linked with ``rel="license"``;

The public pages' credits panel (list + text to copy) is ``bases/templatetags/public_credits.py``.
"""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail import hooks

from licensing.credits import cached_credits

register = template.Library()

# Hook name: functions (item, data) → data that complete the JSON-LD of ``licence_head``.
LICENCE_HEAD_HOOK = "licence_head_data"

# JSON inside <script>: these characters must not close the element or start markup.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _licence(item):
    return getattr(item, "licence", None) if getattr(item, "licence_id", None) else None


@register.simple_tag
def licence_head(item) -> SafeString:
    """``<link rel="license">`` and a schema.org JSON-LD ``license`` for an item that has a licence."""
    licence = _licence(item)
    if licence is None:
        return SafeString("")
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": getattr(item, "title", str(item)),
        "license": licence.url,
        "creditText": getattr(item, "attribution", ""),
    }
    parts = [_work_data(credit) for credit in cached_credits(item) if credit.kind != "item"]
    if parts:
        data["hasPart"] = parts
    if getattr(item, "full_url", None):
        data["url"] = item.full_url
    if getattr(item, "source_url", ""):
        data["isBasedOn"] = item.source_url
    # Higher apps complete the description (opendata: a resource as a LearningResource).
    for extend in hooks.get_hooks(LICENCE_HEAD_HOOK):
        data = extend(item, data)
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html(
        '<link rel="license" href="{}">\n<script type="application/ld+json">{}</script>',
        licence.url,
        SafeString(payload),
    )


# Credit kind → schema.org type of the contained work.
_SCHEMA_TYPES = {"image": "ImageObject", "document": "DigitalDocument", "embed": "MediaObject"}


def _work_data(credit) -> dict:
    """A contained work as schema.org data: its own licence and credit."""
    data = {"@type": _SCHEMA_TYPES.get(credit.kind, "CreativeWork"), "name": credit.title, "creditText": credit.attribution}
    if credit.licence_url:
        data["license"] = credit.licence_url
    if credit.url:
        data["contentUrl"] = credit.url
    return data


@register.simple_tag
def licence_badge(licence) -> SafeString:
    """The licence's short name, linked to its text with ``rel="license"``."""
    if licence is None:
        return SafeString("")
    return format_html(
        '<a class="licence-badge" rel="license" href="{}" title="{}">{}</a>', licence.url, licence.name, licence.short_name
    )
