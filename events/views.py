"""The public doors of the organiser's path: the application form and the iCalendar feeds."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from events.forms import HONEYPOT_FIELD, ApplicationForm
from events.ical import calendar_of
from events.mail import tell_applicant
from events.models import published_events
from events.rules import FUNDING_NOTICE_MONTHS, MAX_SUBSIDY_SHARE, MIN_FUNDED_ATTENDANCE
from events.throttle import allow

APPLICATION_SCOPE = "local-nec-application"


def _rules_context() -> dict:
    return {
        "notice_months": FUNDING_NOTICE_MONTHS,
        "max_share": int(MAX_SUBSIDY_SHARE * 100),
        "min_attendance": MIN_FUNDED_ATTENDANCE,
        "honeypot": HONEYPOT_FIELD,
    }


def apply_view(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: the dossier checked, stored as « déposée », the applicant told."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    if request.method == "GET":
        return render(request, "events/apply.html", {"form": ApplicationForm(), **_rules_context()})
    if not allow(request, APPLICATION_SCOPE):
        return render(
            request, "events/apply.html",
            {"form": ApplicationForm(request.POST), "throttled": True, **_rules_context()}, status=429,
        )
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return render(request, "events/apply.html", {"form": form, **_rules_context()}, status=400)
    with transaction.atomic():
        application = form.save()
    tell_applicant(application, "received")
    return redirect("events:applied")


def applied_view(request: HttpRequest) -> HttpResponse:
    return render(request, "events/applied.html")


@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """Every published local NEC, upcoming and past, as one iCalendar feed."""
    events = published_events().order_by("start_date", "pk")
    return _ics(calendar_of(events, "NEC locaux — Numérique en Commun[s]"), "nec-locaux.ics")


@require_GET
def event_ics(request: HttpRequest, page_id: int) -> HttpResponse:
    """One published event as an iCalendar file (404 for a draft or a private event)."""
    event = published_events().filter(pk=page_id).first()
    if event is None:
        raise Http404("Aucun NEC local publié ne porte ce numéro.")
    return _ics(calendar_of([event], event.title), f"{event.slug}.ics")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

