"""Reads (GET, HEAD) learn what the tree hides once per request (``core.visibility``).

A page that shows resources in several blocks narrowed each list through ``visible``,
which read the view restrictions and the deepest hidden depth every time (five times
each on a resource page). A read does not change the tree, so one reading serves the
whole request; a write (POST, PATCH…) reads them afresh each time, after its own changes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.visibility import facts_read_once

READS = frozenset({"GET", "HEAD"})


class VisibilityFactsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READS:
            return self.get_response(request)
        with facts_read_once():
            return self.get_response(request)
