"""The hub's own pages: the home page and the contribution spaces (« bases »)."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from core.pages import IntroductionMixin


class HomePage(IntroductionMixin, Page):
    """The root of the hub's tree."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "bases.BasePage",
        "curation.CollectionIndexPage",
        "taxonomy.ThemeIndexPage",
        "taxonomy.PrincipleIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"


class BasePage(IntroductionMixin, Page):
    """A contribution space (« base »): where a community publishes its resources,
    e.g. « Numérique en Commun[s] » (editorial team) or « NEC locaux » (organisers)."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["resources.ResourcePage", "resources.EventReportPage"]

    class Meta:
        verbose_name = "base"
        verbose_name_plural = "bases"
