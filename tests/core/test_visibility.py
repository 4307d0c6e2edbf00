"""``core.visibility``: the one rule of what the public may see, and its cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.visibility import visible
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
