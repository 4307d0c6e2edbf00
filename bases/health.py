"""Health probes for the orchestrator and the load balancer.

``/healthz``: the process answers (no database, no engine): restart it if not.
``/readyz``: it can serve — the database answers, the search engine answers when
``ELASTICSEARCH_URL`` is set — plus the indexing outbox's backlog (size, age of
its oldest entry), which is reported but never makes the hub unready: search
still answers from the index while the worker catches up.

Both answer small JSON with ``Cache-Control: no-store``. They name what failed
by its kind only (the exception's class), never an address, a host or a
credential. ``bases.middleware.health`` answers them before host validation,
HTTPS redirects, sessions and the cache middlewares.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from search import backends
from search.indexing import set_aside_entries
from search.outbox import backlog

logger = logging.getLogger(__name__)

HEALTHZ_PATH = "/healthz"
READYZ_PATH = "/readyz"


def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive: 200, without touching any dependency."""
    return _json({"status": "ok"}, 200)


def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and the search engine, if one is configured) answer, else 503."""
    checks = {"database": _check_database(), "search": _check_search()}
    checks["outbox"] = _check_outbox() if checks["database"]["ok"] else {"ok": False, "error": "database unavailable"}
    ready = checks["database"]["ok"] and checks["search"]["ok"]
    return _json({"status": "ok" if ready else "unavailable", "checks": checks}, 200 if ready else 503)


def _check_database() -> dict:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready"; only its kind is shown
        logger.warning("Readiness: database unavailable (%s)", type(exc).__name__)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _check_search() -> dict:
    if not settings.ELASTICSEARCH_URL:
        return {"ok": True, "engine": "database"}
    try:
        answers = backends.get_backend().ping()
    except Exception as exc:  # a misconfigured backend is a failed check, not a 500
        logger.warning("Readiness: search backend unusable (%s)", type(exc).__name__)
        return {"ok": False, "engine": "elasticsearch", "error": type(exc).__name__}
    if not answers:
        return {"ok": False, "engine": "elasticsearch", "error": "no answer"}
    return {"ok": True, "engine": "elasticsearch"}


def _check_outbox() -> dict:
    try:
        pending, oldest = backlog()
    except Exception as exc:  # e.g. migrations not applied yet
        return {"ok": False, "error": type(exc).__name__}
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return {"ok": True, "pending": pending, "oldest_age_seconds": round(age, 1) if age is not None else None,
            "set_aside": set_aside_entries().count()}


def _json(body: dict, status: int) -> JsonResponse:
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    return response
