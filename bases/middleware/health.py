"""Answer the health probes first, before anything else in the middleware stack.

Probes come from the orchestrator or the load balancer with whatever ``Host``
header it sends (often an IP address not in ``ALLOWED_HOSTS``), over plain HTTP
inside the network (no HTTPS redirect wanted), without cookies: answering here
skips host validation, ``SECURE_SSL_REDIRECT``, sessions and the page and API
cache middlewares. Only GET and HEAD on the exact paths are answered.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bases.health import HEALTHZ_PATH, READYZ_PATH, healthz, readyz

_PROBES = {HEALTHZ_PATH: healthz, READYZ_PATH: readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = _PROBES.get(request.path_info.rstrip("/") or "/")
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return probe(request)
