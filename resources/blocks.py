"""The body of a resource: the StreamField blocks contributors compose with."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from licensing.blocks import LicensedEmbedBlock

# Rich text without embeds or images: those go through their own blocks,
# which carry a licence and a credit.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Image")
    caption = blocks.CharBlock(label="Légende", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Image"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(label="Intitulé du lien", required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = "Document"


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


class ResourceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Intertitre", max_length=255, form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(label="Texte", features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    document = DocumentBlock()
    embed = LicensedEmbedBlock()
    link = LinkBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
