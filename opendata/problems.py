"""Refusals of the open doors, in the API's problem format (RFC 7807)."""

from __future__ import annotations

from django.http import HttpResponse
from wagtail.api.v3.errors import problem_response


class BadParameter(ValueError):
    """A query parameter of an open door is invalid; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


def bad_request(error: BadParameter) -> HttpResponse:
    """A 400 problem naming the parameter, shaped like the API's parameter problems."""
    return problem_response(
        status=400,
        detail=f"{error.parameter}: {error}",
        errors=[{"type": "invalid_parameter", "loc": ["query", error.parameter], "msg": str(error)}],
    )
