"""From a past event to its write-up: pre-filled, linked both ways, shown once published."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from events.models import LocalEventPage
from events.writeup import WriteUpError, start_write_up
from resources.models import EventFormatFeedback, EventPhoto, EventReportPage
from tests import factories
from tests.events.conftest import add_event

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def past_event(calendar, organiser, theme):
    event = add_event(calendar, "NEC Pays test 2025", TODAY - timedelta(days=20), TODAY - timedelta(days=19),
                      venue="Halle", address="1 place du marché", organiser_structure="Ville test",
                      description="<p>Une journée de <b>rencontres</b>.</p>", themes=[theme])
    LocalEventPage.objects.filter(pk=event.pk).update(owner=organiser)
    event.refresh_from_db()
    return event


def test_the_write_up_starts_from_the_event_with_its_facts(past_event, organiser, theme, nec_locaux):
    report = start_write_up(past_event, organiser)
    assert isinstance(report, EventReportPage) and not report.live and report.owner == organiser
    assert report.get_parent().pk == nec_locaux.pk
    assert (report.event_name, report.start_date, report.end_date) == (
        "NEC Pays test 2025", past_event.start_date, past_event.end_date
    )
    assert report.venue == "Halle, 1 place du marché" and report.attribution == "Ville test"
    assert report.summary == "Une journée de rencontres."
    assert list(report.themes.all()) == [theme]
    past_event.refresh_from_db()
    assert past_event.report_id == report.pk and report.event == past_event
    # Starting again opens the same write-up.
    assert start_write_up(past_event, organiser).pk == report.pk
    assert EventReportPage.objects.count() == 1


def test_an_upcoming_event_has_no_write_up_yet(calendar, organiser):
    event = add_event(calendar, "NEC plus tard", TODAY + timedelta(days=3))
    with pytest.raises(WriteUpError, match="n'a pas encore eu lieu"):
        start_write_up(event, organiser)
    assert not EventReportPage.objects.exists()


def test_the_admin_button_and_view(client, past_event, organiser, other_organiser):
    client.force_login(organiser)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(past_event.pk,))).content.decode()
    url = reverse("events_write_up", args=(past_event.pk,))
    assert url in edit and "Rédiger le compte rendu" in edit
    response = client.post(url)
    report = EventReportPage.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=(report.pk,))
    assert client.get(reverse("wagtailadmin_pages:edit", args=(report.pk,))).status_code == 200
    # Someone who may not edit the event may not start its write-up.
    client.force_login(other_organiser)
    assert client.post(url).status_code in (302, 403)


def test_the_admin_view_refuses_an_upcoming_event_with_a_message(client, calendar, editor):
    event = add_event(calendar, "NEC plus tard", TODAY + timedelta(days=3))
    client.force_login(editor)
    response = client.post(reverse("events_write_up", args=(event.pk,)))
    assert response.status_code == 400 and "pas encore eu lieu" in response.content.decode()
    assert not EventReportPage.objects.exists()


def test_the_event_page_shows_the_write_up_once_published(client, past_event, organiser):
    report = start_write_up(past_event, organiser)
    assert "section-compte-rendu" not in client.get(past_event.url).content.decode()
    detail = client.get(f"/api/v3/pages/{past_event.pk}/").json()
    assert detail["report"] is None
    # What publishing a write-up needs: a format and a photo.
    report.formats = [EventFormatFeedback(format="workshop", title="Atelier", feedback="Très suivi.")]
    report.photos = [EventPhoto(image=factories.ImageFactory(), caption="L'accueil")]
    report.save_revision().publish()
    html = client.get(past_event.url).content.decode()
    assert "section-compte-rendu" in html and report.url in html
    detail = client.get(f"/api/v3/pages/{past_event.pk}/").json()
    assert detail["report"]["id"] == report.pk


def test_publishing_an_older_revision_keeps_the_link(past_event, organiser):
    older = past_event.get_latest_revision()
    report = start_write_up(past_event, organiser)
    older.publish()
    past_event.refresh_from_db()
    assert past_event.report_id == report.pk
