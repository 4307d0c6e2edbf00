"""Serve anonymous reads from a server-side cache until public content changes.

An anonymous GET or HEAD (no session cookie, no Authorization header) whose response
is ``Cache-Control: public`` (set by the page and API cache middlewares, inside this
one), a 200 that sets no cookie and is not streamed, is stored in the default cache
for ``RESPONSE_CACHE_TIMEOUT`` seconds, under the content version read when the
request started (``core.content_version``): a publish, an unpublish, a licence or a
territory changed → a new version → the next request renders afresh. Keys are Django's
own (``get_cache_key``/``learn_cache_key``: the absolute URL with its scheme and host,
and the request headers the response varies on).

A view whose serving has side effects (a search recorded for the editors' report)
calls ``core.http.keep_out_of_response_cache(request)``: its responses are never
stored, so every request reaches it.

The Content-Security-Policy nonce is renewed on every hit: the stored body and header
carry the nonce of the request that rendered them, replaced by a fresh one, so no two
visitors ever share a nonce.

It sits near the top of the stack (after the health probes and CORS, whose headers
depend on each request's Origin), so a hit skips sessions, CSRF, authentication and the
view. ``RESPONSE_CACHE_TIMEOUT = 0`` turns it off (development and tests, by default).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_REPORT_ONLY_HEADER
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_cache_key, learn_cache_key

from bases.middleware.api_cache import is_anonymous_read
from core.content_version import CACHE_ALIAS, current_content_version
from core.http import is_kept_out_of_response_cache

KEY_PREFIX = "lesbases:response"
HIT_HEADER = "X-Response-Cache"  # HIT or MISS: what the benchmark and operators read
_NONCE_ATTRIBUTE = "_response_cache_nonce"


class ResponseCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.cache = caches[CACHE_ALIAS]
        # Static files and media are streamed by their own servers: never stored here.
        self.file_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p != "/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.RESPONSE_CACHE_TIMEOUT
        if timeout <= 0 or not is_anonymous_read(request) or request.path.startswith(self.file_prefixes):
            return self.get_response(request)
        key_prefix = f"{KEY_PREFIX}:{current_content_version()}"
        cached = self._lookup(request, key_prefix)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if self._storable(request, response):
            response[HIT_HEADER] = "MISS"
            stored_nonce = getattr(request, "_csp_nonce", None)
            setattr(response, _NONCE_ATTRIBUTE, stored_nonce if isinstance(stored_nonce, str) else None)
            key = learn_cache_key(request, response, timeout, key_prefix, cache=self.cache)
            self.cache.set(key, response, timeout)
        return response

    def _lookup(self, request: HttpRequest, key_prefix: str) -> HttpResponse | None:
        # As Django's FetchFromCacheMiddleware: a HEAD is answered from the GET's entry.
        key = get_cache_key(request, key_prefix, "GET", cache=self.cache)
        response = self.cache.get(key) if key else None
        if response is None:
            return None
        response[HIT_HEADER] = "HIT"
        _renew_nonce(response)
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in cache_control
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not is_kept_out_of_response_cache(request)
        )


def _renew_nonce(response: HttpResponse) -> None:
    """Replace the stored response's CSP nonce, in its body and headers, by a fresh one."""
    old = getattr(response, _NONCE_ATTRIBUTE, None)
    if not old:
        return
    new = base64.b64encode(os.urandom(16)).decode("ascii")
    response.content = response.content.replace(old.encode("ascii"), new.encode("ascii"))
    for header in (CSP_HEADER, CSP_REPORT_ONLY_HEADER):
        if header in response:
            response[header] = response[header].replace(old, new)
    setattr(response, _NONCE_ATTRIBUTE, new)
