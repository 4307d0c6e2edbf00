"""Marks a view leaves on its request for the middlewares above it."""

from __future__ import annotations

from django.http import HttpRequest

_KEPT_OUT = "_kept_out_of_response_cache"


def keep_out_of_response_cache(request: HttpRequest) -> None:
    """Never serve this request's response from the server-side cache to another request.

    For a view whose serving has side effects that must happen on every request (a
    search recorded for the editors' report): a stored copy would skip them.
    """
    setattr(request, _KEPT_OUT, True)


def is_kept_out_of_response_cache(request: HttpRequest) -> bool:
    """Whether the view called ``keep_out_of_response_cache`` on this request."""
    return getattr(request, _KEPT_OUT, False)
