"""The hub's domain errors as problem responses, in Wagtail v3's RFC 7807 format.

``SearchQueryError`` (a bad parameter, which it names) becomes a 422 like v3's
own validation errors, with the parameter in ``errors[].loc``; an unreachable
search engine becomes a 503. Everything else is left to v3's handlers.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from wagtail.api.v3.errors import problem_response

from search.backends import SearchUnavailable
from search.query import SearchQueryError


def parameter_problem(parameter: str, message: str, location: str = "query") -> HttpResponse:
    """A 422 naming the parameter, shaped like v3's request validation errors."""
    return problem_response(
        status=422,
        detail=f"{parameter}: {message}",
        errors=[{"type": "invalid_parameter", "loc": [location, parameter], "msg": message}],
    )


def register_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(SearchQueryError)
    def invalid_parameter(request: HttpRequest, exc: SearchQueryError) -> HttpResponse:
        message = str(exc).removeprefix(f"{exc.parameter}: ")
        return parameter_problem(exc.parameter, message)

    @api.exception_handler(SearchUnavailable)
    def search_unavailable(request: HttpRequest, exc: SearchUnavailable) -> HttpResponse:
        response = problem_response(status=503, detail="The search engine is unavailable; try again shortly.")
        response["Retry-After"] = "30"
        return response
