"""The search facets, declared once: everything search needs to know about each.

One ``FacetSpec`` per ``Facet``, in the enum's order (the API lists its
parameters and counts in that order). The API schemas, the search page's
labels, the facet-value checks and the indexed documents' facet terms are all
derived from ``FACETS``. Each entry reads its values from the app that owns
them, through that app's public models and functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model

from core.sql import IdIn
from curation.lookups import collections_of
from curation.models import CollectionPage
from licensing.register import Licence
from resources.bases import base_path, bases_by_path
from resources.models import ResourcePage, ResourceType
from search.event_documents import EVENT_TYPE
from search.page_rows import ResourceRow
from search.query import Facet, TermRef
from taxonomy.models import PrinciplePage, ThemePage
from territories.lookups import existing_keys, lineages

# Each resource's terms for one facet, by resource id (a resource without any may be absent).
TermsByResource = Mapping[int, list[TermRef]]


@dataclass(frozen=True)
class FacetSpec:
    """What search needs to know about one facet."""

    facet: Facet
    # French name of the facet on the public search page.
    label: str
    # The API parameter's description (OpenAPI).
    description: str
    # Each resource's terms, in bulk: a fixed number of queries whatever the number of pages.
    terms: Callable[[Sequence[ResourceRow]], TermsByResource]
    # Which of the given values exist; None for a free facet (any value is accepted).
    known_values: Callable[[tuple[str, ...]], set[str]] | None = None
    # Completes « unknown value … ; » in the refusal of an unknown value.
    where_to_look: str = ""
    # Type of the API parameter's values (the query itself carries strings).
    value_type: type = str
    # Whether the terms' labels are searched as text, with the resource's tags.
    labels_are_text: bool = False

    @property
    def name(self) -> str:
        """The API parameter (and query-string) name."""
        return self.facet.value


# --- How each facet reads its values ------------------------------------------------


def _linked_terms(relation, target: str, pages: Sequence[ResourceRow]) -> TermsByResource:
    """Terms linked by a many-to-many of ``ResourcePage`` (one query), sorted by label."""
    terms: dict[int, list[TermRef]] = defaultdict(list)
    # Flat value queries rather than prefetch_related: modelcluster's parental
    # relations build a queryset per page, which tripled the cost.
    rows = relation.through.objects.filter(IdIn("resourcepage_id", [page.pk for page in pages])).values_list(
        "resourcepage_id", f"{target}__slug", f"{target}__title"
    )
    for resource_id, slug, title in rows:
        terms[resource_id].append(TermRef(slug, title))
    return {resource_id: sorted(refs, key=lambda t: t.label) for resource_id, refs in terms.items()}


def _themes(pages: Sequence[ResourceRow]) -> TermsByResource:
    return _linked_terms(ResourcePage.themes, "themepage", pages)


def _principles(pages: Sequence[ResourceRow]) -> TermsByResource:
    return _linked_terms(ResourcePage.principles, "principlepage", pages)


def _collections(pages: Sequence[ResourceRow]) -> TermsByResource:
    """Hand-picked and rule-based memberships of visible collections, by collection title."""
    return {
        resource_id: [TermRef(slug, title) for _, slug, title in refs]
        for resource_id, refs in collections_of([page.pk for page in pages]).items()
    }


def _types(pages: Sequence[ResourceRow]) -> TermsByResource:
    labels = dict(ResourceType.choices)
    return {
        page.pk: [TermRef(page.resource_type, str(labels.get(page.resource_type, page.resource_type)))]
        for page in pages
    }


def _licences(pages: Sequence[ResourceRow]) -> TermsByResource:
    """Each resource's licence, labelled with its short name (its id if the register lacks it)."""
    names = dict(Licence.objects.filter(pk__in={page.licence_id for page in pages}).values_list("pk", "short_name"))
    return {page.pk: [TermRef(page.licence_id, names.get(page.licence_id, page.licence_id))] for page in pages}


def _bases(pages: Sequence[ResourceRow]) -> TermsByResource:
    bases = bases_by_path(pages)
    return {
        page.pk: [TermRef(base.slug, base.title)] for page in pages if (base := bases.get(base_path(page)))
    }


def _territories(pages: Sequence[ResourceRow]) -> TermsByResource:
    """The resource's territory and every territory holding it (its département, its région):
    asking for a région finds what lies in its départements and communes, in both backends,
    and each count stays the number of resources. Two queries whatever the number of pages."""
    found = lineages({page.territory_id for page in pages if page.territory_id})
    return {
        page.pk: [TermRef(territory.key, territory.label) for territory in found[page.territory_id]]
        for page in pages
        if page.territory_id in found
    }


