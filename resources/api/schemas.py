"""The card of a resource, as every list of the API shows it (search hits extend it)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from core.api.schemas import TermSchema


# A plain pydantic model: cards are always built as dicts (resources.cards, the search
# backends' hits), so ninja's attribute-reading root validator, which ran for every card
# and term of a response, is not needed.
class ResourceCardSchema(BaseModel):
    """What a result card needs to show a resource."""

    id: int
    title: str
    summary: str
    type: str
    licence: str
    base: TermSchema | None
    themes: list[TermSchema]
    first_published_at: datetime | None
    # The resource's own date (not its publication on the hub), its precision, and as shown.
    date: date | None
    date_precision: str
    date_label: str
    url: str
    api_url: str
