"""The whole path in a real browser on a running server: an organiser signs in,
uploads a photo with its licence and credit, writes a report with one format and
one photo, is told what is missing, submits; an editor approves; the report is
then public through the API and search."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from django.apps import apps as django_apps

from bases.roles import ensure_roles
from resources.models import EventReportPage
from tests import factories
from tests.helpers import restore_migrated_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "NEC local de Villeurbanne 2024"


@pytest.fixture
def hub(live_server):
    restore_migrated_data()
    home = factories.home_page()
    theme = factories.default_theme()
    base = factories.nec_locaux_base()
    assert ensure_roles()
    organiser = factories.organiser("organisatrice@example.org")
    editor = factories.editor("editrice@example.org")
    return {"home": home, "theme": theme, "base": base, "organiser": organiser, "editor": editor}


def _sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def _click_action(page, selector: str) -> None:
    """Footer actions sit in a dropdown: click the button itself, as the menu would."""
    with page.expect_navigation():
        page.eval_on_selector(selector, "button => button.click()")


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test's own server
        return json.load(response)


def test_organiser_writes_submits_editor_approves_public_sees(browser, live_server, hub, artifacts):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server, "organisatrice@example.org")

    # 1. The photo, uploaded with its licence and credit in the same form.
    page.goto(f"{live_server.url}/admin/images/add/")
    page.fill("#id_title", "Accueil des participants")
    page.set_input_files("#id_file", files=[{"name": "accueil.png", "mimeType": "image/png",
                                             "buffer": factories.png_bytes(width=64, height=48)}])
    page.select_option("#id_licence", "cc-by-4.0")
    page.fill("#id_attribution", "Ville de Villeurbanne")
    with page.expect_navigation():
        page.click("form:has(#id_file) button[type=submit]")
    images = django_apps.get_model("licensing", "LicensedImage").objects.all()
    assert len(images) == 1, (page.url, page.locator(".error-message, .help-critical, .messages").all_inner_texts())
    [image] = images
    assert (image.licence_id, image.attribution) == ("cc-by-4.0", "Ville de Villeurbanne")

    # 2. A first draft: the editor lists what is still missing.
    page.goto(f"{live_server.url}/admin/pages/add/resources/eventreportpage/{hub['base'].pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Une journée pour relier médiateurs, associations et collectivités de la métropole.")
    page.get_by_role("tab", name=re.compile("Événement")).click()
    page.fill("#id_event_name", "NEC local de Villeurbanne")  # a draft needs the name and the date
    page.fill("#id_start_date", "2024-10-17")
    page.keyboard.press("Escape")  # close the date picker
    page.get_by_role("tab", name=re.compile("Classement")).click()
    page.fill("#id_attribution", "Ville de Villeurbanne")  # the credit, asked on every save
    _click_action(page, "button.action-save")
    assert EventReportPage.objects.filter(title=TITLE).exists(), (page.url, page.locator(
        ".error-message, .help-critical, .messages"
    ).all_inner_texts())
    report = EventReportPage.objects.get(title=TITLE)
    checklist = page.locator("[data-submission-checklist]")
    checklist.wait_for()
    assert "Formats : ajoutez au moins un retour" in checklist.inner_text()
    assert "Photos : ajoutez au moins une photo" in checklist.inner_text()
    page.screenshot(path=str(artifacts / "organiser-editor-missing.png"), full_page=True)

    # 3. Submitting too early is refused, with the same messages.
    _click_action(page, "button[name=action-submit]")
    assert "Formats : ajoutez au moins un retour" in page.content()
    report.refresh_from_db()
    assert not report.workflow_in_progress

    # 4. The event, one format, one photo, a theme; then submit for review.
    page.get_by_role("tab", name=re.compile("Événement")).click()
    page.fill("#id_city", "Villeurbanne")
    page.fill("#id_participants_count", "140")
    page.fill("#id_speakers_count", "12")
    page.fill("#id_speakers_women_count", "6")
    page.fill("#id_speakers_men_count", "6")
    page.select_option("#id_is_free_and_open", "true")
    page.click("#id_formats-ADD")
    page.select_option("#id_formats-0-format", "fishbowl")
    page.fill("#id_formats-0-title", "Fishbowl sur la médiation")
    page.fill("#id_formats-0-feedback", "Une parole qui a vraiment circulé entre élus et médiateurs.")
    page.click("#id_photos-ADD")
    page.locator("#inline_child_photos-0 button", has_text=re.compile("Choisir", re.I)).first.click()
    page.locator(".modal a", has_text="Accueil des participants").first.click()
    page.wait_for_function("() => document.querySelector('#id_photos-0-image').value !== ''")
    page.fill("#id_photos-0-caption", "L'accueil du matin")
    page.get_by_role("tab", name=re.compile("Classement")).click()
    page.select_option("#id_themes", label=hub["theme"].title)
    page.screenshot(path=str(artifacts / "organiser-editor-complete.png"), full_page=True)
    _click_action(page, "button[name=action-submit]")
    report.refresh_from_db()
    assert report.workflow_in_progress, page.content()[:2000]
    assert not report.live
    context.close()

    # 5. The editor reviews (charter figures visible) and approves.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server, "editrice@example.org")
    page.goto(f"{live_server.url}/admin/pages/{report.pk}/edit/")
    charter = page.locator("[data-charter-panel]")
    assert "6 femme(s), 6 homme(s)" in charter.inner_text()
    assert "Gratuit et ouvert à toutes et tous : oui" in charter.inner_text()
    page.screenshot(path=str(artifacts / "editor-review.png"), full_page=True)
    _click_action(page, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    report.refresh_from_db()
    assert report.live
    context.close()

    # 6. The public sees it through the API and search.
    detail = _get_json(f"{live_server.url}/api/v3/pages/{report.pk}/")
    assert detail["title"] == TITLE
    assert detail["speakers_women_count"] == 6 and detail["is_free_and_open"] is True
    results = _get_json(f"{live_server.url}/api/v3/search/?q=Villeurbanne")["results"]
    assert [hit["id"] for hit in results] == [report.pk]
