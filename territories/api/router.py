"""The territories router: GET /api/v3/territories/?q= to find the key of a place."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Schema
from pydantic import Field

from core.api.auth import public_router
from core.api.problems import parameter_problem
from territories.api.schemas import TerritorySchema
from territories.models import Territory, TerritoryKind, fold

router = public_router("territories")

MAX_LIMIT = 50


class TerritoryParams(Schema):
    q: str = Field(description="Start of a name (accents and case aside) or of an INSEE code.", max_length=120)
    kind: TerritoryKind | None = Field(None, description="Only régions, départements or communes.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


def territory_data(territory: Territory) -> dict:
    return {
        "key": territory.key,
        "kind": territory.kind,
        "code": territory.code,
        "name": territory.name,
        "label": territory.label,
        "ancestors": territory.ancestor_keys(),
    }


@router.get(
    "/",
    response={200: list[TerritorySchema]},
    url_name="territories_list",
    summary="Territories",
    operation_id="territories_list",
)
def list_territories(request: HttpRequest, params: Query[TerritoryParams]):
    """Territories of the register matching ``q``: régions first, then départements, then communes."""
    if not fold(params.q):
        return parameter_problem("q", "type at least one letter or digit of a name or an INSEE code.")
    territories = Territory.objects.matching(params.q)
    if params.kind:
        territories = territories.filter(kind=params.kind)
    return [territory_data(territory) for territory in territories.broadest_first()[: params.limit]]
