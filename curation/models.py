"""What the editorial team curates: collections (the themes and principles are ``taxonomy``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.pages import IntroductionMixin, IntroductionPage
from core.stream_errors import DescribedStreamBlock
from curation.api_fields import COLLECTION_FIELDS
from curation.blocks import EpisodeBlock, IssueBlock
from curation.forms import FEATURED_MESSAGE, CollectionPageForm
from curation.items import CollectionItem
from curation.kinds import EDITION_FACTS, LOCAL_FACTS, CollectionKind, raise_kind_errors
from curation.membership import HiddenItem, PublicItem, hidden_items, public_items
from curation.panels import HiddenItemsPanel
from licensing.models import LicensedMixin
from licensing.panels import licence_panels
from resources.models import ResourceType

# --- Collections --------------------------------------------------------------


class CollectionIndexPage(IntroductionPage):
    """« Collections »: the parent of every curated collection."""

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["curation.CollectionPage"]
    max_count = 1

    class Meta:
        verbose_name = "index des collections"


class CollectionPage(LicensedMixin, IntroductionMixin, Page):
    """An ordered, editor-curated list of resources, optionally completed by a rule;
    each kind carries its own facts (see curation.kinds)."""

    kind = models.CharField("type de collection", max_length=32, choices=CollectionKind.choices)
    cover_image = models.ForeignKey(
        "licensing.LicensedImage",
        verbose_name="image de couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # National edition facts.
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
    # Local NECs facts.
    local_territory = models.CharField("territoire", max_length=120, blank=True)
    local_start_date = models.DateField("du", null=True, blank=True)
    local_end_date = models.DateField("au", null=True, blank=True)
    # Podcast and review facts.
    # DescribedStreamBlock: a refusal names the faulty block ("[2] (episode): …"), as the body's does.
    episodes = StreamField(
        DescribedStreamBlock([("episode", EpisodeBlock())]), blank=True, verbose_name="épisodes", use_json_field=True
    )
    issues = StreamField(
        DescribedStreamBlock([("issue", IssueBlock())]), blank=True, verbose_name="numéros", use_json_field=True
    )
    # The rule: every visible resource matching all the parts set joins the collection.
    rule_base = models.ForeignKey(
        "bases.BasePage",
        verbose_name="règle : base",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rule_theme = models.ForeignKey(
        "taxonomy.ThemePage",
        verbose_name="règle : thématique",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rule_year = models.PositiveSmallIntegerField(
        "règle : année",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="L'année de l'événement pour un compte rendu, sinon celle de la première publication.",
    )
    rule_resource_type = models.CharField(
        "règle : type de ressource", max_length=32, choices=ResourceType.choices, blank=True
    )

    base_form_class = CollectionPageForm

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("edition_year"), FieldPanel("edition_city"), FieldPanel("edition_venue")]),
                FieldRowPanel([FieldPanel("attendees_count"), FieldPanel("speakers_count")]),
                FieldRowPanel([FieldPanel("online_viewers_count"), FieldPanel("online_participants_count")]),
            ],
            heading="Édition nationale",
        ),
        MultiFieldPanel(
            [FieldPanel("local_territory"), FieldRowPanel([FieldPanel("local_start_date"), FieldPanel("local_end_date")])],
            heading="NEC locaux",
        ),
        FieldPanel("episodes", heading="Podcast : épisodes"),
        FieldPanel("issues", heading="Revue : numéros"),
        InlinePanel("items", heading="Ressources choisies (dans l'ordre)", label="ressource"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("rule_base"), FieldPanel("rule_theme")]),
                FieldRowPanel([FieldPanel("rule_year"), FieldPanel("rule_resource_type")]),
            ],
            heading="Règle (facultative)",
            help_text=(
                "Chaque ressource publiée qui remplit toutes les conditions indiquées rejoint la collection, "
                "après les ressources choisies. Laissez vide pour une collection entièrement choisie à la main."
            ),
        ),
        HiddenItemsPanel(heading="Ressources retirées de la vue publique"),
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
        *(APIField(name) for name in EDITION_FACTS + LOCAL_FACTS),
        APIField("episodes"),
        APIField("issues"),
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
        raise_kind_errors(self)
        featured = [item for item in self.items.all() if item.featured]
        if len(featured) > 1:
            raise ValidationError(FEATURED_MESSAGE)

    @property
    def has_rule(self) -> bool:
        return bool(self.rule_base_id or self.rule_theme_id or self.rule_year or self.rule_resource_type)

    def public_items(self) -> list[PublicItem]:
        """What the public sees: visible hand-picked resources in order, then rule members."""
        return public_items(self)

    def hidden_items(self) -> list[HiddenItem]:
        """Hand-picked resources the public no longer sees (unpublished, restricted…), for editors."""
        return hidden_items(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.public_items()
        return context


__all__ = ["CollectionIndexPage", "CollectionItem", "CollectionKind", "CollectionPage"]
