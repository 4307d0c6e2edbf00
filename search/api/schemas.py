"""The search API's parameters and responses.

``SearchParams`` is also what the public search page reads its query string
into, so the page and the API accept exactly the same queries.
"""

from __future__ import annotations

from ninja import Field, Schema

from resources.api.schemas import ResourceCardSchema
from search.facet_values import check_facet_values
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    MAX_VALUES_PER_FACET,
    Facet,
    SearchQuery,
    SearchQueryError,
    Sort,
)


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_TEXT_LENGTH, description="Words to find (French analysis).")
    theme: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Theme slugs (OR).")
    principle: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Principle slugs (OR).")
    collection: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Collection slugs (OR).")
    type: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Resource types (OR).")
    licence: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Licence ids (OR).")
    base: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Base slugs (OR).")
    territory: list[str] = Field([], max_length=MAX_VALUES_PER_FACET, description="Territories (OR).")
    year: list[int] = Field([], max_length=MAX_VALUES_PER_FACET, description="Years (OR).")
    sort: Sort = Sort.RELEVANCE
    page: int = Field(1, ge=1)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    def to_query(self) -> SearchQuery:
        filters = {facet: tuple(str(v) for v in getattr(self, facet.value)) for facet in Facet}
        for name, values in filters.items():
            for value in values:
                refuse_control_characters(name.value, value)
        refuse_control_characters("q", self.q)
        query = SearchQuery(
            text=self.q, filters=filters, sort=self.sort, page=self.page, page_size=self.page_size
        )
        check_facet_values(query.filters)
        return query


def refuse_control_characters(parameter: str, value: str) -> None:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise SearchQueryError(parameter, "control characters are not allowed.")


# A result: the resource's card, its year and what matched.
class HitSchema(ResourceCardSchema):
    year: int | None
    highlights: dict[str, list[str]] = Field(description="Fragments with <mark> around the words found.")


class FacetValueSchema(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetsSchema(Schema):
    """Counts per facet value; each facet is counted under every filter but its own."""

    theme: list[FacetValueSchema]
    principle: list[FacetValueSchema]
    collection: list[FacetValueSchema]
    type: list[FacetValueSchema]
    licence: list[FacetValueSchema]
    base: list[FacetValueSchema]
    territory: list[FacetValueSchema]
    year: list[FacetValueSchema]


class SearchResponseSchema(Schema):
    total: int
    page: int
    page_size: int
    results: list[HitSchema]
    facets: FacetsSchema
    suggestion: str | None = Field(description="A corrected query when few results were found.")


class SuggestResponseSchema(Schema):
    q: str
    suggestions: list[str]
