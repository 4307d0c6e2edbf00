"""Each page type lives only where the design's page tree puts it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from bases.models import BasePage, HomePage
from curation.models import (
    CollectionIndexPage,
    CollectionPage,
    PrincipleIndexPage,
    PrinciplePage,
    ThemeIndexPage,
    ThemePage,
)
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


@pytest.fixture
def tree(home, base_page, theme):
    """One page of every type, placed as the design's page tree says."""
    principle = factories.PrinciplePageFactory(title="Harmoniser", number=1)
    collection = factories.CollectionPageFactory()
    resource = factories.ResourcePageFactory(parent=base_page, themes=[theme])
    report = factories.EventReportPageFactory(parent=base_page, themes=[theme])
    home.refresh_from_db()  # treebeard reads numchild from the instance
    return {
        "root": Page.get_first_root_node(),
        "home": home,
        "base": base_page,
        "theme_index": theme.get_parent().specific,
        "theme": theme,
        "principle_index": principle.get_parent().specific,
        "principle": principle,
        "collection_index": collection.get_parent().specific,
        "collection": collection,
        "resource": resource,
        "event_report": report,
    }


def test_the_tree_fixture_is_the_designed_tree(tree):
    home = tree["home"]
    assert home.get_parent().specific_class is Page
    assert {type(child.specific) for child in home.get_children()} == {
        BasePage,
        ThemeIndexPage,
        PrincipleIndexPage,
        CollectionIndexPage,
    }
    assert tree["resource"].get_parent().pk == tree["base"].pk
    assert tree["event_report"].url_path.startswith(tree["base"].url_path)


@pytest.mark.parametrize("page_model", list(ALLOWED_PARENTS), ids=lambda model: model.__name__)
def test_page_type_can_exist_only_under_its_parents(tree, page_model):
    allowed = ALLOWED_PARENTS[page_model]

    verdicts = {key: page_model.can_exist_under(parent) for key, parent in tree.items()}

    assert {key for key, ok in verdicts.items() if ok} == allowed


@pytest.mark.parametrize(
    ("parent_model", "children"),
    [
        (HomePage, {BasePage, ThemeIndexPage, PrincipleIndexPage, CollectionIndexPage}),
        (BasePage, {ResourcePage, EventReportPage}),
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
    assert offered == {("resources", "resourcepage"), ("resources", "eventreportpage")}


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
    url = reverse("wagtailadmin_pages:add", args=("curation", "themeindexpage", tree["home"].pk))

    assert_refused(admin_client.get(url))
    assert_refused(admin_client.post(url, {"title": "Thématiques bis", "slug": "thematiques-bis"}))
    assert ThemeIndexPage.objects.count() == 1


def test_bases_are_not_single(home):
    factories.BasePageFactory(title="Numérique en Commun[s]")
    factories.BasePageFactory(title="NEC locaux")

    assert BasePage.objects.count() == 2
    assert BasePage.can_create_at(home)
