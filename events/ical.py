"""iCalendar (RFC 5545) of the local NEC calendar and of one event, built with icalendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from html import unescape

from django.conf import settings
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vText
from wagtail.rich_text import RichText

PRODID = "-//Les Bases//Calendrier des NEC locaux//FR"


def _absolute(url: str) -> str:
    return url if url.startswith("http") else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _uid(page) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("//", 1)[-1].split("/", 1)[0] or "lesbases"
    return f"nec-local-{page.pk}@{host}"


def _plain(html: str) -> str:
    # The description is rich text: the calendar carries its words only.
    return " ".join(unescape(strip_tags(RichText(html or "").__html__())).split())


def event_component(page) -> Event:
    """One VEVENT: all-day, from the first day to the day after the last (DTEND is exclusive)."""
    event = Event()
    event.add("uid", _uid(page))
    event.add("summary", page.title)
    event.add("dtstart", page.start_date)
    event.add("dtend", (page.end_date or page.start_date) + timedelta(days=1))
    stamp = page.last_published_at or page.first_published_at or datetime.now(timezone.utc)
    event.add("dtstamp", stamp)
    place = ", ".join(part for part in (page.venue, page.address) if part)
    if place:
        event.add("location", vText(place))
    url = page.url or ""
    if url:
        event.add("url", _absolute(url))
    lines = [f"Organisé par {page.organiser_structure}."] if page.organiser_structure else []
    if text := _plain(page.description):
        lines.append(text)
    if page.registration_url:
        lines.append(f"Inscription : {page.registration_url}")
    if lines:
        event.add("description", "\n\n".join(lines))
    return event


def calendar_of(pages: Iterable, name: str) -> bytes:
    """A VCALENDAR holding one VEVENT per page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for page in pages:
        calendar.add_component(event_component(page))
    return calendar.to_ical()
