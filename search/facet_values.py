"""Facet values a search may filter on: known slugs and ids, checked in bulk.

Themes, principles, collections and bases are filtered by slug, licences by
id, types by their code: an unknown one is refused naming its parameter, in
one query per facet given (at most five). Territory is free text and years
are whole numbers (``SearchQuery`` checks those).
"""

from __future__ import annotations

from collections.abc import Mapping

from wagtail.models import Page

from curation.models import CollectionPage
from licensing.register import Licence
from resources.models import ResourcePage, ResourceType
from search.query import Facet, SearchQueryError
from taxonomy.models import PrinciplePage, ThemePage

# Longest facet value accepted (the index keeps 255 characters).
MAX_VALUE_LENGTH = 200


def check_facet_values(filters: Mapping[Facet, tuple[str, ...]]) -> None:
    """Raise ``SearchQueryError`` naming the first facet with an unknown value."""
    for facet, values in filters.items():
        for value in values:
            if len(value) > MAX_VALUE_LENGTH:
                raise SearchQueryError(facet.value, f"values are at most {MAX_VALUE_LENGTH} characters.")
        known = _known_values(facet, values)
        if known is None:
            continue
        unknown = [value for value in values if value not in known]
        if unknown:
            shown = ", ".join(f"« {value} »" for value in unknown[:5])
            raise SearchQueryError(facet.value, f"unknown value {shown}; {_where_to_look(facet)}")


def _known_values(facet: Facet, values: tuple[str, ...]) -> set[str] | None:
    """Which of ``values`` exist (None for a free facet)."""
    pages: dict[Facet, list[type[Page]]] = {
        Facet.THEME: [ThemePage],
        Facet.PRINCIPLE: [PrinciplePage],
        Facet.COLLECTION: [CollectionPage],
        # A base is what a resource is published under: the page types its tree rules name.
        Facet.BASE: ResourcePage.allowed_parent_page_models(),
    }
    if facet in pages:
        return {
            slug
            for model in pages[facet]
            for slug in model.objects.live().filter(slug__in=values).values_list("slug", flat=True)
        }
    if facet is Facet.LICENCE:
        return set(Licence.objects.filter(pk__in=values, is_open=True).values_list("pk", flat=True))
    if facet is Facet.RESOURCE_TYPE:
        return set(ResourceType.values)
    return None


def _where_to_look(facet: Facet) -> str:
    listing = {
        Facet.THEME: "/api/v3/themes/",
        Facet.PRINCIPLE: "/api/v3/principles/",
        Facet.COLLECTION: "/api/v3/collections/",
        Facet.BASE: "/api/v3/bases/",
        Facet.LICENCE: "/api/v3/licences/",
    }
    if facet is Facet.RESOURCE_TYPE:
        return "use one of " + ", ".join(ResourceType.values) + "."
    return f"the known values are listed at {listing[facet]} (slug or id)."
