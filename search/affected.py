"""Which resources a change touches, each in a fixed number of ``values_list`` queries.

A resource document carries its base, URL and visibility (from its place in
the tree), its themes, principles and collections (labels) and its licence, so
a change to any of those must re-index the resources below or linked to it
(for a collection: its hand-picked items and the members of its rule).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from wagtail.models import Page


def is_resource_class(model: type | None) -> bool:
    from resources.models import ResourcePage

    return model is not None and issubclass(model, ResourcePage)


def resources_at_or_under(paths: Iterable[str]) -> set[int]:
    """Resources whose tree path starts with one of ``paths`` (the pages themselves included)."""
    from resources.models import ResourcePage

    condition = Q()
    for path in set(paths):
        condition |= Q(path__startswith=path)
    if not condition:
        return set()
    return set(ResourcePage.objects.filter(condition).values_list("pk", flat=True))


def resources_under_page(page_id: int) -> set[int]:
    """The page itself if it is a resource, and every resource below it."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    return resources_at_or_under([path]) if path else set()


def resources_linked_to(page: Page) -> set[int]:
    """Resources that show this theme, principle or collection in their document."""
    from curation.models import CollectionPage, PrinciplePage, ThemePage
    from resources.models import ResourcePage

    model = page.specific_class
    if model is None:
        return set()
    if issubclass(model, ThemePage):
        return set(ResourcePage.objects.filter(themes=page.pk).values_list("pk", flat=True))
    if issubclass(model, PrinciplePage):
        return set(ResourcePage.objects.filter(principles=page.pk).values_list("pk", flat=True))
    if issubclass(model, CollectionPage):
        return collection_members(page.pk)
    return set()


def collection_members(collection_id: int) -> set[int]:
    """Resources of a collection as stored in the database: its items and its rule's members."""
    from curation.models import CollectionItem, CollectionPage

    chosen = set(CollectionItem.objects.filter(collection_id=collection_id).values_list("resource_id", flat=True))
    collection = CollectionPage.objects.filter(pk=collection_id).only(*RULE_FIELDS).first()
    return chosen | (rule_member_ids(collection) if collection is not None else set())


RULE_FIELDS = ("rule_base", "rule_theme", "rule_year", "rule_resource_type")


def rule_member_ids(collection) -> set[int]:
    """The visible resources a collection's rule (as set on the instance) brings in."""
    from curation.membership import rule_members, rules_of

    if not collection.has_rule:
        return set()
    return set(rule_members(rules_of([collection])).get(collection.pk, []))


def resources_with_licence(licence_id: str) -> set[int]:
    from resources.models import ResourcePage

    return set(ResourcePage.objects.filter(licence_id=licence_id).values_list("pk", flat=True))
