"""What the editorial team curates: collections, the 4 themes, the 7 principles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from curation.api_fields import COLLECTION_FIELDS
from licensing.models import LicensedMixin
from resources.mixins import IntroductionMixin, licence_panels


class TaxonomyPageMixin(IntroductionMixin):
    """A taxonomy term (theme, principle): a page whose resources link to it."""

    class Meta:
        abstract = True

    def live_resources(self):
        """The live, public resources linked to this term, newest first."""
        return self.resources.live().public().order_by("-first_published_at")


# --- Themes -----------------------------------------------------------------


class ThemeIndexPage(IntroductionMixin, Page):
    """« Thématiques »: the parent of the four NEC themes."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["curation.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = "index des thématiques"


class ThemePage(TaxonomyPageMixin, Page):
    """One of the NEC themes, with the questions it asks."""

    guiding_questions = StreamField(
        [("question", blocks.CharBlock(label="Question", max_length=300))],
        blank=True,
        verbose_name="questions directrices",
        use_json_field=True,
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("guiding_questions")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("guiding_questions"),
    ]
    api_fields = [APIField("introduction"), APIField("guiding_questions")]

    parent_page_types = ["curation.ThemeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"


# --- Principles ---------------------------------------------------------------


class PrincipleIndexPage(IntroductionMixin, Page):
    """« Principes »: the parent of the 7 principles of the public-interest digital."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["curation.PrinciplePage"]
    max_count = 1

    class Meta:
        verbose_name = "index des principes"


class PrinciplePageManager(PageManager):
    """Principles in their number order (Wagtail's manager orders by tree path)."""

    def get_queryset(self):
        return super().get_queryset().order_by("number")


class PrinciplePage(TaxonomyPageMixin, Page):
    """One of the 7 numbered principles (Harmoniser … Améliorer)."""

    number = models.PositiveSmallIntegerField(
        "numéro",
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text="De 1 à 7, dans l'ordre des principes.",
    )

    content_panels = Page.content_panels + [FieldPanel("number"), FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.FilterField("number")]
    api_fields = [APIField("number"), APIField("introduction")]

    objects = PrinciplePageManager()

    parent_page_types = ["curation.PrincipleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "principe"
        verbose_name_plural = "principes"


# --- Collections --------------------------------------------------------------


class CollectionKind(models.TextChoices):
    NATIONAL_EDITION = "national_edition", "Édition nationale"
    LOCAL_NECS = "local_necs", "NEC locaux"
    PODCAST = "podcast", "Podcast"
    REVIEW = "review", "Revue"
    THEMATIC = "thematic", "Sélection thématique"


class CollectionIndexPage(IntroductionMixin, Page):
    """« Collections »: the parent of every curated collection."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["curation.CollectionPage"]
    max_count = 1

    class Meta:
        verbose_name = "index des collections"


class CollectionPage(LicensedMixin, IntroductionMixin, Page):
    """An ordered, editor-curated list of resources; may describe an NEC edition."""

    kind = models.CharField("type de collection", max_length=32, choices=CollectionKind.choices)
    cover_image = models.ForeignKey(
        "licensing.LicensedImage",
        verbose_name="image de couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Edition facts, for national editions (and any collection that describes an event).
    edition_year = models.PositiveSmallIntegerField(
        "année", null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    edition_city = models.CharField("ville", max_length=120, blank=True)
    edition_venue = models.CharField("lieu", max_length=200, blank=True)
    attendees_count = models.PositiveIntegerField("participants sur place", null=True, blank=True)
    speakers_count = models.PositiveIntegerField("intervenants et contributeurs", null=True, blank=True)
    online_viewers_count = models.PositiveIntegerField("spectateurs en ligne", null=True, blank=True)
    online_participants_count = models.PositiveIntegerField(
        "participants aux parcours en ligne", null=True, blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("edition_year"),
                FieldPanel("edition_city"),
                FieldPanel("edition_venue"),
                FieldPanel("attendees_count"),
                FieldPanel("speakers_count"),
                FieldPanel("online_viewers_count"),
                FieldPanel("online_participants_count"),
            ],
            heading="Édition (facultatif)",
        ),
        InlinePanel("items", heading="Ressources de la collection", label="ressource"),
        licence_panels(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("edition_city"),
        index.FilterField("kind"),
        index.FilterField("edition_year"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("introduction"),
        APIField("cover_image"),
        APIField("edition_year"),
        APIField("edition_city"),
        APIField("edition_venue"),
        APIField("attendees_count"),
        APIField("speakers_count"),
        APIField("online_viewers_count"),
        APIField("online_participants_count"),
        APIField("licence"),
        APIField("attribution"),
        APIField("source_url"),
        APIField("last_published_at"),
        *COLLECTION_FIELDS,
    ]

    parent_page_types = ["curation.CollectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "collection"
        verbose_name_plural = "collections"
        constraints = LicensedMixin.constraints("collection")

    def clean(self) -> None:
        super().clean()
        if self.kind == CollectionKind.NATIONAL_EDITION and not self.edition_year:
            raise ValidationError({"edition_year": "Une édition nationale doit indiquer son année."})


class CollectionItem(Orderable):
    """A resource placed in a collection, in the editors' order."""

    collection = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name="ressource",
        on_delete=models.CASCADE,
        related_name="collection_items",
    )
    note = models.CharField("note de l'équipe éditoriale", max_length=300, blank=True)

    panels = [PageChooserPanel("resource", ["resources.ResourcePage"]), FieldPanel("note")]
    api_fields = [APIField("resource"), APIField("note")]

    class Meta(Orderable.Meta):
        verbose_name = "ressource de la collection"
        constraints = [
            models.UniqueConstraint(fields=["collection", "resource"], name="collection_item_unique_resource")
        ]
