"""Which resources a change touches, each in a fixed number of ``values_list`` queries.

A resource document carries its base, URL and visibility (from its place in
the tree), its themes, principles and collections (labels) and its licence, so
a change to any of those must re-index the resources below or linked to it
(for a collection: its hand-picked items and the members of its rule). Search
reads the other apps through their public models and functions only.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from wagtail.models import Page

from curation.lookups import stored_member_ids
from curation.models import CollectionPage
from events.models import LocalEventPage
from resources.models import ResourcePage
from taxonomy.models import TaxonomyPageMixin, ThemePage


# Pages with a search document of their own: resources and local NEC events.
INDEXED_MODELS = (ResourcePage, LocalEventPage)


def is_resource_class(model: type | None) -> bool:
    """Whether pages of ``model`` have their own search document."""
    return model is not None and issubclass(model, INDEXED_MODELS)


def is_collection_class(model: type | None) -> bool:
    return model is not None and issubclass(model, CollectionPage)


def resources_at_or_under(paths: Iterable[str]) -> set[int]:
    """Resources whose tree path starts with one of ``paths`` (the pages themselves included)."""
    condition = Q()
    for path in set(paths):
        condition |= Q(path__startswith=path)
    if not condition:
        return set()
    return set(Page.objects.type(*INDEXED_MODELS).filter(condition).values_list("pk", flat=True))


def resources_under_page(page_id: int) -> set[int]:
    """The page itself if it is a resource, and every resource below it."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    return resources_at_or_under([path]) if path else set()


def resources_linked_to(page: Page) -> set[int]:
    """Resources that show this theme, principle or collection in their document."""
    model = page.specific_class
    if model is None:
        return set()
    if issubclass(model, TaxonomyPageMixin):
        events = LocalEventPage.themes.through.objects.filter(themepage_id=page.pk) if issubclass(model, ThemePage) else []
        return model.linked_resource_ids(page.pk) | {row.localeventpage_id for row in events}
    if issubclass(model, CollectionPage):
        return stored_member_ids(page.pk)
    return set()


def resources_with_licence(licence_id: str) -> set[int]:
    return set(ResourcePage.objects.filter(licence_id=licence_id).values_list("pk", flat=True))
