"""Search state kept in the database: the indexing outbox here; the editors'
synonyms (``search.synonyms``), the index's vocabulary (``search.vocabulary``)
and the database backend's index tables (``search.backends.database.models``)
are registered with this app from here."""

from __future__ import annotations

from django.db import models

from search.backends.database.models import IndexedFacetSet, IndexedFacetValue, IndexedResource, IndexGeneration
from search.synonyms import SearchSynonym
from search.vocabulary import IndexedWord


class IndexOutboxEntry(models.Model):
    """A resource whose search document must be refreshed (or removed).

    Written in the same transaction as the change that causes it, so no update
    is lost even if the search engine is down; the sync task deletes the entry
    once the engine has taken the change, and leaves it (with its error) if not.
    """

    page_id = models.BigIntegerField(db_index=True)
    reason = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Times this page's document failed to build or was refused (outages not counted):
    # at SEARCH_INDEX_MAX_ATTEMPTS the entry is set aside (search/indexing.py).
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "mise à jour d'index en attente"
        verbose_name_plural = "mises à jour d'index en attente"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.reason})"



__all__ = ["IndexGeneration", "IndexOutboxEntry", "IndexedFacetSet", "IndexedFacetValue", "IndexedResource", "IndexedWord", "SearchSynonym"]
