"""Output shapes shared by the hub's API routers and page fields."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field


class LicenceSchema(Schema):
    """A licence of the register."""

    id: str
    name: str
    short_name: str
    url: str
    is_open: bool
    share_alike: bool
    requires_attribution: bool


class RenditionSchema(Schema):
    url: str
    full_url: str
    width: int
    height: int


class ImageSchema(Schema):
    """A licensed image with its server-chosen renditions (``card``: fill-800x450, ``large``: width-1600)."""

    id: int
    title: str
    width: int
    height: int
    attribution: str
    licence: str
    source_url: str
    renditions: dict[str, RenditionSchema]


class CreditSchema(Schema):
    """Who to credit for one work the page shows, and under which licence."""

    kind: str
    title: str
    attribution: str
    licence_id: str
    licence_name: str
    licence_url: str
    source_url: str
    url: str


class PageRefSchema(Schema):
    """A link to another page: a theme, a principle, a collection, a base."""

    id: int
    title: str
    slug: str
    api_url: str


class TermSchema(Schema):
    """A facet value as search knows it: its API value and its label."""

    value: str
    label: str


class ResourceCardSchema(Schema):
    """What a result card needs to show a resource."""

    id: int
    title: str
    summary: str
    type: str
    licence: str
    base: TermSchema | None
    themes: list[TermSchema]
    first_published_at: datetime | None
    url: str
    api_url: str


class CollectionEntrySchema(Schema):
    """A resource in a collection, at its place in the editors' order."""

    position: int
    note: str
    featured: bool = False
    source: Literal["selection", "rule"] = "selection"
    resource: ResourceCardSchema


# A page id in a path: Wagtail's page ids are 32-bit integers.
PageId = Annotated[int, Field(ge=1, le=2**31 - 1)]
