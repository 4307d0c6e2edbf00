"""The licence register and the rule every item obeys: one open licence each.

The rule is enforced in depth:
- the ``licence`` field (``OpenLicenceField``) only accepts open licences and
  says which ones are allowed (model validation, admin and API forms);
- ``LicensedMixin.save`` validates the licence before any write, so a
  programmatic save cannot slip a closed licence in;
- in the database, items reference ``Licence.open_key`` – a column that is
  only filled for open licences (a check constraint keeps it so) – through a
  foreign key, so even a raw ``UPDATE`` cannot point an item at a licence that
  is not open, and a licence in use cannot be closed.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage
from wagtail.search import index

from licensing.errors import LicenceRefused, licence_refusal_message
from licensing.register import Licence, LicenceQuerySet, allowed_licences_text


def licensed_models() -> list[type[models.Model]]:
    """Every concrete model that carries a licence."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, LicensedMixin) and not model._meta.proxy
        # Page subclasses share their parent's licence column: count it once.
        and "licence" in {f.name for f in model._meta.local_fields}
    ]


def default_licence_id() -> str:
    """The licence new items get: CC BY-SA 4.0, as the NEC charter asks."""

    return settings.LICENSING_DEFAULT_LICENCE


class OpenLicenceField(models.ForeignKey):
    """A required foreign key to an open licence of the register.

    It references ``Licence.open_key`` so the database refuses closed licences,
    offers only open ones in forms, and explains refusals by listing them.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to", "licensing.Licence")
        kwargs.setdefault("on_delete", models.PROTECT)
        kwargs["to_field"] = "open_key"
        kwargs.setdefault("default", default_licence_id)
        kwargs.setdefault("limit_choices_to", {"is_open": True})
        kwargs.setdefault("verbose_name", "licence")
        kwargs.setdefault("related_name", "+")
        kwargs.setdefault("db_constraint", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("to_field", None)
        for key, value in {
            "on_delete": models.PROTECT,
            "default": default_licence_id,
            "limit_choices_to": {"is_open": True},
            "related_name": "+",
        }.items():
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs

    def validate(self, value, model_instance) -> None:
        # A plain (non-dict) error: Model.clean_fields files it under this field.
        if value is None or value == "" or not self.remote_field.model.objects.filter(open_key=value).exists():
            raise ValidationError(licence_refusal_message(value, self.name), code="licence_not_open")

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", OpenLicenceChoiceField)
        kwargs.setdefault("help_text", "Licences ouvertes uniquement. Par défaut : CC BY-SA 4.0.")
        field = super().formfield(**kwargs)
        field.error_messages["required"] = lazy(licence_refusal_message, str)(None, self.name)
        return field


class OpenLicenceChoiceField(forms.ModelChoiceField):
    """Form field offering open licences; a refusal lists the allowed ones."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(licence_refusal_message(value, self.label or "licence"), code="invalid_choice")


class LicensedMixin(models.Model):
    """Licence and attribution for any item: pages, images, documents."""

    licence = OpenLicenceField()
    attribution = models.CharField(
        "auteur ou organisation",
        max_length=255,
        help_text="À qui attribuer l'œuvre (personne ou organisation), comme la licence le demande.",
    )
    source_url = models.URLField(
        "source (si adaptation)",
        max_length=500,
        blank=True,
        help_text="Adresse de l'œuvre d'origine si cet élément en est une adaptation.",
    )

    licence_fields = ("licence", "attribution", "source_url")
    # Whether publishing refuses works inside the item whose licence does not allow
    # its own (licensing.conflicts); the audit reports the unacknowledged ones.
    checks_licence_conflicts = False

    class Meta:
        abstract = True

    @staticmethod
    def constraints(prefix: str) -> list[models.BaseConstraint]:
        """Database constraints for a concrete licensed model's own Meta."""
        return [models.CheckConstraint(condition=~Q(attribution=""), name=f"{prefix}_attribution_required")]

    def validate_licence(self) -> None:
        """Refuse a missing or closed licence and a missing attribution."""
        field = self._meta.get_field("licence")
        try:
            field.validate(self.licence_id, self)
        except ValidationError:
            raise LicenceRefused(self.licence_id, field.name) from None
        if not (self.attribution or "").strip():
            raise ValidationError(
                {"attribution": "attribution : indiquez l'auteur ou l'organisation à créditer."},
                code="attribution_missing",
            )

    def save(self, *args, **kwargs) -> None:
        # Every programmatic save passes through here, whatever the caller.
        self.validate_licence()
        super().save(*args, **kwargs)


class LicensedImage(LicensedMixin, AbstractImage):
    """A Wagtail image that carries its licence and attribution."""

    admin_form_fields = WagtailImage.admin_form_fields + LicensedMixin.licence_fields

    search_fields = AbstractImage.search_fields + [
        index.SearchField("attribution"),
        index.FilterField("licence_id"),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_image", "Can choose image")]
        constraints = LicensedMixin.constraints("image")


class LicensedRendition(AbstractRendition):
    image = models.ForeignKey(LicensedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class LicensedDocument(LicensedMixin, AbstractDocument):
    """A Wagtail document that carries its licence and attribution."""

    admin_form_fields = WagtailDocument.admin_form_fields + LicensedMixin.licence_fields

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("attribution"),
        index.FilterField("licence_id"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        permissions = [("choose_document", "Can choose document")]
        constraints = LicensedMixin.constraints("document")


class LicenceAcknowledgement(models.Model):
    """An editor's explicit « publish anyway » over licence conflicts, on one revision."""

    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name="révision",
        on_delete=models.CASCADE,
        related_name="licence_acknowledgement",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="personne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("date", auto_now_add=True)
    licence = models.CharField("licence de la page", max_length=64)
    conflicts = models.JSONField("éléments en conflit", default=list)

    class Meta:
        verbose_name = "reconnaissance d'avertissement de licence"
        verbose_name_plural = "reconnaissances d'avertissements de licence"

    def __str__(self) -> str:
        return f"{self.revision} — {self.licence}"


__all__ = [
    "LicenceQuerySet",
    "LicenceAcknowledgement",
    "Licence",
    "LicensedMixin",
    "LicensedImage",
    "LicensedRendition",
    "LicensedDocument",
    "OpenLicenceField",
    "allowed_licences_text",
]
