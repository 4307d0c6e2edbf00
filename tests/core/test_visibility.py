"""``core.visibility``: the one rule of what the public may see, and its cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from django.http import HttpResponse
from wagtail.models import Page, PageViewRestriction

from bases.middleware.visibility import VisibilityFactsMiddleware
from core.visibility import _facts, facts_read_once, visible, visible_ids
from resources.models import ResourcePage
from tests import factories

pytestmark = pytest.mark.django_db


def _sql() -> str:
    return str(visible(ResourcePage.objects.all()).query)


def test_hidden_under_a_non_live_ancestor_and_shown_otherwise(base_page, resource):
    hidden_base = factories.BasePageFactory(title="Base retirée", slug="base-retiree")
    below = factories.ResourcePageFactory(parent=hidden_base)
    assert set(visible(ResourcePage.objects.all()).values_list("pk", flat=True)) == {resource.pk, below.pk}

    hidden_base.unpublish()

    assert set(visible(ResourcePage.objects.all()).values_list("pk", flat=True)) == {resource.pk}


def _hidden_base(number: int):
    draft_base = factories.BasePageFactory(title=f"Brouillon {number}", slug=f"brouillon-{number}")
    factories.ResourcePageFactory(parent=draft_base)
    draft_base.unpublish()
    return draft_base


def test_the_query_is_the_same_whatever_the_number_of_drafts(base_page, resource):
    """The old rule OR-ed one clause per non-live page: its SQL grew with the drafts."""
    _hidden_base(0)
    before = _sql()
    for number in range(1, 6):
        _hidden_base(number)

    assert _sql() == before


def test_building_the_rule_costs_the_same_whatever_the_number_of_drafts(base_page):
    """Building the queryset reads the view restrictions and one depth, never the list of drafts."""

    def queries_to_build() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            visible(ResourcePage.objects.all())
        return [query["sql"] for query in queries.captured_queries]

    _hidden_base(0)
    with_one_draft = queries_to_build()
    for number in range(1, 5):
        _hidden_base(number)

    assert queries_to_build() == with_one_draft
    # Wagtail's view restrictions, and the depth of the deepest non-live page with children.
    assert len(with_one_draft) <= 2


def test_a_page_at_or_under_a_view_restriction_is_never_visible(base_page, resource):
    private_base = factories.BasePageFactory(title="Base réservée", slug="base-reservee")
    below = factories.ResourcePageFactory(parent=private_base)
    other = factories.ResourcePageFactory(parent=base_page)
    PageViewRestriction.objects.create(page=private_base, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert set(visible(ResourcePage.objects.all()).values_list("pk", flat=True)) == {resource.pk}
    assert not visible(Page.objects.filter(pk=private_base.pk)).exists()
    assert below.pk not in visible_ids(ResourcePage).values_list("pk", flat=True)


def test_within_one_read_the_tree_facts_are_read_once(base_page, resource):
    _hidden_base(0)
    with CaptureQueriesContext(connection) as outside:
        visible(ResourcePage.objects.all())
        visible(ResourcePage.objects.all())
    with facts_read_once(), CaptureQueriesContext(connection) as inside:
        visible(ResourcePage.objects.all())
        visible(ResourcePage.objects.all())
        assert list(visible(ResourcePage.objects.all()).values_list("pk", flat=True)) == [resource.pk]
    assert len(outside) == 4
    assert len(inside) == 3  # the two facts, then the list itself


def test_a_new_block_sees_a_change_made_after_the_last_one(base_page, resource):
    with facts_read_once():
        assert visible(ResourcePage.objects.filter(pk=resource.pk)).exists()
    PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.LOGIN)
    with facts_read_once():
        assert not visible(ResourcePage.objects.filter(pk=resource.pk)).exists()


def test_a_read_request_reads_the_facts_once_and_a_write_each_time(rf):
    seen: list[object] = []

    def view(request):
        seen.append(_facts.get())
        return HttpResponse("ok")

    middleware = VisibilityFactsMiddleware(view)
    middleware(rf.get("/"))
    middleware(rf.post("/"))
    assert seen[0] == {} and seen[1] is None
    assert _facts.get() is None  # nothing left behind for the next request on this thread
