"""The editors' synonyms: groups of equivalent terms for the French analysis."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


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
