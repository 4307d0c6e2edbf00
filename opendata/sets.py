"""The groups a harvester may ask for: collections, themes and bases.

A set spec is ``<kind>:<slug>`` (``theme:donnees-territoires``); the same specs
name OAI-PMH sets and the resources they hold. Only visible groups are sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Page

from core.visibility import visible
from curation.items import CollectionItem
from curation.lookups import collections_of
from curation.membership import members
from curation.models import CollectionPage
from resources.bases import base_path
from resources.models import ResourcePage
from taxonomy.models import ThemePage

KINDS = {"collection": "Collection", "theme": "Thématique", "base": "Base"}


@dataclass(frozen=True)
class Group:
    """One set: its spec, its kind's French name and its page."""

    spec: str
    name: str
    page: Page


def base_models() -> list[type[Page]]:
    """The page types resources are published under (the shell's bases, by the tree's rules)."""
    return list(ResourcePage.allowed_parent_page_models())


def _visible_bases() -> QuerySet:
    return visible(Page.objects.type(*base_models()))


def all_groups() -> list[Group]:
    """Every set: the visible collections, themes and bases (three queries and the visibility check)."""
    groups = [Group(f"collection:{c.slug}", f"Collection : {c.title}", c) for c in visible(CollectionPage.objects.all()).order_by("title")]
    groups += [Group(f"theme:{t.slug}", f"Thématique : {t.title}", t) for t in visible(ThemePage.objects.all()).order_by("title")]
    groups += [Group(f"base:{b.slug}", f"Base : {b.title}", b) for b in _visible_bases().order_by("title")]
    return groups


def find_group(spec: str) -> Group | None:
    """The visible group a spec names, or None."""
    kind, _, slug = spec.partition(":")
    if not slug:
        return None
    pages = {
        "collection": visible(CollectionPage.objects.all()),
        "theme": visible(ThemePage.objects.all()),
        "base": _visible_bases(),
    }.get(kind)
    page = pages.filter(slug=slug).first() if pages is not None else None
    return Group(spec, f"{KINDS[kind]} : {page.title}", page) if page else None


def resources_in(group: Group, resources: QuerySet) -> QuerySet:
    """``resources`` narrowed to those of the group."""
    if isinstance(group.page, CollectionPage):
        return resources.filter(pk__in=[entry.resource_id for entry in members(group.page)])
    if isinstance(group.page, ThemePage):
        return resources.filter(themes=group.page)
    return resources.child_of(group.page)


def specs_of(resources: Iterable[ResourcePage]) -> dict[int, list[str]]:
    """The sets each visible resource belongs to (collections, themes, base), in a fixed number of queries."""
    resources = list(resources)
    ids = [page.pk for page in resources]
    specs: dict[int, list[str]] = defaultdict(list)
    for resource_id, refs in collections_of(ids).items():
        specs[resource_id] += [f"collection:{slug}" for _pk, slug, _title in refs]
    themes = visible(ThemePage.objects.all()).values("pk")
    for resource_id, slug in ResourcePage.themes.through.objects.filter(
        resourcepage_id__in=ids, themepage_id__in=themes
    ).values_list("resourcepage_id", "themepage__slug"):
        specs[resource_id].append(f"theme:{slug}")
    bases = dict(_visible_bases().filter(path__in={base_path(p) for p in resources}).values_list("path", "slug"))
    for page in resources:
        if slug := bases.get(base_path(page)):
            specs[page.pk].append(f"base:{slug}")
    return specs


def stored_specs_of(resources: Iterable[ResourcePage]) -> dict[int, list[str]]:
    """The sets resources belonged to, whatever their visibility now (for tombstones).

    Hand-picked collections only: a rule only ever holds visible resources.
    """
    resources = list(resources)
    ids = [page.pk for page in resources]
    specs: dict[int, list[str]] = defaultdict(list)
    for resource_id, slug in CollectionItem.objects.filter(resource_id__in=ids).values_list(
        "resource_id", "collection__slug"
    ):
        specs[resource_id].append(f"collection:{slug}")
    for resource_id, slug in ResourcePage.themes.through.objects.filter(resourcepage_id__in=ids).values_list(
        "resourcepage_id", "themepage__slug"
    ):
        specs[resource_id].append(f"theme:{slug}")
    bases = dict(Page.objects.filter(path__in={base_path(p) for p in resources}).values_list("path", "slug"))
    for page in resources:
        if slug := bases.get(base_path(page)):
            specs[page.pk].append(f"base:{slug}")
    return specs
