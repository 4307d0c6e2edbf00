"""The hub's own pages: the home page and the contribution spaces (« bases »)."""


from core.pages import IntroductionPage


class HomePage(IntroductionPage):
    """The root of the hub's tree."""

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


class BasePage(IntroductionPage):
    """A contribution space (« base »): where a community publishes its resources,
    e.g. « Numérique en Commun[s] » (editorial team) or « NEC locaux » (organisers)."""

    parent_page_types = ["bases.HomePage"]
    subpage_types = ["resources.ResourcePage", "resources.EventReportPage", "events.LocalEventIndexPage"]

    class Meta:
        verbose_name = "base"
        verbose_name_plural = "bases"
