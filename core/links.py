"""Absolute API addresses, the same with or without a request (WAGTAILAPI_BASE_URL)."""

from __future__ import annotations

from django.urls import reverse
from wagtail.api.utils import get_full_url


def page_api_url(page_id: int, request=None) -> str:
    """The v3 detail address of a page."""
    return get_full_url(request, reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page_id}))


def counted_page(page, resource_count: int, request=None) -> dict:
    """A page that gathers resources, as ``CountedPageSchema`` data."""
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "resource_count": resource_count,
        "url": page.get_full_url(request) or "",
        "api_url": page_api_url(page.pk, request),
    }
