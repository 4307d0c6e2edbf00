"""Each page type lives only where the design's page tree puts it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.models import Page

from bases.models import BasePage, HomePage
from curation.models import CollectionIndexPage, CollectionPage
from events.models import LocalEventIndexPage
from taxonomy.models import PrincipleIndexPage, PrinciplePage, ThemeIndexPage, ThemePage
from resources.models import EventReportPage, ResourcePage
from tests import factories

pytestmark = pytest.mark.django_db

# Which parents (keys of the ``tree`` fixture) each page type may live under.
ALLOWED_PARENTS = {
    HomePage: {"root"},
    BasePage: {"home"},
    ThemeIndexPage: {"home"},
    PrincipleIndexPage: {"home"},
    CollectionIndexPage: {"home"},
    ThemePage: {"theme_index"},
    PrinciplePage: {"principle_index"},
    CollectionPage: {"collection_index"},
    ResourcePage: {"base"},
    EventReportPage: {"base"},
}
SINGLE_INDEXES = [ThemeIndexPage, PrincipleIndexPage, CollectionIndexPage]


def assert_refused(response) -> None:
    """The Wagtail admin answers a PermissionDenied with a redirect to its home."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


class Tree:
    """The design's page tree, each page created (and published) on first use."""

    def __init__(self, home):
        self.root = Page.get_first_root_node()
        self.home = home

    def __getitem__(self, key):
        return getattr(self, key)

    @cached_property
    def base(self):
        return factories.default_base()

    @cached_property
    def theme(self):
        return factories.default_theme()

    @cached_property
    def theme_index(self):
        return self.theme.get_parent().specific

    @cached_property
    def principle(self):
        return factories.PrinciplePageFactory(title="Harmoniser", number=1)

    @cached_property
    def principle_index(self):
        return self.principle.get_parent().specific

    @cached_property
    def collection(self):
        return factories.CollectionPageFactory()

    @cached_property
    def collection_index(self):
        return self.collection.get_parent().specific

    @cached_property
    def resource(self):
        return factories.ResourcePageFactory(parent=self.base, themes=[self.theme])

    @cached_property
    def event_report(self):
        return factories.EventReportPageFactory(parent=self.base, themes=[self.theme])

    def all(self) -> dict[str, Page]:
        keys = ["root", "home", "base", "theme_index", "theme", "principle_index", "principle"]
        keys += ["collection_index", "collection", "resource", "event_report"]
        pages = {key: self[key] for key in keys}
        self.home.refresh_from_db()  # treebeard reads numchild from the instance
        return pages


@pytest.fixture
def tree(home):
    return Tree(home)


# One unsaved page of each type: enough for the type rules, which only look at
# the parent's class (fast: no tree to build per parameter).
UNSAVED_PARENTS = {
    "root": Page,
    "home": HomePage,
    "base": BasePage,
    "theme_index": ThemeIndexPage,
    "theme": ThemePage,
    "principle_index": PrincipleIndexPage,
    "principle": PrinciplePage,
    "collection_index": CollectionIndexPage,
    "collection": CollectionPage,
    "resource": ResourcePage,
    "event_report": EventReportPage,
}


def test_the_tree_fixture_is_the_designed_tree(tree):
    pages = tree.all()
    home = pages["home"]

    assert home.get_parent().specific_class is Page
    assert {type(child.specific) for child in home.get_children()} == {
        BasePage,
        ThemeIndexPage,
        PrincipleIndexPage,
        CollectionIndexPage,
    }
    assert pages["resource"].get_parent().pk == pages["base"].pk
    assert pages["event_report"].url_path.startswith(pages["base"].url_path)


@pytest.mark.parametrize("page_model", list(ALLOWED_PARENTS), ids=lambda model: model.__name__)
def test_page_type_can_exist_only_under_its_parents(db, page_model):
    verdicts = {key: page_model.can_exist_under(model()) for key, model in UNSAVED_PARENTS.items()}

    assert {key for key, ok in verdicts.items() if ok} == ALLOWED_PARENTS[page_model]


def test_type_rules_hold_in_a_real_tree(tree):
    """The same rules, checked once against saved pages in their real places."""
    pages = tree.all()

    verdicts = {
        page_model: {key for key, parent in pages.items() if page_model.can_exist_under(parent)}
        for page_model in ALLOWED_PARENTS
    }

    assert verdicts == ALLOWED_PARENTS


