"""The words resources are classified by: the 4 NEC themes and the 7 principles.

They sit below resources: a resource points at its themes and principles
(``ResourcePage.themes``/``principles``, whose reverse relation here is
``resources``), so nothing in this app knows the resource models.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.pages import IntroductionMixin, IntroductionPage
from core.stream_errors import DescribedStreamBlock


class TaxonomyPageMixin(IntroductionMixin):
    """A taxonomy term (theme, principle): a page whose resources link to it."""

    class Meta:
        abstract = True

    def live_resources(self):
        """The live, public resources linked to this term, newest first."""
        return self.resources.live().public().order_by("-first_published_at")

    @classmethod
    def linked_resource_ids(cls, term_id: int) -> set[int]:
        """Ids of every resource (live or not) linked to the term ``term_id`` (one query)."""
        ids = cls.objects.filter(pk=term_id).values_list("resources", flat=True)
        return {pk for pk in ids if pk is not None}


# --- Themes -----------------------------------------------------------------


class ThemeIndexPage(IntroductionPage):
    """« Thématiques »: the parent of the four NEC themes."""

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["taxonomy.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = "index des thématiques"


class ThemePage(TaxonomyPageMixin, Page):
    """One of the NEC themes, with the questions it asks."""

    guiding_questions = StreamField(
        DescribedStreamBlock([("question", blocks.CharBlock(label="Question", max_length=300))]),
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

    parent_page_types = ["taxonomy.ThemeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"


# --- Principles ---------------------------------------------------------------


class PrincipleIndexPage(IntroductionPage):
    """« Principes »: the parent of the 7 principles of the public-interest digital."""

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["taxonomy.PrinciplePage"]
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

    parent_page_types = ["taxonomy.PrincipleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "principe"
        verbose_name_plural = "principes"
