"""The local NEC calendar under the « NEC locaux » base, events, and a valid application."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils.text import slugify

from events.models import LocalEventIndexPage, LocalEventPage
from events.rules import earliest_funded_date


def add_calendar(base) -> LocalEventIndexPage:
    calendar = LocalEventIndexPage(title="Calendrier des NEC locaux", slug="calendrier")
    base.add_child(instance=calendar)
    return calendar


def add_event(calendar, title: str, start: date, end: date | None = None, live: bool = True, **fields) -> LocalEventPage:
    """A published (or draft) event, through a revision as the admin makes them."""
    event = LocalEventPage(
        title=title, slug=slugify(title), start_date=start, end_date=end,
        organiser_structure=fields.pop("organiser_structure", "Ville hôte"), live=False, **fields,
    )
    calendar.add_child(instance=event)
    revision = event.save_revision()
    if live:
        revision.publish()
        event.refresh_from_db()
    return event


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def calendar(nec_locaux):
    return add_calendar(nec_locaux)


@pytest.fixture
def application_data(theme) -> dict:
    """A dossier the call accepts, asking for funding."""
    start = earliest_funded_date(date.today()) + timedelta(days=10)
    return {
        "structure_name": "Communauté de communes du Pays test",
        "structure_kind": "local_authority",
        "contact_first_name": "Camille",
        "contact_last_name": "Porteuse",
        "contact_email": "porteuse@example.org",
        "contact_phone": "",
        "event_name": "NEC Pays test 2027",
        "objective": "Relier les médiateurs numériques du territoire et ouvrir les données locales.",
        "themes": [str(theme.pk)],
        "territory_text": "Pays test",
        "target_audiences": "Élus, agents, médiateurs, associations.",
        "expected_attendance": "180",
        "co_organisers": "Association des médiateurs\nTiers-lieu du bourg",
        "local_authority_support": "Département test",
        "draft_formats": "Une plénière, quatre ateliers, un fishbowl.",
        "means": "Deux personnes à mi-temps, une salle de 200 places.",
        "venue": "Salle des fêtes",
        "planned_start_date": start.isoformat(),
        "planned_end_date": "",
        "budget_total": "10000",
        "budget_details": "Lieu 3 000 €, communication 2 000 €, programmation 5 000 €.",
        "requests_funding": "on",
        "requested_subsidy": "5000",
        "charter_commitment": "on",
    }
