"""The licence register: every licence an item may point at, open or not.

A licence is identified by a stable SPDX-style id; only the open ones may be
chosen (see ``licensing.models`` for how every door enforces it).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q


class LicenceQuerySet(models.QuerySet):
    def open(self) -> "LicenceQuerySet":
        """Licences that items may use (Open Definition conformant)."""
        return self.filter(is_open=True).order_by("name")


class Licence(models.Model):
    """A licence of the register, identified by a stable SPDX-style id."""

    id = models.CharField(
        "identifiant",
        primary_key=True,
        max_length=64,
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$",
                "Identifiant SPDX en minuscules, par exemple « cc-by-sa-4.0 ».",
            )
        ],
        help_text="Identifiant stable en minuscules, dans le style SPDX (« cc-by-sa-4.0 »).",
    )
    name = models.CharField("nom", max_length=150, unique=True)
    short_name = models.CharField("nom court", max_length=50, help_text="Pour les badges : « CC BY-SA 4.0 ».")
    url = models.URLField("adresse du texte de la licence", max_length=300)
    canonical_uri = models.URLField(
        "URI canonique",
        max_length=300,
        blank=True,
        help_text="L'adresse qui identifie la licence dans les catalogues (DCAT, data.gouv.fr) ; "
        "à défaut, l'adresse du texte.",
    )
    is_open = models.BooleanField(
        "licence ouverte",
        default=True,
        help_text="Conforme à l'Open Definition. Seules les licences ouvertes peuvent être choisies.",
    )
    share_alike = models.BooleanField("partage dans les mêmes conditions", default=False)
    requires_attribution = models.BooleanField("attribution requise", default=True)
    description = models.TextField("description", blank=True)
    # Equals ``id`` for an open licence and is NULL otherwise; items point here,
    # which lets the database itself refuse a licence that is not open.
    open_key = models.CharField(max_length=64, unique=True, null=True, editable=False)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        verbose_name = "licence"
        verbose_name_plural = "licences"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                # "open_key IS NOT NULL" matters: "NULL = id" is unknown, and a
                # CHECK only refuses false, so an open licence could lose its key.
                condition=Q(is_open=True, open_key__isnull=False, open_key=F("id"))
                | Q(is_open=False, open_key__isnull=True),
                name="licence_open_key_matches_is_open",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def uri(self) -> str:
        """The URI catalogues know the licence by (``canonical_uri``, else the text's address)."""
        return self.canonical_uri or self.url

    def clean(self) -> None:
        super().clean()
        # full_clean() checks the constraints after clean(): sync the key first.
        self.sync_open_key()
        if not self.is_open and self.pk and self.usage_count():
            raise ValidationError(
                {
                    "is_open": (
                        f"« {self.pk} » est utilisée par {self.usage_count()} élément(s) : "
                        "elle ne peut pas cesser d'être ouverte. Changez d'abord leur licence."
                    )
                }
            )

    def save(self, *args, **kwargs) -> None:
        self.sync_open_key()
        super().save(*args, **kwargs)

    def sync_open_key(self) -> None:
        """open_key is the id for an open licence and NULL otherwise."""
        self.open_key = self.id if self.is_open else None

    def usage_count(self) -> int:
        """How many items (pages, images, documents) use this licence.

        Every licensed model points here through a foreign key (``OpenLicenceField``),
        so the register finds its users without knowing their classes.
        """
        return sum(
            relation.related_model._default_manager.filter(**{relation.field.attname: self.pk}).count()
            for relation in self._meta.get_fields(include_hidden=True)
            if relation.one_to_many and relation.auto_created and not relation.related_model._meta.proxy
        )


def allowed_licences_text() -> str:
    """The open licences an item may use, as « id (name) » pairs for messages."""
    return ", ".join(f"{licence.id} ({licence.name})" for licence in Licence.objects.open())
