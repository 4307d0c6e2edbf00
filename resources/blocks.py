"""The body of a resource: the StreamField blocks contributors compose with."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from core.stream_errors import DescribedStreamBlock
from licensing.blocks import LicensedEmbedBlock
from licensing.renditions import image_data

# Rich text without embeds or images: those go through their own blocks,
# which carry a licence and a credit.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Image")
    caption = blocks.CharBlock(label="Légende", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Image"

    def get_api_representation(self, value, context=None):
        # The image with its credit and server-chosen renditions, not just its id.
        return {"image": image_data(value.get("image")), "caption": value.get("caption", "")}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(label="Intitulé du lien", required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = "Document"

    def get_api_representation(self, value, context=None):
        # The document's address and credit, not just its id.
        document = value.get("document")
        data = None
        if document is not None:
            data = {
                "id": document.pk,
                "title": document.title,
                "url": document.url,
                "file_extension": document.file_extension,
                "attribution": document.attribution,
                "licence": document.licence_id,
            }
        return {"document": data, "title": value.get("title", "")}


class LinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label="Adresse")
    label = blocks.CharBlock(label="Intitulé", max_length=255)
    description = blocks.TextBlock(label="Description", required=False)

    class Meta:
        icon = "link"
        label = "Lien"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citation")
    source = blocks.CharBlock(label="Source", required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = "Citation"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="Chiffre", max_length=30, help_text="Par exemple « 181 » ou « 14 k€ ».")
    label = blocks.CharBlock(label="Intitulé", max_length=120)


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Chiffres clés")
        kwargs.setdefault("icon", "table")
        super().__init__(KeyFigureBlock(), **kwargs)


class ResourceBodyBlock(DescribedStreamBlock):
    heading = blocks.CharBlock(label="Intertitre", max_length=255, form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(label="Texte", features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    document = DocumentBlock()
    embed = LicensedEmbedBlock()
    link = LinkBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
