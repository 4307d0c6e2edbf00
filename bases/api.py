"""The hub's one headless API: Wagtail's v3 Ninja API, to which the hub's own
routers are added (search, licences, taxonomies, collections)."""

from wagtail.api.v3.urls import api

__all__ = ["api"]
