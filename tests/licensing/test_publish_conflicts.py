"""Publishing over licence conflicts: refused with the works at fault and the licences
that would work, unless an editor acknowledges it — recorded on the revision."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from licensing.models import LicenceAcknowledgement
from resources.models import EventReportPage
from tests import factories
from tests.helpers import messages_for
from tests.workflow.forms import report_form_data


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("resources", "eventreportpage", parent.pk))


@pytest.fixture
def sa_photo(db):
    return factories.ImageFactory(title="Photo du fishbowl", licence_id="cc-by-sa-4.0", attribution="Studio Metz")


def test_the_admin_refuses_with_the_items_at_fault_and_the_licences_that_work(client, editor, nec_locaux, theme, sa_photo):
    client.force_login(editor)
    data = report_form_data(theme=theme, image=sa_photo, action="action-publish", licence="cc-by-4.0")
    response = client.post(add_url(nec_locaux), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["licence"]
    assert len(errors) == 1
    assert "Photo du fishbowl" in errors[0] and "(cc-by-sa-4.0)" in errors[0]
    assert "partage dans les mêmes conditions" in errors[0]
    assert "Licences qui conviendraient : cc-by-sa-4.0" in errors[0]
    assert not EventReportPage.objects.exists()


def test_a_draft_may_wait(client, editor, nec_locaux, theme, sa_photo):
    client.force_login(editor)
    data = report_form_data(theme=theme, image=sa_photo, action="action-save", licence="etalab-2.0")
    del data["action-save"]
    response = client.post(add_url(nec_locaux), data)
    assert response.status_code == 302
    report = EventReportPage.objects.get()
    assert not report.live and report.licence_id == "etalab-2.0"


def test_acknowledging_publishes_and_is_recorded_on_the_revision(client, editor, nec_locaux, theme, sa_photo):
    client.force_login(editor)
    data = report_form_data(
        theme=theme, image=sa_photo, action="action-publish", licence="cc-by-4.0", licence_acknowledgement="on"
    )
    response = client.post(add_url(nec_locaux), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    report = EventReportPage.objects.get()
    assert report.live and report.licence_id == "cc-by-4.0"
    acknowledgement = LicenceAcknowledgement.objects.get()
    assert acknowledgement.revision_id == report.live_revision_id
    assert acknowledgement.user == editor and acknowledgement.licence == "cc-by-4.0"
    assert acknowledgement.conflicts == [
        {"kind": "image", "title": "Photo du fishbowl", "licence": "cc-by-sa-4.0", "reason": pytest.approx(acknowledgement.conflicts[0]["reason"])}
    ]
    # Later saves of the same live revision stay allowed...
    report.save()
    # ...but a work changing licence since is a new conflict, which needs a new acknowledgement.
    doc = factories.DocumentFactory(title="Dossier partagé", licence_id="odbl-1.0")
    report.body = [("document", {"document": doc, "title": ""})]
    with pytest.raises(ValidationError) as raised:
        report.save()
    assert "Dossier partagé" in messages_for(raised.value, "licence")[0]


def test_programmatic_publishing_applies_the_same_rule(base_page, theme, sa_photo):
    from resources.models import EventPhoto

    photo = EventPhoto(image=sa_photo, caption="")
    with pytest.raises(ValidationError) as raised:
        factories.EventReportPageFactory(parent=base_page, themes=[theme], licence_id="etalab-2.0", photos=[photo])
    message = messages_for(raised.value, "licence")[0]
    assert "Photo du fishbowl" in message and "cc-by-sa-4.0" in message


def test_a_workflow_approval_publishes_the_acknowledged_revision(client, organiser, editor, nec_locaux, theme, sa_photo):
    client.force_login(organiser)
    data = report_form_data(theme=theme, image=sa_photo, licence="cc-by-4.0")  # submit, no tick
    response = client.post(add_url(nec_locaux), data)
    assert "licence" in response.context["form"].errors
    data = report_form_data(theme=theme, image=sa_photo, licence="cc-by-4.0", licence_acknowledgement="on")
    assert client.post(add_url(nec_locaux), data).status_code == 302
    report = EventReportPage.objects.get()
    client.force_login(editor)
    task_state = report.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.live
    assert LicenceAcknowledgement.objects.get().revision_id == report.live_revision_id


def test_bulk_publish_refuses_pages_with_unacknowledged_conflicts(admin_client, base_page, theme, sa_photo):
    draft = factories.ResourcePageFactory(parent=base_page, themes=[theme], licence_id="cc-by-4.0", live=False)
    draft.cover_image = sa_photo
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = admin_client.post(f"{url}?id={draft.pk}&next=/admin/", {}, follow=True)
    draft.refresh_from_db()
    assert not draft.live
    text = response.content.decode()
    assert draft.title in text and "Photo du fishbowl" in text


def test_an_approval_meeting_a_new_conflict_is_refused_with_a_message(client, organiser, editor, nec_locaux, theme):
    photo = factories.ImageFactory(title="Photo relicenciée", licence_id="cc-by-4.0")
    client.force_login(organiser)
    assert client.post(add_url(nec_locaux), report_form_data(theme=theme, image=photo, licence="cc-by-4.0")).status_code == 302
    photo.licence_id = "cc-by-sa-4.0"  # relicensed while the write-up waits for review
    photo.save()
    report = EventReportPage.objects.get()
    client.force_login(editor)
    task_state = report.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[report.pk])
    assert "Photo relicenciée" in response.content.decode()
    report.refresh_from_db()
    assert not report.live
    assert report.workflow_in_progress  # still waiting for review: nothing half-done
    assert report.current_workflow_task_state.status == "in_progress"