def _years(pages: Sequence[ResourceRow]) -> TermsByResource:
    """The year of the resource's own date (a write-up's: its event's first day), never of
    its publication on the hub; a resource without a date has none."""
    return {page.pk: [TermRef(str(page.date.year), str(page.date.year))] for page in pages if page.date}


def _live_slugs(models: Sequence[type[Model]], values: tuple[str, ...]) -> set[str]:
    """Which of ``values`` are slugs of live pages of these types (one query per type)."""
    return {
        slug for model in models for slug in model.objects.live().filter(slug__in=values).values_list("slug", flat=True)
    }


def _base_slugs(values: tuple[str, ...]) -> set[str]:
    # A base is what a resource is published under: the page types its tree rules
    # name. They are resolved through the app registry (the shell's BasePage, a
    # layer above), so when checking rather than at import.
    return _live_slugs(ResourcePage.allowed_parent_page_models(), values)


def _open_licence_ids(values: tuple[str, ...]) -> set[str]:
    return set(Licence.objects.filter(pk__in=values, is_open=True).values_list("pk", flat=True))


def _listed_at(path: str) -> str:
    return f"the known values are listed at {path} (slug or id)."


def in_enum_order(facets: tuple[FacetSpec, ...]) -> tuple[FacetSpec, ...]:
    """The declaration as given, refused unless it names every ``Facet`` once, in the enum's order."""
    # Checked at start-up rather than found as a facet missing from the API or the index.
    if [spec.facet for spec in facets] != list(Facet):
        raise ImproperlyConfigured("search.facets.FACETS must declare every Facet once, in the enum's order.")
    return facets


# --- The declaration ------------------------------------------------------------------

FACETS: tuple[FacetSpec, ...] = in_enum_order((
    FacetSpec(
        Facet.THEME,
        label="Thématiques",
        description="Theme slugs (OR).",
        terms=_themes,
        known_values=lambda values: _live_slugs([ThemePage], values),
        where_to_look=_listed_at("/api/v3/themes/"),
        labels_are_text=True,
    ),
    FacetSpec(
        Facet.PRINCIPLE,
        label="Principes",
        description="Principle slugs (OR).",
        terms=_principles,
        known_values=lambda values: _live_slugs([PrinciplePage], values),
        where_to_look=_listed_at("/api/v3/principles/"),
        labels_are_text=True,
    ),
    FacetSpec(
        Facet.COLLECTION,
        label="Collections",
        description="Collection slugs (OR).",
        terms=_collections,
        known_values=lambda values: _live_slugs([CollectionPage], values),
        where_to_look=_listed_at("/api/v3/collections/"),
        labels_are_text=True,
    ),
    FacetSpec(
        Facet.RESOURCE_TYPE,
        label="Types de ressource",
        description="Resource types (OR).",
        terms=_types,
        known_values=lambda values: set(ResourceType.values) | {EVENT_TYPE.value},
        where_to_look="use one of " + ", ".join([*ResourceType.values, EVENT_TYPE.value]) + ".",
    ),
    FacetSpec(
        Facet.LICENCE,
        label="Licences",
        description="Licence ids (OR).",
        terms=_licences,
        known_values=_open_licence_ids,
        where_to_look=_listed_at("/api/v3/licences/"),
    ),
    FacetSpec(
        Facet.BASE,
        label="Bases",
        description="Base slugs (OR).",
        terms=_bases,
        known_values=_base_slugs,
        where_to_look=_listed_at("/api/v3/bases/"),
    ),
    FacetSpec(
        Facet.TERRITORY,
        label="Territoires",
        description=(
            "Territory keys (OR): reg-<INSEE code> for a région, dep-<code> for a département, "
            "com-<code> for a commune (reg-76, dep-30, com-57463). A région or a département also "
            "finds the resources of its départements and communes."
        ),
        terms=_territories,
        known_values=existing_keys,
        where_to_look=(
            "territories are named reg-<code région>, dep-<code département> or com-<code commune> "
            "with their INSEE codes (reg-76 for Occitanie, dep-30 for the Gard, com-57463 for Metz); "
            "find them at /api/v3/territories/?q=<name>."
        ),
    ),
    # Free facet (no known_values): SearchQuery already refuses a year that is not a whole number.
    FacetSpec(Facet.YEAR, label="Années", description="Years of the resources' own dates (OR).", terms=_years,
              value_type=int),
))

FACET_SPECS: dict[Facet, FacetSpec] = {spec.facet: spec for spec in FACETS}
