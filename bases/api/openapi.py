"""Repairs to the OpenAPI document Wagtail's v3 API generates.

v3 marks its public reads with an ``AllowAnonymous`` auth class, which Ninja
describes as an HTTP security scheme without a ``scheme``: the document then
fails OpenAPI validation. In OpenAPI an optional authentication is an empty
security requirement, so ``{"AllowAnonymous": []}`` becomes ``{}`` and the
scheme is dropped.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from ninja import NinjaAPI

ANONYMOUS = "AllowAnonymous"


def repair_anonymous_security(schema: dict[str, Any]) -> dict[str, Any]:
    """Express "anonymous allowed" as an empty security requirement."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            security = operation.get("security") if isinstance(operation, dict) else None
            if security:
                operation["security"] = [{} if ANONYMOUS in requirement else requirement for requirement in security]
    schemes = schema.get("components", {}).get("securitySchemes", {})
    schemes.pop(ANONYMOUS, None)
    return schema


def install(api: NinjaAPI) -> None:
    """Make ``api`` serve the repaired document (at /openapi.json and in the docs)."""
    build = api.get_openapi_schema

    @wraps(build)
    def get_openapi_schema(*args, **kwargs):
        return repair_anonymous_security(build(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
