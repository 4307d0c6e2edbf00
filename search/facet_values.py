"""Facet values a search may filter on: known slugs and ids, checked in bulk.

Each facet's ``FacetSpec`` (search.facets) says how to find which of the given
values exist: an unknown one is refused naming its parameter, in one query per
facet given. The free facet (year) accepts any value; ``SearchQuery``
checks that years are whole numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

from search.facets import FACET_SPECS
from search.query import Facet, SearchQueryError

# Longest facet value accepted (the index keeps 255 characters).
MAX_VALUE_LENGTH = 200


def check_facet_values(filters: Mapping[Facet, tuple[str, ...]]) -> None:
    """Raise ``SearchQueryError`` naming the first facet with an unknown value."""
    for facet, values in filters.items():
        for value in values:
            if len(value) > MAX_VALUE_LENGTH:
                raise SearchQueryError(facet.value, f"values are at most {MAX_VALUE_LENGTH} characters.")
        spec = FACET_SPECS[facet]
        if spec.known_values is None:
            continue
        known = spec.known_values(values)
        unknown = [value for value in values if value not in known]
        if unknown:
            shown = ", ".join(f"« {value} »" for value in unknown[:5])
            raise SearchQueryError(facet.value, f"unknown value {shown}; {spec.where_to_look}")
