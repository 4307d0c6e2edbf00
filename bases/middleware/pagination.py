"""Out-of-range pagination refused before any API view runs.

Wagtail's v3 routers pass ``offset`` and ``limit`` to the database as given, so
``?offset=99999999999999999999`` overflowed the database's integers (a 500). Under
/api/, a pagination parameter (``offset``, ``limit``, ``page``, ``page_size``) that
is not a whole number between 0 and ``MAX_PAGINATION_VALUE`` gets a 422 problem
naming it; each endpoint still applies its own, tighter bounds (``limit`` ≤ 50…).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bases.middleware.api_cache import API_PREFIX
from core.api.problems import parameter_problem

PAGINATION_PARAMETERS = ("offset", "limit", "page", "page_size")
# Far past any list of the hub, and inside every database's integers.
MAX_PAGINATION_VALUE = 2**31 - 1


class PaginationBoundsMiddleware:
    """A 422 naming the parameter for out-of-range pagination under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX) and request.method in ("GET", "HEAD"):
            for name in PAGINATION_PARAMETERS:
                for value in request.GET.getlist(name):
                    if not _in_range(value):
                        return parameter_problem(
                            name, f"must be a whole number between 0 and {MAX_PAGINATION_VALUE} (got {value[:40]!r})"
                        )
        return self.get_response(request)


def _in_range(value: str) -> bool:
    value = value.strip()
    return value.isdigit() and len(value) <= 10 and int(value) <= MAX_PAGINATION_VALUE
