"""A facet is declared once (search.facets): the API schemas, the search page's
labels and the facet-value checks follow the declaration."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.api.schemas import FacetsSchema, SearchParams
from search.facet_values import check_facet_values
from search.facets import FACET_SPECS, FACETS, in_enum_order
from search.query import Facet, SearchQueryError
from search.views import FACET_LABELS


def test_every_facet_is_declared_once_in_the_enums_order():
    assert [spec.facet for spec in FACETS] == list(Facet)
    assert list(FACET_SPECS) == list(Facet)


@pytest.mark.parametrize("facets", [FACETS[1:], FACETS[::-1], FACETS + FACETS[:1]])
def test_a_declaration_missing_or_misordering_a_facet_is_refused(facets):
    with pytest.raises(ImproperlyConfigured):
        in_enum_order(facets)


def test_the_search_parameters_are_built_from_the_declaration():
    names = [spec.name for spec in FACETS]
    assert list(SearchParams.model_fields) == ["q", *names, "sort", "page", "page_size"]
    for spec in FACETS:
        field = SearchParams.model_fields[spec.name]
        assert field.annotation == list[spec.value_type]
        assert field.description == spec.description
        assert not field.is_required()


def test_the_facet_counts_schema_is_built_from_the_declaration():
    assert list(FacetsSchema.model_fields) == [spec.name for spec in FACETS]
    assert all(field.is_required() for field in FacetsSchema.model_fields.values())


def test_the_search_page_labels_are_the_declared_ones():
    assert FACET_LABELS == {spec.facet: spec.label for spec in FACETS}


@pytest.mark.django_db
def test_free_facets_take_any_value_and_others_name_where_to_look():
    check_facet_values({Facet.YEAR: ("1901",)})
    with pytest.raises(SearchQueryError) as refused:
        check_facet_values({Facet.RESOURCE_TYPE: ("roman",)})
    assert str(refused.value) == f"type: unknown value « roman »; {FACET_SPECS[Facet.RESOURCE_TYPE].where_to_look}"
    assert FACET_SPECS[Facet.RESOURCE_TYPE].where_to_look.startswith("use one of article, guide, ")
