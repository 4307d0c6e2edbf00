"""Computed fields of a local NEC event in the pages API."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from core.api.fields import computed, page_links
from core.api.schemas import PageRefSchema
from events.api.schemas import EventTerritorySchema


def territory(page) -> EventTerritorySchema | None:
    """Where the event takes place, from the territory register."""
    if not page.territory_id:
        return None
    place = page.territory
    return EventTerritorySchema(key=place.key, name=place.name, kind=place.kind)


def report(page) -> PageRefSchema | None:
    """The event's write-up, once published (a draft write-up is never named)."""
    if not page.report_id:
        return None
    links = page_links(Page.objects.filter(pk=page.report_id))
    return links[0] if links else None


def ics_url(page) -> str:
    """The event as an iCalendar file."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("events:event_ics", args=(page.pk,))


EVENT_FIELDS = [computed("territory", territory), computed("report", report), computed("ics_url", ics_url)]
