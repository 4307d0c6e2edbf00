"""The organiser's path from the start, in a real browser: a visitor applies (a too-late date is
refused first), an editor accepts, the organiser signs in through the e-mailed link and completes
the event, the editor publishes it; after the event the organiser writes the report from it,
uploading a photo with its licence inside the write-up's gallery; the editor approves; the report
shows on the event page, in the search and in the API."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import quote
from datetime import date, timedelta

import pytest
from django.core import mail

from bases.roles import ensure_roles
from events.models import ApplicationStatus, LocalEventApplication, LocalEventIndexPage, LocalEventPage
from resources.models import EventReportPage
from tests import factories
from tests.browser.test_organiser_path import _click_action, _get_json
from tests.helpers import restore_migrated_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVENT = "NEC Vallée de la Drôme 2026"
PASSWORD = "Un mot de passe solide 42"


@pytest.fixture
def hub(live_server):
    restore_migrated_data()
    factories.home_page()
    theme = factories.default_theme()
    base = factories.nec_locaux_base()
    calendar = LocalEventIndexPage(title="Calendrier des NEC locaux", slug="calendrier")
    base.add_child(instance=calendar)
    assert ensure_roles()
    editor = factories.editor("editrice@example.org")
    return {"theme": theme, "base": base, "calendar": calendar, "editor": editor}


def _sign_in(page, live_server, username: str, password: str = factories.PASSWORD) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    return context, page


def _fill_application(page, hub, start: date) -> None:
    page.fill("#id_structure_name", "Communauté de communes de la vallée")
    page.select_option("#id_structure_kind", "local_authority")
    page.fill("#id_contact_first_name", "Camille")
    page.fill("#id_contact_last_name", "Porteuse")
    page.fill("#id_contact_email", "porteuse@example.org")
    page.fill("#id_event_name", EVENT)
    page.fill("#id_objective", "Relier médiateurs, élus et associations de la vallée.")
    page.click("label[for=id_themes_0]")  # DSFR checkboxes: the label takes the click
    page.fill("#id_territory_text", "Vallée de la Drôme")
    page.fill("#id_target_audiences", "Médiateurs, élus, associations.")
    page.fill("#id_expected_attendance", "180")
    page.fill("#id_local_authority_support", "Département de la Drôme")
    page.fill("#id_draft_formats", "Une plénière, quatre ateliers.")
    page.fill("#id_means", "Une salle de 200 places, deux personnes.")
    page.fill("#id_planned_start_date", start.isoformat())
    page.fill("#id_budget_total", "10000")
    page.fill("#id_budget_details", "Lieu, communication, programmation.")
    page.click("label[for=id_requests_funding]")
    page.fill("#id_requested_subsidy", "5000")
    page.click("label[for=id_charter_commitment]")


def test_from_the_application_to_the_published_write_up(browser, live_server, hub, artifacts):
    # 1. A visitor applies: too late to ask for funding, then a date four months away.
    context, page = _new_page(browser)
    page.goto(f"{live_server.url}/candidature-nec-local/")
    _fill_application(page, hub, date.today() + timedelta(days=30))
    with page.expect_navigation():
        page.click("#envoyer-candidature")
    error = page.locator("#champ-planned_start_date").inner_text()
    assert "au moins 4 mois avant l'événement" in error, error
    assert not LocalEventApplication.objects.exists()
    page.screenshot(path=str(artifacts / "application-refused-date.png"), full_page=True)
    page.fill("#id_planned_start_date", (date.today() + timedelta(days=130)).isoformat())
    with page.expect_navigation():
        page.click("#envoyer-candidature")
    assert "Votre candidature est envoyée" in page.inner_text("#candidature-recue")
    application = LocalEventApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    context.close()

    # 2. The editor accepts it from the review screen.
    context, page = _new_page(browser)
    _sign_in(page, live_server, "editrice@example.org")
    page.goto(f"{live_server.url}/admin/nec-locaux/candidatures/")
    page.click(f"a:has-text('{EVENT}')")
    page.check("input[name=decision][value=accept]")
    page.fill("textarea[name=message]", "Bienvenue !")
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED, page.content()[:2000]
    event = application.event
    context.close()

    # 3. The organiser signs in through the one-time link and completes the event.
    [accepted] = [m for m in mail.outbox if "accepté" in m.subject]
    link = re.search(r"http://\S+/admin/password_reset/confirm/\S+", accepted.body).group(0)
    context, page = _new_page(browser)
    page.goto(live_server.url + link.removeprefix("http://testserver"))
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    _sign_in(page, live_server, "porteuse@example.org", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{event.pk}/edit/")
    page.fill("#id_address", "Place de la mairie, Die")
    page.fill("#id_registration_url", "https://inscriptions.example.org/nec-drome")
    _click_action(page, "button[name=action-submit]")
    event.refresh_from_db()
    assert event.workflow_in_progress, page.content()[:2000]
    context.close()

    context, page = _new_page(browser)
    _sign_in(page, live_server, "editrice@example.org")
    page.goto(f"{live_server.url}/admin/pages/{event.pk}/edit/")
    _click_action(page, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    event.refresh_from_db()
    assert event.live and event.address == "Place de la mairie, Die"
    ics = _get_text(f"{live_server.url}/nec-locaux.ics")
    assert EVENT in ics
    context.close()

    # 4. Time passes: the event is over (its dates moved to last week).
    LocalEventPage.objects.filter(pk=event.pk).update(
        start_date=date.today() - timedelta(days=8), end_date=date.today() - timedelta(days=7)
    )

    # 5. The organiser writes the report from the event, the photo uploaded inside its gallery.
    context, page = _new_page(browser)
    _sign_in(page, live_server, "porteuse@example.org", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{event.pk}/edit/")
    # (The editor's header button « Rédiger le compte rendu » is checked in tests/events/test_write_up.py.)
    page.goto(f"{live_server.url}/admin/nec-locaux/evenement/{event.pk}/compte-rendu/")
    with page.expect_navigation():
        page.click("#creer-compte-rendu")
    report = EventReportPage.objects.get()
    assert report.event_name == EVENT and list(report.themes.all()) == [hub["theme"]]
    page.get_by_role("tab", name=re.compile("Événement")).click()
    page.fill("#id_participants_count", "170")
    page.click("#id_formats-ADD")
    page.select_option("#id_formats-0-format", "workshop")
    page.fill("#id_formats-0-title", "Atelier données locales")
    page.fill("#id_formats-0-feedback", "Des jeux de données ouverts le jour même.")
    page.click("#id_photos-ADD")
    page.locator("#inline_child_photos-0 button", has_text=re.compile("Choisir", re.I)).first.click()
    modal = page.locator(".modal")
    modal.locator("#tab-label-upload").click()
    page.fill("#id_image-chooser-upload-title", "Atelier du matin")
    page.set_input_files("#id_image-chooser-upload-file", files=[{"name": "atelier.png", "mimeType": "image/png",
                                                                  "buffer": factories.png_bytes(width=64, height=48)}])
    page.select_option("#id_image-chooser-upload-licence", "cc-by-4.0")
    page.fill("#id_image-chooser-upload-attribution", "Communauté de communes de la vallée")
    modal.locator("form:has(#id_image-chooser-upload-file) button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('#id_photos-0-image').value !== ''")
    page.fill("#id_photos-0-caption", "L'atelier du matin")
    page.screenshot(path=str(artifacts / "write-up-from-event.png"), full_page=True)
    _click_action(page, "button[name=action-submit]")
    report.refresh_from_db()
    assert report.workflow_in_progress, page.content()[:2000]
    image = report.get_latest_revision_as_object().photos.first().image
    assert (image.licence_id, image.attribution) == ("cc-by-4.0", "Communauté de communes de la vallée")
    context.close()

    # 6. The editor approves; the report shows on the event page, in the search and the API.
    context, page = _new_page(browser)
    _sign_in(page, live_server, "editrice@example.org")
    page.goto(f"{live_server.url}/admin/pages/{report.pk}/edit/")
    _click_action(page, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    report.refresh_from_db()
    assert report.live
    page.goto(f"{live_server.url}{event.url}")
    assert report.title in page.inner_text("#section-compte-rendu")
    page.screenshot(path=str(artifacts / "event-with-write-up.png"), full_page=True)
    context.close()
    assert _get_json(f"{live_server.url}/api/v3/pages/{event.pk}/")["report"]["id"] == report.pk
    hits = _get_json(f"{live_server.url}/api/v3/search/?q={quote('Drôme')}")["results"]
    assert {hit["id"] for hit in hits} == {report.pk, event.pk}


def _get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test's own server
        return response.read().decode()
