"""StreamField blocks that carry a licence: external media (embeds)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock

from licensing.errors import licence_refusal_message
from licensing.register import Licence


def open_licence_choices() -> list[tuple[str, str]]:
    """(id, name) of every open licence, read when a form is built."""
    return [(licence.id, licence.name) for licence in Licence.objects.open()]


class OpenLicenceChoiceBlock(blocks.ChoiceBlock):
    """A choice among the open licences of the register."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Licence")
        super().__init__(choices=open_licence_choices, **kwargs)

    def clean(self, value):
        if value not in {choice for choice, _ in open_licence_choices()}:
            raise ValidationError(licence_refusal_message(value))
        return value


class LicensedEmbedBlock(blocks.StructBlock):
    """External media (video, audio, slides…) with its licence and credit."""

    url = EmbedBlock(label="Adresse du média", help_text="YouTube, PeerTube, Vimeo, SoundCloud…")
    title = blocks.CharBlock(label="Titre", max_length=255)
    licence = OpenLicenceChoiceBlock()
    attribution = blocks.CharBlock(label="Auteur ou organisation", max_length=255)

    class Meta:
        icon = "media"
        label = "Média externe"

    def clean(self, value):
        # Report every licence problem at once, on the sub-field that holds it.
        errors = {}
        if value.get("licence") not in {choice for choice, _ in open_licence_choices()}:
            errors["licence"] = ValidationError(licence_refusal_message(value.get("licence")))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return super().clean(value)
