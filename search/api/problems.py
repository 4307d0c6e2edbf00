"""Search's errors as the API's problem responses.

``SearchQueryError`` (a bad parameter, which it names) becomes a 422 like v3's
own validation errors, with the parameter in ``errors[].loc``; an unreachable
search engine becomes a 503. The shell registers these on the one API.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from core.api.problems import parameter_problem, unavailable_problem
from search.backends import SearchUnavailable
from search.query import SearchQueryError


def register_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(SearchQueryError)
    def invalid_parameter(request: HttpRequest, exc: SearchQueryError) -> HttpResponse:
        message = str(exc).removeprefix(f"{exc.parameter}: ")
        return parameter_problem(exc.parameter, message)

    @api.exception_handler(SearchUnavailable)
    def search_unavailable(request: HttpRequest, exc: SearchUnavailable) -> HttpResponse:
        return unavailable_problem("The search engine is unavailable; try again shortly.")
