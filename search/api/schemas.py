"""The search API's parameters and responses.

``SearchParams`` is also what the public search page reads its query string
into, so the page and the API accept exactly the same queries. Its facet
parameters and ``FacetsSchema`` are built from the facet declaration
(search.facets).

Facet values found to exist are not looked up again while the public content is
unchanged (``core.content_version``: a publish, an unpublish or a move changes
it in every process sharing the cache): that lookup was most of a cached
search's SQL when it filtered on a theme, principle, collection, base or licence.
"""

from __future__ import annotations

from collections.abc import Mapping

from ninja import Field, Schema
from pydantic import BaseModel, create_model

from core.content_version import current_content_version
from resources.api.schemas import ResourceCardSchema
from search.backends.database.cache import LRU, filters_key
from search.backends.database.cache import size as cache_size
from search.facet_values import check_facet_values
from search.facets import FACETS
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


class _QueryParameters(Schema):
    """Turns the parameters into a ``SearchQuery``, refusing bad characters and unknown facet values."""

    def to_query(self) -> SearchQuery:
        filters = {facet: tuple(str(v) for v in getattr(self, facet.value)) for facet in Facet}
        for name, values in filters.items():
            for value in values:
                refuse_control_characters(name.value, value)
        refuse_control_characters("q", self.q)
        query = SearchQuery(
            text=self.q, filters=filters, sort=self.sort, page=self.page, page_size=self.page_size
        )
        check_known_values(query.filters)
        return query


# Filters whose every value was found to exist, by content version.
_known: LRU[tuple, bool] = LRU()


def check_known_values(filters: Mapping[Facet, tuple[str, ...]]) -> None:
    """``check_facet_values``, once per set of filters while the public content is unchanged."""
    if not filters:
        return
    key = (current_content_version(), filters_key(filters))
    if _known.get(key):
        return
    check_facet_values(filters)  # raises on an unknown value: only known ones are kept
    _known.put(key, True, cache_size())


def _facet_parameters() -> dict[str, tuple]:
    """One list parameter per declared facet, in the declaration's order."""
    return {
        spec.name: (list[spec.value_type], Field([], max_length=MAX_VALUES_PER_FACET, description=spec.description))
        for spec in FACETS
    }


# Built from the facet declaration, so a new facet is a new parameter. The
# model's docstring would become its OpenAPI description: the base's is not
# inherited, and this one has none.
SearchParams = create_model(
    "SearchParams",
    __base__=_QueryParameters,
    __module__=__name__,
    q=(str, Field("", max_length=MAX_TEXT_LENGTH, description="Words to find (French analysis).")),
    **_facet_parameters(),
    sort=(Sort, Sort.RELEVANCE),
    page=(int, Field(1, ge=1)),
    page_size=(int, Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)),
)


def refuse_control_characters(parameter: str, value: str) -> None:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise SearchQueryError(parameter, "control characters are not allowed.")


# A result: the resource's card, its year and what matched.
class HitSchema(ResourceCardSchema):
    year: int | None
    highlights: dict[str, list[str]] = Field(
        description=(
            "Why the resource matched: for each field holding a word found (title, summary, body_text, "
            "taxonomy — its themes, principles and collections —, tags), fragments with <mark> around "
            "the words found; one fragment per matching label or tag. Fields without a match are absent."
        )
    )


# Plain pydantic models, not ninja Schemas, for the many small facet values (about a hundred
# per response): ninja's attribute-reading root validator ran for each of them and cost
# about half of a cached search's time; their input is always a dict, so it is not needed.
class FacetValueSchema(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


FacetsSchema = create_model(
    "FacetsSchema",
    __base__=BaseModel,
    __module__=__name__,
    __doc__="Counts per facet value; each facet is counted under every filter but its own.",
    **{spec.name: (list[FacetValueSchema], ...) for spec in FACETS},
)


class SearchResponseSchema(BaseModel):
    total: int
    page: int
    page_size: int
    results: list[HitSchema]
    facets: FacetsSchema
    suggestion: str | None = Field(description="A corrected query when few results were found.")


class ClickSchema(Schema):
    q: str = Field(max_length=MAX_TEXT_LENGTH, description="The query text of the search the result came from.")
    resource_id: int = Field(description="The id of the resource followed (a hit's `id`).")
    position: int | None = Field(None, ge=1, le=10_000, description="Its rank in the results, from 1.")


class SuggestResponseSchema(Schema):
    q: str
    suggestions: list[str]
