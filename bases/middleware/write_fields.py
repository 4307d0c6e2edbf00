"""Refuse page writes that carry fields the API cannot write, instead of dropping them.

Wagtail v3's write schemas ignore unknown keys (pydantic's default), so a client
sending ``cover_image`` (which the schema reads as ``cover_image_id``) got a 201
and a page without cover. This middleware compares the body's keys
with the page type's create or patch schema and answers a 422 problem naming
each field it cannot write and listing those it can.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from wagtail.api.v3.errors import problem_response
from wagtail.models import Page

PAGE_WRITE_PATH = re.compile(r"^/api/v3/pages/(?:(?P<page_id>\d+)/)?$")


class UnknownWriteFieldsMiddleware:
    """422 on POST/PATCH of /api/v3/pages/ when the body has keys the page type's write schema lacks."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = PAGE_WRITE_PATH.match(request.path_info)
        if match and request.method in {"POST", "PATCH"}:
            refusal = unknown_fields_problem(request, match["page_id"])
            if refusal is not None:
                return refusal
        return self.get_response(request)


def unknown_fields_problem(request: HttpRequest, page_id: str | None) -> HttpResponse | None:
    """The 422 for a write body naming fields its page type cannot take, or None (also for bodies v3 will judge)."""
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return None  # v3 answers malformed JSON itself
    if not isinstance(body, dict):
        return None
    schema = _write_schema(body, page_id)
    if schema is None:
        return None  # unknown type or page: v3's own errors
    # Pydantic reads a field under its alias only (``cover_image`` is sent as ``cover_image_id``).
    writable = {field.alias or name for name, field in schema.model_fields.items()}
    unknown = sorted(set(body) - writable)
    if not unknown:
        return None
    allowed = ", ".join(sorted(writable - {"meta"}))
    return problem_response(
        status=422,
        detail=f"Not writable through the API: {', '.join(unknown)}. Writable fields: {allowed}.",
        errors=[
            {"type": "unknown_field", "loc": ["body", "data", name], "msg": f"{name} cannot be written through the API"}
            for name in unknown
        ],
    )


def _write_schema(body: dict, page_id: str | None):
    # v3 builds its page schemas when its registry is first imported, which must
    # wait until every app has registered its field types (AppConfig.ready).
    from wagtail.api.v3.registry import registry

    meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
    type_name = meta.get("type")
    if page_id is not None and not type_name:
        page = Page.objects.filter(pk=int(page_id)).select_related("content_type").first()
        if page is None:
            return None
        type_name = f"{page.content_type.app_label}.{page.content_type.model_class().__name__}"
    registration = registry.get(type_name) if isinstance(type_name, str) else None
    if registration is None:
        return None
    return registration.patch_schema if page_id is not None else registration.create_schema
