"""``core.sql.IdIn``: membership in a long id list, sent as one parameter."""

from __future__ import annotations

import pytest
from django.db.models import Q
from wagtail.models import Page

from core.sql import IdIn
from tests import factories


@pytest.fixture
def pages(base_page):
    return [factories.ResourcePageFactory(parent=base_page, title=f"Fiche {n}") for n in range(5)]


def test_it_selects_the_same_rows_as_pk_in(pages):
    wanted = [pages[0].pk, pages[3].pk, 10**9]  # an id that does not exist is simply not found
    assert set(Page.objects.filter(IdIn("pk", wanted)).values_list("pk", flat=True)) == {pages[0].pk, pages[3].pk}


def test_an_empty_list_matches_nothing(pages):
    assert not Page.objects.filter(IdIn("pk", [])).exists()


def test_it_combines_with_other_conditions(pages):
    either = Page.objects.filter(Q(IdIn("pk", [pages[1].pk])) | Q(title="Fiche 4"))
    assert set(either.values_list("title", flat=True)) == {"Fiche 1", "Fiche 4"}
    assert not Page.objects.filter(IdIn("pk", [pages[1].pk]), title="Fiche 2").exists()


def test_it_follows_a_relation(pages):
    assert list(Page.objects.filter(IdIn("id", [pages[2].pk])).values_list("title", flat=True)) == ["Fiche 2"]


def test_thousands_of_ids_go_as_one_parameter(pages):
    ids = [page.pk for page in pages] + list(range(10**8, 10**8 + 3_000))
    assert Page.objects.filter(IdIn("pk", ids)).count() == len(pages)
    # pk__in would write 3,005 placeholders; the ids travel as one array (JSON text on SQLite).
    _sql, params = Page.objects.filter(IdIn("pk", ids)).query.sql_with_params()
    assert len(params) == 1
