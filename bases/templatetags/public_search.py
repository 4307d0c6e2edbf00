"""Highlighted fragments of search hits, safe whatever the backend returned."""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urlsplit

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MARK = re.compile(r"(</?mark>)")


@register.filter
def highlighted(fragment: str) -> SafeString:
    """The fragment with only its ``<mark>`` tags kept as HTML; all else is escaped.

    Backends send escaped text around the marks: it is unescaped then escaped
    again, so entities stay single-escaped and any other tag shows as text.
    """
    parts = MARK.split(str(fragment or ""))
    return mark_safe("".join(part if MARK.fullmatch(part) else escape(unescape(part)) for part in parts))  # noqa: S308


@register.filter
def local_path(url: str) -> str:
    """A hit's address on this site as a path: the index keeps full URLs built
    from the Site's hostname, which may not be the host the visitor came by."""
    parts = urlsplit(url or "")
    return parts.path + (f"?{parts.query}" if parts.query else "") if parts.path else url


@register.simple_tag
def hit_fragment(hit, field: str, fallback: str = "") -> SafeString:
    """The first highlighted fragment of ``field``, or the escaped fallback text."""
    fragments = hit.highlights.get(field) or []
    return highlighted(fragments[0]) if fragments else conditional_escape(fallback)


@register.filter
def label_of(value: str, labels: dict) -> str:
    """``labels[value]``, or the value itself when it has no label."""
    return labels.get(value, value)
