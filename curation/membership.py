"""Who belongs to a collection: hand-picked resources first, in the editors' order,
then the resources matching the collection's rule, newest first.

Membership is computed at read time over what the public may see (live,
public resources under live ancestors), so a rule collection is always up to
date and an unpublished resource drops out of the public view at once. Every
function here takes a fixed number of queries whatever the number of
collections or resources it is given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Case, Value, When
from wagtail.models import Page

from core.sql import IdIn
from core.visibility import visible
from curation.items import CollectionItem
from curation.rules import CollectionRule, rule_of
from resources.models import ResourcePage


@dataclass(frozen=True)
class Entry:
    """A resource in a collection: ``chosen`` by an editor (with note, featured flag) or joined by the rule."""

    resource_id: int
    note: str = ""
    featured: bool = False
    chosen: bool = True


@dataclass(frozen=True)
class HiddenItem:
    """A hand-picked resource the public no longer sees, with the reason, for editors."""

    collection_id: int
    resource_id: int
    title: str
    reason: str


@dataclass(frozen=True)
class PublicItem:
    """An entry with its resource page, for templates."""

    resource: object
    note: str
    featured: bool
    chosen: bool


def _resources():
    return ResourcePage.objects.all()


def rules_of(collections: Sequence) -> dict[int, CollectionRule]:
    """The non-empty rules of ``collections`` by collection id (one query for the bases' paths, if any)."""
    with_rule = [c for c in collections if c.has_rule]
    base_ids = {c.rule_base_id for c in with_rule if c.rule_base_id}
    paths = dict(Page.objects.filter(pk__in=base_ids).values_list("pk", "path")) if base_ids else {}
    return {c.pk: rule_of(c, paths.get(c.rule_base_id, "")) for c in with_rule}


def rule_members(rules: dict[int, CollectionRule], among: Iterable[int] | None = None) -> dict[int, list[int]]:
    """Visible resources matching each rule, newest first — one query for all the rules."""
    rules = {pk: rule for pk, rule in rules.items() if not rule.is_empty}
    if not rules:
        return {}
    flags = {
        f"in_{pk}": Case(When(rule.condition(), then=Value(True)), default=Value(False), output_field=BooleanField())
        for pk, rule in rules.items()
    }
    queryset = visible(_resources()).filter(reduce(or_, (rule.condition() for rule in rules.values())))
    if among is not None:
        queryset = queryset.filter(IdIn("pk", among))
    rows = queryset.annotate(**flags).order_by("-first_published_at", "-pk").values_list("pk", *flags)
    members: dict[int, list[int]] = defaultdict(list)
    collection_ids = list(rules)
    for resource_id, *matches in rows:
        for collection_id, matched in zip(collection_ids, matches):
            if matched:
                members[collection_id].append(resource_id)
    return members


def chosen_entries(collection_ids: Iterable[int], among: Iterable[int] | None = None) -> dict[int, list[Entry]]:
    """Visible hand-picked resources of each collection, in the editors' order."""
    resources = _resources()
    if among is not None:
        # Visibility checked among these only: over every resource it grew with the hub.
        resources = resources.filter(IdIn("pk", among))
    items = CollectionItem.objects.filter(
        collection_id__in=list(collection_ids), resource__in=visible(resources).values("pk")
    )
    entries: dict[int, list[Entry]] = defaultdict(list)
    for collection_id, resource_id, note, featured in items.order_by("collection_id", "sort_order", "pk").values_list(
        "collection_id", "resource_id", "note", "featured"
    ):
        entries[collection_id].append(Entry(resource_id, note, featured, chosen=True))
    return entries


def members_by_collection(collections: Sequence, among: Iterable[int] | None = None) -> dict[int, list[Entry]]:
    """Each collection's public entries: hand-picked first (curated order), then rule members not already chosen."""
    among = list(among) if among is not None else None
    chosen = chosen_entries([c.pk for c in collections], among)
    by_rule = rule_members(rules_of(collections), among)
    result: dict[int, list[Entry]] = {}
    for collection in collections:
        entries = list(chosen.get(collection.pk, []))
        picked = {entry.resource_id for entry in entries}
        entries += [Entry(pk, chosen=False) for pk in by_rule.get(collection.pk, []) if pk not in picked]
        result[collection.pk] = entries
    return result


def members(collection) -> list[Entry]:
    """One collection's public entries (see ``members_by_collection``)."""
    return members_by_collection([collection])[collection.pk]


def member_ids(collection) -> set[int]:
    """Every resource the collection shows publicly (hand-picked and by rule)."""
    return {entry.resource_id for entry in members(collection)}


def public_items(collection) -> list[PublicItem]:
    """The public entries with their resource pages, in order."""
    entries = members(collection)
    pages = _resources().in_bulk([entry.resource_id for entry in entries])
    return [
        PublicItem(pages[e.resource_id], e.note, e.featured, e.chosen) for e in entries if e.resource_id in pages
    ]


def hidden_by_collection(collection_ids: Iterable[int]) -> dict[int, list[HiddenItem]]:
    """Hand-picked resources the public no longer sees, per collection, in the editors' order."""
    rows = (
        CollectionItem.objects.filter(collection_id__in=list(collection_ids))
        .exclude(resource__in=visible(_resources()).values("pk"))
        .order_by("collection_id", "sort_order", "pk")
        .values_list("collection_id", "resource_id", "resource__title", "resource__live", "resource__first_published_at")
    )
    hidden: dict[int, list[HiddenItem]] = defaultdict(list)
    for collection_id, resource_id, title, live, first_published_at in rows:
        hidden[collection_id].append(HiddenItem(collection_id, resource_id, title, _reason(live, first_published_at)))
    return hidden


def hidden_items(collection) -> list[HiddenItem]:
    """One collection's hidden hand-picked resources."""
    return hidden_by_collection([collection.pk]).get(collection.pk, [])


def _reason(live: bool, first_published_at) -> str:
    if not live:
        return "dépubliée" if first_published_at else "jamais publiée (brouillon)"
    return "non publique (accès restreint ou page parente dépubliée)"


def rule_member_ids(collection) -> set[int]:
    """The visible resources a collection's rule (as set on the instance) brings in."""
    if not collection.has_rule:
        return set()
    return set(rule_members(rules_of([collection])).get(collection.pk, []))


def member_ids_in_memory(collection) -> set[int]:
    """The hand-picked resources and rule members of a collection as edited (not yet saved)."""
    return {item.resource_id for item in collection.items.all()} | rule_member_ids(collection)
