"""Problem responses in Wagtail v3's RFC 7807 format, for the hub's routers.

A bad parameter gets a 422 shaped like v3's own request validation errors,
with the parameter in ``errors[].loc``; each app turns its domain errors into
such responses with these helpers (search registers its handlers itself).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from wagtail.api.v3.errors import problem_response
from wagtail.utils.forms import FormValidationError

from core.stream_errors import BLOCK_PATH_START, LINE_SEPARATOR

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


def form_problem(exc: FormValidationError) -> HttpResponse:
    """The 422 for a page form refused by a write: one error per message, each named in ``detail``.

    A StreamField's error names its blocks (core/stream_errors.py): ``body[2] (image): image: …``.
    """
    errors, named = [], []
    for path, coded_messages in exc.loc_errors:
        field = ".".join(str(part) for part in path)
        for message, code in coded_messages:
            for line in str(message).split(LINE_SEPARATOR):
                text = f"{field}{line}" if line.startswith(BLOCK_PATH_START) else line
                errors.append({"type": code, "loc": list(path), "msg": text})
                named.append(text if line.startswith(BLOCK_PATH_START) else f"{field}: {line}")
    return problem_response(status=422, detail=f"Validation failed: {'; '.join(named)}", errors=errors)


def register_form_problem_handler(api: NinjaAPI) -> None:
    """Answer page-form refusals with ``form_problem`` (instead of v3's generic handler)."""

    @api.exception_handler(FormValidationError)
    def refused_form(request: HttpRequest, exc: FormValidationError) -> HttpResponse:
        return form_problem(exc)
