"""From a past event to its write-up: a draft EventReportPage with the event's facts, linked both ways."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator

from events.models import LocalEventPage
from resources.models import EventReportPage, ResourceType


class WriteUpError(Exception):
    """Why the write-up cannot be started (in French, for the organiser)."""


def write_up_parent(event: LocalEventPage):
    """Where write-ups go: the base the event's calendar belongs to (« NEC locaux »)."""
    calendar = event.get_parent()
    return calendar.get_parent().specific


def summary_of(event: LocalEventPage) -> str:
    text = " ".join(strip_tags(event.description or "").split())
    if not text:
        text = f"Le compte rendu de {event.title}, organisé par {event.organiser_structure}."
    return Truncator(text).chars(590)


def _copy_territory(event: LocalEventPage, report: EventReportPage) -> None:
    """The event's territory on the write-up: the register's entry, or its label where the
    write-up still holds free text."""
    if not event.territory_id:
        return
    if EventReportPage._meta.get_field("territory").is_relation:
        report.territory_id = event.territory_id
    else:
        report.territory = event.territory.label
        if event.territory.kind == "commune":
            report.city = event.territory.name


def start_write_up(event: LocalEventPage, user, today: date | None = None) -> EventReportPage:
    """A draft write-up owned by ``user``, pre-filled from the event, and the event pointing at it."""
    if not event.is_past(today):
        raise WriteUpError(
            f"« {event.title} » n'a pas encore eu lieu : le compte rendu se rédige après l'événement "
            f"(à partir du {event.last_day:%d/%m/%Y})."
        )
    parent = write_up_parent(event)
    if not parent.permissions_for_user(user).can_add_subpage():
        raise WriteUpError("Vous ne pouvez pas ajouter de compte rendu dans cette base.")
    with transaction.atomic():
        event = LocalEventPage.objects.select_for_update().get(pk=event.pk)
        if event.report_id:
            return event.report
        report = EventReportPage(
            title=f"{event.title} — compte rendu",
            slug=f"{event.slug}-compte-rendu"[:255],
            summary=summary_of(event),
            resource_type=ResourceType.EVENT_REPORT,
            event_name=event.title,
            start_date=event.start_date,
            end_date=event.end_date,
            venue=", ".join(part for part in (event.venue, event.address) if part)[:200],
            attribution=event.organiser_structure,
            owner=user,
            live=False,
        )
        _copy_territory(event, report)
        report.themes = list(event.themes.all())  # parental: committed by add_child's save
        parent.add_child(instance=report)
        report.save_revision(user=user, log_action=True)
        # Only the link: the event's live version and its drafts are left as they are.
        LocalEventPage.objects.filter(pk=event.pk).update(report=report)
    return report
