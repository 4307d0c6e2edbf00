"""Typed, read-only computed fields for a page's ``api_fields``, and page links.

Wagtail's v3 read schemas type an ``APIField`` from its model field, or, for
an ``APIField(name, serializer=...)``, from the return annotation of the
serializer's ``to_representation`` (v3's path for API v2 serializer fields).
That second path is the only one v3 offers for a value that is not a model
field (credits, renditions, collections…), so ``computed`` builds such a
serializer around a plain function: the function's return annotation becomes
the field's OpenAPI type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_type_hints

from django.db.models import QuerySet
from rest_framework.fields import Field
from wagtail.api import APIField

from core.links import page_api_url
from core.visibility import visible


def computed(name: str, func: Callable[[Any], Any]) -> APIField:
    """A read-only APIField whose value is ``func(page)``, typed by ``func``'s return annotation."""
    return_type = get_type_hints(func)["return"]

    def to_representation(self, value):
        return func(value)

    to_representation.__annotations__ = {"return": return_type}
    serializer_class = type(f"{name.title().replace('_', '')}Field", (Field,), {"to_representation": to_representation})
    return APIField(name, serializer=serializer_class(source="*", read_only=True))


def writable(*names: str) -> list[APIField]:
    """API fields a client may also write (through the model's rules, like the admin)."""
    return [APIField(name, writable=True) for name in names]


def page_links(pages) -> list[dict]:
    """Links to the visible pages among ``pages`` (a queryset, or a revision's in-memory list)."""
    if isinstance(pages, QuerySet):
        pages = visible(pages)
    else:  # a draft revision's in-memory relation
        pages = [page for page in pages if page.live]
    return [{"id": p.pk, "title": p.title, "slug": p.slug, "api_url": page_api_url(p.pk)} for p in pages]
