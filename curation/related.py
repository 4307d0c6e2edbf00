"""Resources similar to a resource: the most themes, principles and collections shared.

Four queries whatever the number asked: the resource's themes, principles
and collections, then the ranked candidates (cards are built by resources.cards). It reads
collections, so it lives here, above the resources.
"""

from __future__ import annotations

from django.db.models import Count, F, Q

from core.visibility import visible
from curation.items import CollectionItem
from resources.models import ResourcePage


def related_ids(resource, limit: int) -> list[int]:
    """Ids of visible resources sharing a theme, principle or collection with ``resource``, most shared first."""
    theme_ids = list(resource.themes.values_list("pk", flat=True))
    principle_ids = list(resource.principles.values_list("pk", flat=True))
    collection_ids = list(CollectionItem.objects.filter(resource=resource).values_list("collection_id", flat=True))
    sharing = (
        Q(pk__in=ResourcePage.objects.filter(themes__in=theme_ids).values("pk"))
        | Q(pk__in=ResourcePage.objects.filter(principles__in=principle_ids).values("pk"))
        | Q(pk__in=CollectionItem.objects.filter(collection__in=collection_ids).values("resource_id"))
    )
    candidates = (
        visible(ResourcePage.objects.all())
        .filter(sharing)
        .exclude(pk=resource.pk)
        .annotate(
            shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            + Count("principles", filter=Q(principles__in=principle_ids), distinct=True)
            + Count("collection_items", filter=Q(collection_items__collection__in=collection_ids), distinct=True)
        )
        .order_by("-shared", F("first_published_at").desc(nulls_last=True), "-pk")
    )
    return list(candidates.values_list("pk", flat=True)[:limit])