@pytest.mark.parametrize(
    ("parent_model", "children"),
    [
        (HomePage, {BasePage, ThemeIndexPage, PrincipleIndexPage, CollectionIndexPage}),
        (BasePage, {ResourcePage, EventReportPage, LocalEventIndexPage}),
        (ThemeIndexPage, {ThemePage}),
        (PrincipleIndexPage, {PrinciplePage}),
        (CollectionIndexPage, {CollectionPage}),
        (ThemePage, set()),
        (PrinciplePage, set()),
        (CollectionPage, set()),
        (ResourcePage, set()),
        (EventReportPage, set()),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_allowed_subpage_types(parent_model, children):
    assert set(parent_model.allowed_subpage_models()) == children


@pytest.mark.parametrize(
    ("page_model", "parent_key"),
    [
        (ThemePage, "base"),
        (ResourcePage, "home"),
        (EventReportPage, "home"),
        (ResourcePage, "collection_index"),
        (CollectionPage, "home"),
        (BasePage, "base"),
        (PrinciplePage, "theme_index"),
        (ThemeIndexPage, "root"),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else value,
)
def test_misplaced_page_cannot_be_created(tree, page_model, parent_key):
    assert not page_model.can_create_at(tree[parent_key])


@pytest.mark.parametrize(
    ("page_model", "parent_key"),
    [(ThemePage, "base"), (ResourcePage, "home"), (CollectionPage, "base")],
    ids=lambda value: value.__name__ if isinstance(value, type) else value,
)
def test_admin_refuses_to_add_a_misplaced_page(admin_client, tree, page_model, parent_key):
    parent = tree[parent_key]
    url = reverse(
        "wagtailadmin_pages:add", args=(page_model._meta.app_label, page_model._meta.model_name, parent.pk)
    )
    before = page_model.objects.count()

    # The admin turns the PermissionDenied into a redirect to its dashboard.
    assert_refused(admin_client.get(url))
    assert_refused(admin_client.post(url, {"title": "Mal placée", "slug": "mal-placee", "action-publish": "1"}))
    assert page_model.objects.count() == before


def test_admin_opens_the_add_form_for_a_page_in_place(admin_client, tree):
    url = reverse("wagtailadmin_pages:add", args=("resources", "resourcepage", tree["base"].pk))

    assert admin_client.get(url).status_code == 200


def test_admin_offers_only_the_allowed_types_under_a_base(admin_client, tree):
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=(tree["base"].pk,)))

    assert response.status_code == 200
    offered = {(app_label, model_name) for _, app_label, model_name, _ in response.context["page_types"]}
    assert offered == {("resources", "resourcepage"), ("resources", "eventreportpage"), ("events", "localeventindexpage")}


@pytest.mark.parametrize(
    ("page_key", "target_key"),
    [("resource", "home"), ("resource", "collection_index"), ("theme", "base"), ("base", "theme_index")],
)
def test_pages_cannot_be_moved_out_of_place(tree, page_key, target_key):
    page = tree[page_key]

    assert not page.can_move_to(tree[target_key])


def test_resource_can_move_between_bases(tree):
    other_base = factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")

    assert tree["resource"].can_move_to(other_base)


def test_page_types_that_are_created_in_place_are_allowed(tree):
    assert BasePage.can_create_at(tree["home"])
    assert ResourcePage.can_create_at(tree["base"])
    assert EventReportPage.can_create_at(tree["base"])
    assert ThemePage.can_create_at(tree["theme_index"])
    assert PrinciplePage.can_create_at(tree["principle_index"])
    assert CollectionPage.can_create_at(tree["collection_index"])


@pytest.mark.parametrize("index_model", SINGLE_INDEXES, ids=lambda model: model.__name__)
def test_index_pages_are_single(home, index_model):
    assert index_model.max_count == 1
    assert index_model.can_create_at(home)

    index_factory = {
        ThemeIndexPage: factories.ThemeIndexPageFactory,
        PrincipleIndexPage: factories.PrincipleIndexPageFactory,
        CollectionIndexPage: factories.CollectionIndexPageFactory,
    }[index_model]
    index_factory(parent=home)

    assert not index_model.can_create_at(home)


def test_home_page_is_single(home):
    assert HomePage.max_count == 1
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_home_page_can_be_created_under_the_root_when_absent(db):
    assert not HomePage.objects.exists()
    assert HomePage.can_create_at(Page.get_first_root_node())


def test_admin_refuses_a_second_theme_index(admin_client, tree):
    assert tree["theme_index"]  # « Thématiques » exists
    url = reverse("wagtailadmin_pages:add", args=("taxonomy", "themeindexpage", tree["home"].pk))

    assert_refused(admin_client.get(url))
    assert_refused(admin_client.post(url, {"title": "Thématiques bis", "slug": "thematiques-bis"}))
    assert ThemeIndexPage.objects.count() == 1


def test_bases_are_not_single(home):
    factories.BasePageFactory(title="Numérique en Commun[s]")
    factories.BasePageFactory(title="NEC locaux")

    assert BasePage.objects.count() == 2
    assert BasePage.can_create_at(home)
