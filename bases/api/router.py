"""The bases router: GET /api/v3/bases/, the contribution spaces with their resource counts."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Page

from bases.models import BasePage
from core.api.auth import public_router
from core.api.schemas import CountedPageSchema
from core.links import counted_page
from core.visibility import visible
from resources.models import ResourcePage

router = public_router("bases")


class BaseSchema(CountedPageSchema):
    pass


@router.get(
    "/",
    response=list[BaseSchema],
    url_name="bases_list",
    summary="Bases (contribution spaces)",
    operation_id="bases_list",
)
def list_bases(request: HttpRequest) -> list[dict]:
    """The contribution spaces, in the tree's order, each with its number of published resources."""
    counts = dict(
        visible(ResourcePage.objects.all())
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .order_by()
        .values("parent_path")
        .annotate(n=Count("pk"))
        .values_list("parent_path", "n")
    )
    bases = visible(BasePage.objects.order_by("path"))
    return [counted_page(base, counts.get(base.path, 0), request) for base in bases]
