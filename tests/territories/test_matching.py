"""Free-text places matched to the register (what the data migration of resources uses)."""

from __future__ import annotations

import pytest

from territories.matching import match_free_text
from territories.models import Territory

pytestmark = pytest.mark.django_db


def _matched(text: str) -> str | None:
    match = match_free_text(text, Territory.objects.all())
    return Territory.objects.get(pk=match.territory_id).key if match.territory_id else None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Metz", "com-57463"),
        ("Metz, Moselle (Grand Est)", "com-57463"),
        ("metz (57)", "com-57463"),
        ("Gard", "dep-30"),
        ("Occitanie", "reg-76"),
        ("La Réunion", "reg-04"),  # a région and a département: the broadest
        ("Mérignac (33)", "com-33281"),
        ("Mérignac, Gironde", "com-33281"),
        ("Vers-Pont-du-Gard", "com-30346"),
    ],
)
def test_names_with_their_departement_or_region_are_found(territories, text, key):
    assert _matched(text) == key


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Paris-Saclay", "aucun territoire du registre ne porte ce nom"),
        ("Metz, Gard", "aucun territoire du registre ne porte ce nom à cet endroit"),
        ("Mérignac", "plusieurs territoires portent ce nom (Mérignac (16), Mérignac (33))"),
        ("  ", "texte vide"),
    ],
)
def test_unknown_or_ambiguous_places_say_why(territories, text, reason):
    match = match_free_text(text, Territory.objects.all())
    assert match.territory_id is None and match.reason.startswith(reason)
