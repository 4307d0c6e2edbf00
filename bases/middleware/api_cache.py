"""HTTP caching of the API's public reads: Cache-Control, ETag and 304.

An anonymous GET or HEAD under /api/ that succeeds gets
``Cache-Control: public, max-age=API_CACHE_MAX_AGE`` and a strong ETag from
its body; a request whose If-None-Match names that ETag gets 304 Not Modified.
A request carrying a token or a session cookie, and every write, gets
``Cache-Control: private, no-store``: what it sees may depend on who asks.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

API_PREFIX = "/api/"


def is_anonymous_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ApiCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        patch_vary_headers(response, ["Authorization"])
        if not is_anonymous_read(request):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if response.status_code != 200 or response.streaming:
            return response
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
