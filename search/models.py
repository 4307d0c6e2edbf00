"""Search state kept in the database: the indexing outbox and the synonyms list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class IndexOutboxEntry(models.Model):
    """A resource whose search document must be refreshed (or removed).

    Written in the same transaction as the change that causes it, so no update
    is lost even if the search engine is down; the sync task deletes the entry
    once the engine has taken the change, and leaves it (with its error) if not.
    """

    page_id = models.BigIntegerField(db_index=True)
    reason = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "mise à jour d'index en attente"
        verbose_name_plural = "mises à jour d'index en attente"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.reason})"


class SearchSynonym(models.Model):
    """A group of equivalent terms for the French analyzer, kept by the editors.

    One group of comma-separated terms: ``NEC, Numérique en Commun[s]``. The
    database backend reads them at query time; Elasticsearch bakes them into
    the index, so there they take effect at the next ``search_index rebuild``.
    """

    terms = models.CharField(
        "termes équivalents",
        max_length=500,
        unique=True,
        help_text=(
            "Termes séparés par des virgules, par exemple : NEC, Numérique en Commun[s]. "
            "Avec Elasticsearch, ils s'appliquent après la reconstruction de l'index (search_index rebuild)."
        ),
    )
    enabled = models.BooleanField("actif", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "synonymes"
        verbose_name_plural = "synonymes"
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self) -> None:
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": "Indiquez au moins deux termes séparés par une virgule."})
        if any("=>" in term or "#" in term for term in self.term_list()):
            raise ValidationError({"terms": "Les caractères « => » et « # » ne sont pas acceptés."})
# The database backend's index tables belong to this app (label hubsearch).
from search.backends.database.models import IndexedFacetValue, IndexedResource, IndexedTerm  # noqa: E402,F401
