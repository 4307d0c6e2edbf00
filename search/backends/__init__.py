"""Backend selection: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from search.backends.base import SearchBackend, SearchUnavailable

__all__ = ["SearchBackend", "SearchUnavailable", "get_backend", "reset_backend"]


@lru_cache(maxsize=1)
def get_backend() -> SearchBackend:
    """The configured backend (one instance per process)."""
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(
            url=settings.ELASTICSEARCH_URL,
            alias=getattr(settings, "SEARCH_INDEX_ALIAS", "lesbases-resources"),
        )
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def reset_backend() -> None:
    """Forget the cached backend (tests switch settings)."""
    get_backend.cache_clear()
