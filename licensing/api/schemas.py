"""Output shapes of licensing: a licence, a licensed image with its renditions, a credit."""

from __future__ import annotations

from ninja import Field, Schema


class LicenceSchema(Schema):
    """A licence of the register."""

    id: str
    name: str
    short_name: str
    url: str
    canonical_uri: str = Field(description="The URI catalogues (DCAT, data.gouv.fr) know the licence by.")
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
