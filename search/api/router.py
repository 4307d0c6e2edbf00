"""The search router: GET /api/v3/search/, /api/v3/search/suggest/ and POST /api/v3/search/clicks/.

Parameters are checked by the schema (types, bounds), then by ``SearchQuery``
and the known facet values; every refusal is a 422 problem naming the
parameter (see search.api.problems).

A search's JSON body is rendered through ``SearchResponseSchema`` once per
result: while the backend serves the same result again from its cache (the
index unchanged), the same bytes are sent. Rendering twenty hits and every
facet's values cost about half of a cached search's time.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query
from wagtail.api.utils import get_base_url
from wagtail.api.v3.api import api

from core.api.auth import public_router
from core.api.problems import parameter_problem
from core.links import page_api_url
from core.visibility import visible
from resources.models import ResourcePage
from search import backends, events
from search.api.schemas import (
    ClickSchema,
    SearchParams,
    SearchResponseSchema,
    SuggestResponseSchema,
    refuse_control_characters,
)
from resources.dates import date_label
from search.backends.database.cache import LRU, query_key
from search.backends.database.cache import size as cache_size
from search.query import MAX_TEXT_LENGTH, Facet, Hit, SearchResult

MAX_SUGGESTIONS = 10

router = public_router("search")

# Rendered bodies of cached results by query and base URL, each with the hits and facets
# it was rendered from. The entry holds those, so no other object can take their identity:
# a body is sent again only for the very result the backend's cache still serves, never
# for one computed afresh (a new index generation).
_bodies: LRU[tuple, tuple[list[Hit], dict, bytes]] = LRU()


@router.get(
    "/",
    response=SearchResponseSchema,
    url_name="search",
    summary="Search resources",
    operation_id="search",
)
def search(request: HttpRequest, params: Query[SearchParams]) -> HttpResponse:
    """Full-text search with facets (OR inside a facet, AND across facets), sort and pages."""
    query = params.to_query()
    result = backends.get_backend().search(query)
    events.announce_search(request, query, result.total, channel="api")
    return HttpResponse(_body(result, request), content_type=api.get_content_type())


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
    refuse_control_characters("q", q)
    text = " ".join(q.split())
    return {"q": text, "suggestions": backends.get_backend().suggest(text, limit=limit) if text else []}


@router.post(
    "/clicks/",
    response={204: None},
    url_name="search_click",
    summary="Tell the hub a search result was followed",
    operation_id="search_click",
)
def click(request: HttpRequest, payload: ClickSchema) -> HttpResponse:
    """For headless fronts: a visitor followed a result of a search (the search page's links
    do this themselves). Nothing about the visitor is kept: the query text, the resource and
    its rank only, so that editors see which searches lead somewhere."""
    refuse_control_characters("q", payload.q)
    if not visible(ResourcePage.objects.filter(pk=payload.resource_id)).exists():
        return parameter_problem("resource_id", "no public resource has this id.", location="body")
    events.announce_click(request, " ".join(payload.q.split()), payload.resource_id, payload.position, "api")
    return HttpResponse(status=204)


def _body(result: SearchResult, request: HttpRequest) -> bytes:
    """The JSON of ``result``, rendered once while the backend serves this very result."""
    if not result.cached:  # a backend without a cache: nothing would be served again
        return _render(result, request)
    key = (query_key(result.query), get_base_url(request))
    kept = _bodies.get(key)
    if kept is not None and kept[0] is result.hits and kept[1] is result.facets:
        return kept[2]
    body = _render(result, request)
    _bodies.put(key, (result.hits, result.facets, body), cache_size())
    return body


def _render(result: SearchResult, request: HttpRequest) -> bytes:
    """What ninja would send for ``_response(result)``: validated and dumped by the schema."""
    context = {"request": request, "response_status": 200}
    data = SearchResponseSchema.model_validate(_response(result, request), context=context)
    return api.renderer.render(request, data.model_dump(context=context), response_status=200)


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
        "date": hit.date,
        "date_precision": hit.date_precision,
        "date_label": date_label(hit.date, hit.date_precision),
        "highlights": hit.highlights,
        "url": hit.url,
        "api_url": page_api_url(hit.id, request),
    }
