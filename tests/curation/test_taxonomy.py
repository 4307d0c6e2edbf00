"""Themes and principles: the terms resources are classified by."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from taxonomy.models import PrinciplePage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", [0, 8])
def test_principle_number_is_between_1_and_7(home, number):
    with pytest.raises(ValidationError) as excinfo:
        factories.PrinciplePageFactory(number=number)

    assert "number" in excinfo.value.message_dict
    assert not PrinciplePage.objects.exists()


def test_principle_numbers_are_unique(home):
    factories.PrinciplePageFactory(title="Harmoniser", number=1)

    with pytest.raises(ValidationError) as excinfo:
        factories.PrinciplePageFactory(title="Débattre", number=1)

    assert "number" in excinfo.value.message_dict


def test_principles_are_listed_by_number(home):
    for number, title in [(3, "Éduquer"), (1, "Harmoniser"), (2, "Débattre")]:
        factories.PrinciplePageFactory(title=title, number=number)

    assert [p.title for p in PrinciplePage.objects.all()] == ["Harmoniser", "Débattre", "Éduquer"]


def test_theme_lists_only_its_live_resources_newest_first(base_page, theme):
    other_theme = factories.ThemePageFactory(title="Écologie & soutenabilité")
    older = factories.ResourcePageFactory(parent=base_page, themes=[theme])
    newer = factories.ResourcePageFactory(parent=base_page, themes=[theme, other_theme])
    factories.ResourcePageFactory(parent=base_page, themes=[theme], live=False)  # a draft
    factories.ResourcePageFactory(parent=base_page, themes=[other_theme])

    assert [r.pk for r in theme.live_resources()] == [newer.pk, older.pk]
    assert newer.pk in {r.pk for r in other_theme.live_resources()}


def test_a_resource_links_principles(base_page, theme):
    principle = factories.PrinciplePageFactory(title="Ouvrir", number=5)
    resource = factories.ResourcePageFactory(parent=base_page, themes=[theme], principles=[principle])

    assert [r.pk for r in principle.live_resources()] == [resource.pk]
