"""Backend selection: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from search.backends.base import SearchBackend, SearchUnavailable
from search.backends.database.backend import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend

__all__ = ["SearchBackend", "SearchUnavailable", "get_backend", "reset_backend"]


@lru_cache(maxsize=1)
def get_backend() -> SearchBackend:
    """The configured backend (one instance per process)."""
    if settings.ELASTICSEARCH_URL:
        return ElasticsearchBackend(
            url=settings.ELASTICSEARCH_URL,
            alias=getattr(settings, "SEARCH_INDEX_ALIAS", "lesbases-resources"),
        )
    return DatabaseBackend()


def reset_backend() -> None:
    """Forget the cached backend (tests switch settings)."""
    get_backend.cache_clear()
