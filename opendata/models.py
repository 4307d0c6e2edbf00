"""What the open doors keep: a tombstone for each resource the public can no longer see.

Harvesters (OAI-PMH) learn of a withdrawal only if told: when a published
resource is unpublished, restricted, hidden under an unpublished base or
deleted, a tombstone records it with the sets it was in; publishing it again
removes the tombstone (see ``opendata.tombstones``).
"""

from __future__ import annotations

from django.db import models


class Tombstone(models.Model):
    """A resource withdrawn from public view, as harvesters must learn of it."""

    class Reason(models.TextChoices):
        UNPUBLISHED = "unpublished", "dépubliée"
        HIDDEN = "hidden", "masquée (accès restreint ou page parente dépubliée)"
        DELETED = "deleted", "supprimée"

    # Not a foreign key: the page may be gone.
    resource_id = models.PositiveBigIntegerField("ressource", unique=True)
    title = models.CharField("titre", max_length=255)
    set_specs = models.JSONField("ensembles OAI", default=list, blank=True)
    reason = models.CharField("motif", max_length=16, choices=Reason.choices)
    withdrawn_at = models.DateTimeField("retirée le", db_index=True)

    class Meta:
        verbose_name = "ressource retirée"
        verbose_name_plural = "ressources retirées"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_reason_display()})"
