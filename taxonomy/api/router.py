"""The taxonomy router: GET /api/v3/themes/ and /api/v3/principles/, with resource counts."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest

from core.api.auth import public_router
from core.links import counted_page
from core.visibility import visible, visible_ids
from taxonomy.api.schemas import PrincipleSchema, ThemeSchema
from taxonomy.models import PrinciplePage, ThemePage

router = public_router("taxonomy")


def with_resource_counts(queryset):
    """Visible terms, each with the number of visible resources linked to it (one query).

    The resources are whatever pages point at the term (its reverse relation
    ``resources``): the taxonomy sits below the resource models and does not name them.
    """
    resource_model = queryset.model._meta.get_field("resources").related_model
    counted = Count("resources", filter=Q(resources__in=visible_ids(resource_model)), distinct=True)
    return visible(queryset).annotate(resource_count=counted)


@router.get(
    "/themes/",
    response=list[ThemeSchema],
    url_name="themes_list",
    summary="Themes",
    operation_id="themes_list",
)
def list_themes(request: HttpRequest) -> list[dict]:
    """The NEC themes, each with its number of published resources."""
    themes = with_resource_counts(ThemePage.objects.order_by("path"))
    return [
        {**counted_page(theme, theme.resource_count, request), "guiding_questions": [block.value for block in theme.guiding_questions]}
        for theme in themes
    ]


@router.get(
    "/principles/",
    response=list[PrincipleSchema],
    url_name="principles_list",
    summary="Principles",
    operation_id="principles_list",
)
def list_principles(request: HttpRequest) -> list[dict]:
    """The 7 principles in their order, each with its number of published resources."""
    principles = with_resource_counts(PrinciplePage.objects.order_by("number"))
    return [{**counted_page(principle, principle.resource_count, request), "number": principle.number} for principle in principles]
