"""The search router: GET /api/v3/search/ and /api/v3/search/suggest/.

Parameters are checked by the schema (types, bounds), then by ``SearchQuery``
and the known facet values; every refusal is a 422 problem naming the
parameter (see bases.api_problems).
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from bases.api_links import page_api_url
from bases.api_schemas import TermSchema
from search import backends
from search.facet_values import check_facet_values
from search.query import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_TEXT_LENGTH,
    MAX_VALUES_PER_FACET,
    Facet,
    Hit,
    SearchQuery,
    SearchQueryError,
    SearchResult,
    Sort,
)

MAX_SUGGESTIONS = 10

router = Router(tags=["search"], auth=[BearerTokenAuth(), AllowAnonymous()])


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
                _refuse_control_characters(name.value, value)
        _refuse_control_characters("q", self.q)
        query = SearchQuery(
            text=self.q, filters=filters, sort=self.sort, page=self.page, page_size=self.page_size
        )
        check_facet_values(query.filters)
        return query


def _refuse_control_characters(parameter: str, value: str) -> None:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise SearchQueryError(parameter, "control characters are not allowed.")


class HitSchema(Schema):
    id: int
    title: str
    summary: str
    type: str
    licence: str
    base: TermSchema | None
    themes: list[TermSchema]
    year: int | None
    first_published_at: datetime | None
    highlights: dict[str, list[str]] = Field(description="Fragments with <mark> around the words found.")
    url: str
    api_url: str


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


@router.get(
    "/",
    response=SearchResponseSchema,
    url_name="search",
    summary="Search resources",
    operation_id="search",
)
def search(request: HttpRequest, params: Query[SearchParams]) -> dict:
    """Full-text search with facets (OR inside a facet, AND across facets), sort and pages."""
    result = backends.get_backend().search(params.to_query())
    return _response(result, request)


@router.get(
    "/suggest/",
    response=SuggestResponseSchema,
    url_name="search_suggest",
    summary="Suggest titles as you type",
    operation_id="search_suggest",
)
def suggest(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_TEXT_LENGTH),
    limit: int = Query(8, ge=1, le=MAX_SUGGESTIONS),
) -> dict:
    """Titles completing what the user is typing."""
    _refuse_control_characters("q", q)
    text = " ".join(q.split())
    return {"q": text, "suggestions": backends.get_backend().suggest(text, limit=limit) if text else []}


def _response(result: SearchResult, request: HttpRequest) -> dict:
    return {
        "total": result.total,
        "page": result.query.page,
        "page_size": result.query.page_size,
        "results": [_hit(hit, request) for hit in result.hits],
        "facets": {facet.value: [vars(value) for value in result.facets.get(facet, [])] for facet in Facet},
        "suggestion": result.suggestion,
    }


def _hit(hit: Hit, request: HttpRequest) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "summary": hit.summary,
        "type": hit.resource_type,
        "licence": hit.licence,
        "base": vars(hit.base) if hit.base else None,
        "themes": [vars(theme) for theme in hit.themes],
        "year": hit.year,
        "first_published_at": hit.first_published_at,
        "highlights": hit.highlights,
        "url": hit.url,
        "api_url": page_api_url(hit.id, request),
    }
