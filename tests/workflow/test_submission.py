"""The guided write-up: what is missing is shown, and submission or publication
is refused until the write-up meets the organisers' guide minimum."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from bases.roles import EDITORS
from resources.models import EventReportPage
from resources.readiness import ATTENDANCE_OR_PLACE, FORMAT, PHOTO
from tests import factories
from tests.workflow.forms import report_form_data

pytestmark = pytest.mark.django_db


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("resources", "eventreportpage", parent.pk))


def test_a_draft_saves_with_nothing_but_its_title(client, organiser, nec_locaux):
    client.force_login(organiser)
    data = report_form_data(formats=[], action="action-save", participants_count="", city="")
    response = client.post(add_url(nec_locaux), data)
    assert response.status_code == 302
    report = EventReportPage.objects.get()
    assert report.owner == organiser and not report.live
    assert FORMAT.message in report.missing_for_submission()
    assert PHOTO.message in report.missing_for_submission()


def test_submission_is_refused_with_the_missing_items(client, organiser, nec_locaux, theme):
    client.force_login(organiser)
    data = report_form_data(theme=theme, formats=[], participants_count="", city="")
    response = client.post(add_url(nec_locaux), data)
    assert response.status_code == 200
    form = response.context["form"]
    messages = form.non_field_errors()
    assert FORMAT.message in messages and PHOTO.message in messages
    assert form.errors["participants_count"] == [ATTENDANCE_OR_PLACE.message]
    assert not EventReportPage.objects.exists()
    assert mail.outbox == []


def test_the_editor_lists_what_is_missing(client, organiser, nec_locaux, theme):
    report = factories.EventReportPageFactory(
        parent=nec_locaux, owner=organiser, live=False, themes=[theme], formats=[], photos=[]
    )
    client.force_login(organiser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk]))
    html = response.content.decode()
    assert "data-submission-checklist" in html
    assert "Formats : ajoutez au moins un retour" in html
    assert "Photos : ajoutez au moins une photo" in html
    assert "data-charter-panel" in html


def test_a_complete_submission_starts_the_review_and_mails_the_editors(client, organiser, editor, nec_locaux, theme):
    image = factories.ImageFactory(uploaded_by_user=organiser)
    client.force_login(organiser)
    response = client.post(add_url(nec_locaux), report_form_data(theme=theme, image=image))
    assert response.status_code == 302, response.context and response.context["form"].errors
    report = EventReportPage.objects.get()
    assert not report.live
    assert report.workflow_in_progress
    assert report.current_workflow_task.name == "Relecture éditoriale"
    assert editor.email in {address for message in mail.outbox for address in message.to}
    assert report.missing_for_submission() == []


def test_request_changes_then_approve(client, organiser, editor, nec_locaux, theme):
    image = factories.ImageFactory(uploaded_by_user=organiser)
    client.force_login(organiser)
    client.post(add_url(nec_locaux), report_form_data(theme=theme, image=image))
    report = EventReportPage.objects.get()
    task_state = report.current_workflow_task_state

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "reject", task_state.pk])
    response = client.post(url, {"comment": "Ajoutez la répartition des intervenant·es, merci."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.live
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Ajoutez la répartition des intervenant·es, merci."
    assert organiser.email in {address for message in mail.outbox for address in message.to}

    # The organiser resubmits; the editor approves: the write-up is published.
    client.force_login(organiser)
    data = report_form_data(theme=theme, image=image, action="action-restart-workflow", slug=report.slug)
    data.update({"photos-0-id": str(report.photos.get().pk), "formats-0-id": str(report.formats.get().pk)})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[report.pk]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    report.refresh_from_db()
    task_state = report.current_workflow_task_state
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.live and not report.has_unpublished_changes
    assert report.owner == organiser


def test_publishing_an_incomplete_write_up_is_refused_even_for_editors(nec_locaux, theme):
    report = factories.EventReportPageFactory(parent=nec_locaux, live=False, themes=[theme], photos=[])
    revision = report.save_revision()
    with pytest.raises(ValidationError) as excinfo:
        revision.publish()
    assert PHOTO.message in excinfo.value.messages
    report.refresh_from_db()
    assert not report.live


def test_the_editorial_group_is_the_approver(editor):
    assert editor.groups.get().name == EDITORS
