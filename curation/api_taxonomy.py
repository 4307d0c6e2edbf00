"""The taxonomy router: GET /api/v3/themes/ and /api/v3/principles/, with resource counts."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from bases.api_links import page_api_url
from bases.visibility import visible, visible_ids

router = Router(tags=["taxonomy"], auth=[BearerTokenAuth(), AllowAnonymous()])


class TermPageSchema(Schema):
    id: int
    title: str
    slug: str
    introduction: str
    resource_count: int
    url: str
    api_url: str


class ThemeSchema(TermPageSchema):
    guiding_questions: list[str]


class PrincipleSchema(TermPageSchema):
    number: int


def with_resource_counts(queryset):
    """Visible terms, each with the number of visible resources linked to it (one query)."""
    from resources.models import ResourcePage

    counted = Count("resources", filter=Q(resources__in=visible_ids(ResourcePage)), distinct=True)
    return visible(queryset).annotate(resource_count=counted)


def _term(page, request: HttpRequest) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "resource_count": page.resource_count,
        "url": page.get_full_url(request) or "",
        "api_url": page_api_url(page.pk, request),
    }


@router.get(
    "/themes/",
    response=list[ThemeSchema],
    url_name="themes_list",
    summary="Themes",
    operation_id="themes_list",
)
def list_themes(request: HttpRequest) -> list[dict]:
    """The NEC themes, each with its number of published resources."""
    from curation.models import ThemePage

    themes = with_resource_counts(ThemePage.objects.order_by("path"))
    return [
        {**_term(theme, request), "guiding_questions": [block.value for block in theme.guiding_questions]}
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
    from curation.models import PrinciplePage

    principles = with_resource_counts(PrinciplePage.objects.order_by("number"))
    return [{**_term(principle, request), "number": principle.number} for principle in principles]
