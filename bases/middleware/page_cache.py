"""HTTP caching of the public pages (the API has its own, bases.middleware.api_cache).

An anonymous GET or HEAD of a public page that succeeds, and sets no cookie,
gets ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE``. Everything else a
page serves — to a signed-in user, a preview, an error, a form that sets the
CSRF cookie (e.g. a password-protected page) — gets ``private, no-store``.
Responses vary on Cookie, since a session changes what a page may show.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from bases.middleware.api_cache import API_PREFIX, is_anonymous_read

# Paths that are not public pages: the admin (previews included), the API,
# documents (served with their own rules), static files and media.
NOT_PAGES = ("/admin/", API_PREFIX, "/documents/", "/static/", "/media/")


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(NOT_PAGES) or response.has_header("Cache-Control"):
            return response
        patch_vary_headers(response, ["Cookie"])
        cacheable = is_anonymous_read(request) and not getattr(request, "is_preview", False)
        if cacheable and response.status_code == 200 and not response.cookies:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response
