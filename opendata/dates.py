"""The dates the hub publishes about a resource, read in one place.

``resource_date`` is the resource's own date (when it was made or held): the
feeds' item date, DCAT's ``dct:issued``, Dublin Core's ``dc:date`` and
schema.org's ``dateCreated`` all read it. ``modified_at`` is the CMS's last
change the public can see (OAI-PMH datestamps, ``dct:modified``, sitemap).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def resource_date(page) -> date | datetime | None:
    """The resource's own date (``ResourcePage.date``); a resource published before dates
    were required may lack one: then its first publication."""
    own = page.date
    return own if own is not None else page.first_published_at


def modified_at(page) -> datetime | None:
    """When the public version last changed (its last publication)."""
    return page.last_published_at or page.latest_revision_created_at or page.first_published_at


def as_datetime(value: date | datetime | None) -> datetime | None:
    """An aware datetime for formats that need a time (a bare date is its midnight, local time)."""
    if value is None or isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time.min))


def iso_date(value: date | datetime | None) -> str:
    """``YYYY-MM-DD`` for a date, ISO 8601 for a datetime, empty for none."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime) else value.strftime("%Y-%m-%d")


def resource_date_text(page) -> str:
    """The resource's own date as ISO 8601, only as precise as it is known (« 2023-10 » for a month)."""
    value = resource_date(page)
    if isinstance(value, date) and not isinstance(value, datetime) and getattr(page, "date_precision", "") == "month":
        return value.strftime("%Y-%m")
    return iso_date(value)
