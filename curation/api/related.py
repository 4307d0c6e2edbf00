"""The related-resources router: GET /api/v3/resources/{id}/related/.

It lives with the collections because "related" reads them: shared themes,
principles and collections rank the candidates (see ``curation.related``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Schema

from core.api.auth import public_router
from core.api.schemas import PageId
from core.visibility import visible
from curation.related import related_ids
from resources.api.schemas import ResourceCardSchema
from resources.cards import resource_cards, with_card_data
from resources.models import ResourcePage

MAX_RELATED = 20

router = public_router("resources")


class RelatedResponseSchema(Schema):
    id: int
    results: list[ResourceCardSchema]


@router.get(
    "/{resource_id}/related/",
    response=RelatedResponseSchema,
    url_name="resources_related",
    summary="Resources similar to a resource",
    operation_id="resources_related",
)
def related(
    request: HttpRequest,
    resource_id: PageId,
    limit: int = Query(6, ge=1, le=MAX_RELATED),
) -> dict:
    """Visible resources sharing the most themes, principles and collections with this one."""
    resource = visible(ResourcePage.objects.filter(pk=resource_id)).first()
    if resource is None:
        raise Http404(f"No visible resource with id {resource_id}.")
    ids = related_ids(resource, limit)
    cards = {card["id"]: card for card in resource_cards(with_card_data(ResourcePage.objects.filter(pk__in=ids)), request)}
    return {"id": resource.pk, "results": [cards[pk] for pk in ids if pk in cards]}
