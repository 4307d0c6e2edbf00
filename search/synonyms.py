"""The editors' synonyms: groups of equivalent terms for the French analysis."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class SearchSynonym(models.Model):
    """A group of equivalent terms for the French analyzer, kept by the editors.

    One group of comma-separated terms: ``NEC, Numérique en Commun[s]``. Both
    backends expand queries with them at search time (``search.text``), so an
    edit applies at once, without a rebuild.
    """

    terms = models.CharField(
        "termes équivalents",
        max_length=500,
        unique=True,
        help_text=(
            "Termes séparés par des virgules, par exemple : NEC, Numérique en Commun[s]. "
            "Ils s'appliquent dès l'enregistrement, à la recherche suivante."
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
