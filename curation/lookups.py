"""Which collections hold a resource: hand-picked or by rule, only the visible ones.

Asked by the resource's API field (through the ``resource_collections`` hook),
the public resource page and the search documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from core.api.fields import page_links
from core.visibility import visible
from curation.items import CollectionItem
from curation.membership import chosen_entries, rule_member_ids, rule_members, rules_of
from curation.models import CollectionPage


def collections_of(resource_ids: Iterable[int]) -> dict[int, list[tuple[int, str, str]]]:
    """The visible collections each resource belongs to (hand-picked or by rule), as (id, slug, title) by title."""
    ids = list(resource_ids)
    if not ids:
        return {}
    fields = ("title", "slug", "rule_base", "rule_theme", "rule_year", "rule_resource_type")
    collections = list(visible(CollectionPage.objects.only(*fields)).order_by("title", "pk"))
    by_resource: dict[int, set[int]] = defaultdict(set)
    for collection_id, entries in chosen_entries([c.pk for c in collections], ids).items():
        for entry in entries:
            by_resource[entry.resource_id].add(collection_id)
    for collection_id, resource_ids_ in rule_members(rules_of(collections), ids).items():
        for resource_id in resource_ids_:
            by_resource[resource_id].add(collection_id)
    return {
        resource_id: [(c.pk, c.slug, c.title) for c in collections if c.pk in collection_ids]
        for resource_id, collection_ids in by_resource.items()
    }


def collection_pages_of(resource) -> list[CollectionPage]:
    """The visible collections holding one resource, by title (empty for an unsaved page)."""
    return list(_holding(resource)) if resource.pk else []


def collection_links(resource) -> list[dict]:
    """Links (``PageRefSchema``) to the visible collections holding the resource, by title."""
    return page_links(_holding(resource))


def _holding(resource):
    """The collections holding ``resource`` (visible ones, see ``collections_of``), by title."""
    ids = [pk for pk, _slug, _title in collections_of([resource.pk]).get(resource.pk, [])]
    return CollectionPage.objects.filter(pk__in=ids).order_by("title")


def stored_member_ids(collection_id: int) -> set[int]:
    """Resources of a collection as stored in the database: its items and its rule's members."""
    from_items = CollectionItem.objects.filter(collection_id=collection_id).values_list("resource_id", flat=True)
    collection = CollectionPage.objects.filter(pk=collection_id).first()
    return set(from_items) | (rule_member_ids(collection) if collection is not None else set())
