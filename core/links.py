"""Absolute API addresses, the same with or without a request (WAGTAILAPI_BASE_URL)."""

from __future__ import annotations

from django.urls import reverse
from wagtail.api.utils import get_full_url


def page_api_url(page_id: int, request=None) -> str:
    """The v3 detail address of a page."""
    return get_full_url(request, reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page_id}))
