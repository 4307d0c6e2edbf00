"""The editorial review: the listing by status, accept (account, link, draft event) or decline, e-mails."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from bases.roles import ORGANISERS
from events.forms import ApplicationForm
from events.models import ApplicationStatus, LocalEventApplication, LocalEventPage
from tests import factories

pytestmark = pytest.mark.django_db

INDEX = "local_event_applications:index"


@pytest.fixture
def application(application_data, calendar):
    form = ApplicationForm(application_data)
    assert form.is_valid(), form.errors
    return form.save()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _review_url(application) -> str:
    return reverse("local_event_applications:edit", args=(application.pk,))


def test_editors_list_applications_by_status(editor_client, application):
    declined = LocalEventApplication.objects.get(pk=application.pk)
    declined.pk, declined.event_name, declined.status = None, "NEC déjà refusé", ApplicationStatus.DECLINED
    declined.save()
    response = editor_client.get(reverse(INDEX), {"status": "submitted"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "NEC Pays test 2027" in html and "NEC déjà refusé" not in html
    assert reverse("local_event_applications:add") not in html  # applications come from the public form


def test_organisers_cannot_review(client, organiser, application):
    client.force_login(organiser)
    assert client.get(_review_url(application)).status_code in (302, 403)
    response = client.post(_review_url(application), {"decision": "accept"})
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and not LocalEventPage.objects.exists()


def test_accepting_creates_the_organiser_a_draft_event_they_own_and_tells_them(editor_client, editor, application, theme):
    mail.outbox.clear()
    response = editor_client.post(_review_url(application), {"decision": "accept", "message": "Bienvenue dans la communauté !"})
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    user = get_user_model().objects.get(email="porteuse@example.org")
    assert application.status == ApplicationStatus.ACCEPTED and application.decided_by == editor
    assert application.organiser == user and [g.name for g in user.groups.all()] == [ORGANISERS]
    event = application.event
    assert (event.title, event.live, event.owner, event.start_date) == (
        "NEC Pays test 2027", False, user, application.planned_start_date
    )
    assert event.organiser_structure == "Communauté de communes du Pays test"
    assert list(event.themes.all()) == [theme] and event.get_latest_revision().user == user
    [message] = mail.outbox
    assert message.to == ["porteuse@example.org"] and "accepté" in message.subject
    assert "Bienvenue dans la communauté" in message.body
    assert "/admin/password_reset/confirm/" in message.body and f"/admin/pages/{event.pk}/edit/" in message.body
    # The organiser may edit the event they own; the public does not see the draft.
    assert event.permissions_for_user(user).can_edit()
    assert not LocalEventPage.objects.live().exists()


def test_accepting_reuses_an_account_with_the_same_email(editor_client, application, nec_locaux):
    existing = factories.organiser("Porteuse@Example.org")
    assert editor_client.post(_review_url(application), {"decision": "accept"}).status_code == 302
    application.refresh_from_db()
    assert application.organiser == existing
    assert get_user_model().objects.filter(email__iexact="porteuse@example.org").count() == 1


def test_declining_needs_a_message_and_tells_the_applicant(editor_client, application):
    mail.outbox.clear()
    response = editor_client.post(_review_url(application), {"decision": "decline", "message": " "})
    assert response.status_code == 400
    assert "Expliquez au porteur de projet" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and mail.outbox == []

    response = editor_client.post(_review_url(application), {"decision": "decline", "message": "Le dossier arrive trop tard."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED and application.decision_message == "Le dossier arrive trop tard."
    [message] = mail.outbox
    assert "Le dossier arrive trop tard." in message.body and message.to == ["porteuse@example.org"]
    assert not get_user_model().objects.filter(email="porteuse@example.org").exists()


def test_a_decision_is_final(editor_client, application):
    editor_client.post(_review_url(application), {"decision": "decline", "message": "Non."})
    mail.outbox.clear()
    response = editor_client.post(_review_url(application), {"decision": "accept"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert not LocalEventPage.objects.exists() and mail.outbox == []


def test_accepting_without_a_calendar_says_so_and_creates_nothing(editor_client, application, calendar):
    calendar.delete()
    response = editor_client.post(_review_url(application), {"decision": "accept"})
    assert response.status_code == 400
    assert "Calendrier des NEC locaux" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not get_user_model().objects.filter(email="porteuse@example.org").exists()


def test_a_bad_decision_is_refused(editor_client, application):
    response = editor_client.post(_review_url(application), {"decision": "peut-être"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
