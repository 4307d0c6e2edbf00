"""Problem responses in Wagtail v3's RFC 7807 format, for the hub's routers.

A bad parameter gets a 422 shaped like v3's own request validation errors,
with the parameter in ``errors[].loc``; each app turns its domain errors into
such responses with these helpers (search registers its handlers itself).
"""

from __future__ import annotations

from django.http import HttpResponse
from wagtail.api.v3.errors import problem_response

def parameter_problem(parameter: str, message: str, location: str = "query") -> HttpResponse:
    """A 422 naming the parameter, shaped like v3's request validation errors."""
    return problem_response(
        status=422,
        detail=f"{parameter}: {message}",
        errors=[{"type": "invalid_parameter", "loc": [location, parameter], "msg": message}],
    )


def unavailable_problem(detail: str, retry_after: int = 30) -> HttpResponse:
    """A 503 telling the client when to try again."""
    response = problem_response(status=503, detail=detail)
    response["Retry-After"] = str(retry_after)
    return response
