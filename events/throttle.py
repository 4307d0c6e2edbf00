"""A per-client rate limit in Django's cache: no third-party service, no cookie."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest, scope: str) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a
    # trusted proxy sets it, and a limit the client can dodge limits nothing.
    return f"throttle:{scope}:{request.META.get('REMOTE_ADDR', 'unknown')}"


def allow(request: HttpRequest, scope: str, limit: int | None = None, window: int | None = None) -> bool:
    """Count one attempt of this client in ``scope``; False once it made ``limit`` within ``window`` seconds."""
    limit = limit if limit is not None else settings.LOCAL_NEC_APPLICATION_RATE_LIMIT
    window = window if window is not None else settings.LOCAL_NEC_APPLICATION_RATE_WINDOW
    key = client_key(request, scope)
    # add() is atomic: the first attempt opens the window, the others count in it.
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add() and incr(): a new window
        cache.add(key, 1, timeout=window)
        return True
