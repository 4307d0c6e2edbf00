"""Output shapes every app's API shares: links to pages, facet terms, page ids in paths."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import BaseModel, Field


class PageRefSchema(Schema):
    """A link to another page: a theme, a principle, a collection, a base."""

    id: int
    title: str
    slug: str
    api_url: str


class CountedPageSchema(Schema):
    # A page that gathers resources (a base, a theme, a principle), with their number.
    # (No docstring: the subclasses are the documented components.)
    id: int
    title: str
    slug: str
    introduction: str
    resource_count: int
    url: str
    api_url: str


class ExportLinkSchema(Schema):
    """A download of a page in another format (Markdown, PDF), with its licence and credits."""

    format: str
    media_type: str
    url: str


# A plain pydantic model, as the cards that hold it: its input is always a dict, and
# ninja's attribute-reading root validator cost ~0.1 ms per term on a search page.
class TermSchema(BaseModel):
    """A facet value as search knows it: its API value and its label."""

    value: str
    label: str


# A page id in a path: Wagtail's page ids are 32-bit integers.
PageId = Annotated[int, Field(ge=1, le=2**31 - 1)]
