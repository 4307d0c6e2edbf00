"""Territories and dates in search, on both backends: a région or a département finds what
lies inside it with exact disjunctive counts, and the newest/oldest sorts and the year
facet follow each resource's own date, never its publication on the hub."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from search.facet_values import check_facet_values
from search.query import Facet, SearchQuery, SearchQueryError, Sort
from tests import factories
from tests.search.test_contract import assert_facets_exact, backend, expected_counts, sync, titles  # noqa: F401


@pytest.fixture
def places(db):
    """One resource per level of the register, and one without a territory."""
    pages = {
        "Metz": factories.ResourcePageFactory(title="À Metz", territory=factories.territory("com-57463")),
        "Gard": factories.ResourcePageFactory(title="Dans le Gard", territory=factories.territory("dep-30")),
        "Pont": factories.ResourcePageFactory(title="Au Pont du Gard", territory=factories.territory("com-30346")),
        "Occitanie": factories.ResourcePageFactory(title="En Occitanie", territory=factories.territory("reg-76")),
        "Nowhere": factories.ResourcePageFactory(title="Partout"),
    }
    return pages


def test_a_region_or_departement_finds_what_lies_inside_it(backend, places):
    sync(backend)
    assert titles(backend, territory=("reg-44",)) == {"À Metz"}
    assert titles(backend, territory=("reg-76",)) == {"Dans le Gard", "Au Pont du Gard", "En Occitanie"}
    assert titles(backend, territory=("dep-30",)) == {"Dans le Gard", "Au Pont du Gard"}
    assert titles(backend, territory=("com-30346",)) == {"Au Pont du Gard"}
    assert titles(backend, territory=("dep-57", "com-30346")) == {"À Metz", "Au Pont du Gard"}
    assert titles(backend, territory=("dep-33",)) == set()


def test_territory_counts_are_exact_disjunctive_and_labelled_with_names(backend, places):
    sync(backend)
    result = backend.search(SearchQuery(filters={Facet.TERRITORY: ("reg-76",)}))
    counts = {value.value: (value.label, value.count, value.selected) for value in result.facets[Facet.TERRITORY]}
    assert counts == {
        "reg-76": ("Occitanie", 3, True),
        "dep-30": ("Gard (30)", 2, False),
        "com-30346": ("Vers-Pont-du-Gard (30)", 1, False),
        "reg-44": ("Grand Est", 1, False),
        "dep-57": ("Moselle (57)", 1, False),
        "com-57463": ("Metz (57)", 1, False),
    }
    theme = sorted(expected_counts(Facet.THEME, {}))[0]
    for filters in (
        {},
        {Facet.TERRITORY: ("reg-76",)},
        {Facet.TERRITORY: ("dep-30", "reg-44")},
        {Facet.TERRITORY: ("com-57463",), Facet.THEME: (theme,)},
    ):
        assert_facets_exact(backend, filters)


def test_newest_and_oldest_follow_the_resources_own_dates(backend):
    # Published in this order, dated in another: the own dates win.
    factories.ResourcePageFactory(title="Revue 2019", date=date(2019, 1, 1), date_precision="year")
    factories.ResourcePageFactory(title="Atelier d'octobre 2024", date=date(2024, 10, 1), date_precision="month")
    factories.ResourcePageFactory(title="Guide de mars 2021", date=date(2021, 3, 15))
    sync(backend)
    newest = backend.search(SearchQuery(sort=Sort.NEWEST)).hits
    assert [hit.title for hit in newest] == ["Atelier d'octobre 2024", "Guide de mars 2021", "Revue 2019"]
    oldest = backend.search(SearchQuery(sort=Sort.OLDEST)).hits
    assert [hit.title for hit in oldest] == ["Revue 2019", "Guide de mars 2021", "Atelier d'octobre 2024"]
    assert [(hit.date, hit.date_precision, hit.date_label) for hit in newest] == [
        (date(2024, 10, 1), "month", "octobre 2024"),
        (date(2021, 3, 15), "day", "15 mars 2021"),
        (date(2019, 1, 1), "year", "2019"),
    ]
    years = {value.value: value.count for value in backend.search(SearchQuery()).facets[Facet.YEAR]}
    assert years == {"2024": 1, "2021": 1, "2019": 1}


def test_the_demo_finds_its_write_ups_by_region_and_is_dated_by_the_seeds(backend):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    grand_est = titles(backend, territory=("reg-44",))
    # The write-ups and the local NEC events held there (the calendar is made of events).
    assert grand_est == {"NEC Metz 2023", "NEC Metz 2024", "Numérique en Commun[s] Metz 2023"}
    occitanie = titles(backend, territory=("reg-76",))
    assert {"NEC Occitanie", "NEC Pont du Gard 2023"} <= occitanie
    assert occitanie == {"NEC Occitanie", "NEC Pont du Gard 2023", "NEC Gard — Faire réseau : des acteurs, des solutions"}
    result = backend.search(SearchQuery(page_size=100))
    years = {value.value for value in result.facets[Facet.YEAR]}
    assert years == {str(year) for year in range(2018, 2025)}
    assert all(hit.date is not None for hit in result.hits)
    assert date.today().year not in {hit.date.year for hit in result.hits}
    assert_facets_exact(backend, {Facet.TERRITORY: ("reg-76",)})
    revue = titles(backend, year=("2023",))
    assert {"La revue NEC #1 : Empreinte écologique du numérique", "La revue NEC #2 : Santé et numérique"} <= revue


@pytest.mark.django_db
def test_unknown_territories_are_refused_naming_them():
    factories.territory("reg-76")
    check_facet_values({Facet.TERRITORY: ("reg-76", "dep-30", "com-57463")})
    for wrong in ("Occitanie", "reg-99", "com-57 463"):
        with pytest.raises(SearchQueryError) as refused:
            check_facet_values({Facet.TERRITORY: ("reg-76", wrong)})
        assert f"« {wrong} »" in str(refused.value) and "reg-76 for Occitanie" in str(refused.value)
        assert refused.value.parameter == "territory"
