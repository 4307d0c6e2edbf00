"""StreamField blocks of kind-specific collection facts: podcast episodes, review issues."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from licensing.blocks import OpenLicenceChoiceBlock


class EpisodeBlock(blocks.StructBlock):
    """One podcast episode: its audio (an external player or a licensed file) with licence and credit."""

    number = blocks.IntegerBlock(label="Numéro", min_value=1)
    title = blocks.CharBlock(label="Titre", max_length=255)
    audio_url = blocks.URLBlock(
        label="Adresse du lecteur audio", required=False, help_text="Lecteur ou fichier audio hébergé ailleurs."
    )
    audio_document = DocumentChooserBlock(
        label="Fichier audio", required=False, help_text="Ou un fichier audio de la médiathèque."
    )
    duration = blocks.CharBlock(label="Durée", max_length=20, required=False, help_text="Par exemple « 32 min ».")
    licence = OpenLicenceChoiceBlock()
    attribution = blocks.CharBlock(label="Auteur ou organisation", max_length=255)
    resource = blocks.PageChooserBlock(
        label="Ressource de l'épisode", page_type="resources.ResourcePage", required=False
    )

    class Meta:
        icon = "media"
        label = "Épisode"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("audio_url")) == bool(value.get("audio_document")):
            message = "Indiquez soit l'adresse d'un lecteur audio, soit un fichier audio (l'un des deux, pas les deux)."
            raise StructBlockValidationError(block_errors={"audio_url": ValidationError(message)})
        return value


class IssueBlock(blocks.StructBlock):
    """One issue of a review: number, season and its PDF (a licensed document)."""

    number = blocks.IntegerBlock(label="Numéro", min_value=1)
    season = blocks.CharBlock(label="Saison de parution", max_length=40, help_text="Par exemple « Automne 2023 ».")
    document = DocumentChooserBlock(label="PDF du numéro")
    resource = blocks.PageChooserBlock(
        label="Ressource du numéro", page_type="resources.ResourcePage", required=False
    )

    class Meta:
        icon = "doc-full"
        label = "Numéro"

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document is not None and not document.filename.lower().endswith(".pdf"):
            raise StructBlockValidationError(
                block_errors={"document": ValidationError(f"Le numéro doit être un PDF (« {document.filename} » n'en est pas un).")}
            )
        return value
