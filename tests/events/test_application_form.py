"""The public application: the dossier, the call's rules on their fields, spam, the applicant told."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from events.models import ApplicationStatus, LocalEventApplication
from events.rules import earliest_funded_date

pytestmark = pytest.mark.django_db

URL = reverse("events:apply")


def _post(client, data, **extra):
    return client.post(URL, data, **extra)


def _field_errors(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


def test_the_form_is_a_dsfr_form_with_the_whole_dossier(client, theme):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("structure_name", "structure_kind", "contact_email", "objective", "themes", "territory_text",
                 "target_audiences", "expected_attendance", "co_organisers", "draft_formats", "means",
                 "budget_total", "requested_subsidy", "planned_start_date", "local_authority_support",
                 "charter_commitment"):
        assert f'name="{name}"' in html, name
    assert 'fr-input' in html and 'Données &amp; territoires' in html
    assert 'class="lb-honeypot" aria-hidden="true"' in html


def test_a_valid_application_is_stored_as_submitted_and_acknowledged(client, application_data, theme):
    response = _post(client, application_data)
    assert response.status_code == 302 and response["Location"] == reverse("events:applied")
    application = LocalEventApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert list(application.themes.all()) == [theme]
    assert application.requested_subsidy == 5000 and application.expected_attendance == 180
    [message] = mail.outbox
    assert message.to == ["porteuse@example.org"] and "bien été reçue" in message.subject
    assert "NEC Pays test 2027" in message.body
    assert "candidature est envoyée" in client.get(reverse("events:applied")).content.decode()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"planned_start_date": (date.today() + timedelta(days=60)).isoformat()}, "planned_start_date", "au moins 4 mois"),
        ({"requested_subsidy": "8001"}, "requested_subsidy", "80 %"),
        ({"expected_attendance": "149"}, "expected_attendance", "au moins 150 personnes"),
        ({"local_authority_support": ""}, "local_authority_support", "soutien d'au moins une collectivité"),
        ({"charter_commitment": ""}, "charter_commitment", "charte NEC est obligatoire"),
        ({"themes": []}, "themes", "au moins une thématique"),
        ({"contact_email": "pas-une-adresse"}, "contact_email", "adresse de courriel valide"),
        ({"planned_start_date": (date.today() - timedelta(days=1)).isoformat(), "requests_funding": "",
          "requested_subsidy": ""}, "planned_start_date", "doit être à venir"),
        ({"objective": "<script>alert(1)</script>"}, "objective", "HTML"),
    ],
)
def test_each_refusal_names_its_field_and_saves_nothing(client, application_data, change, field, words):
    response = _post(client, {**application_data, **change})
    assert response.status_code == 400
    errors = _field_errors(response, field)
    assert any(words in error for error in errors), response.context["form"].errors
    assert "La candidature n'est pas envoyée" in response.content.decode()
    assert not LocalEventApplication.objects.exists()
    assert mail.outbox == []


def test_without_funding_the_funding_rules_do_not_apply(client, application_data):
    near = (date.today() + timedelta(days=30)).isoformat()
    data = {**application_data, "requests_funding": "", "requested_subsidy": "", "expected_attendance": "40",
            "local_authority_support": "", "planned_start_date": near}
    assert _post(client, data).status_code == 302
    assert LocalEventApplication.objects.get().requests_funding is False


def test_the_first_funded_day_is_accepted(client, application_data):
    data = {**application_data, "planned_start_date": earliest_funded_date(date.today()).isoformat()}
    assert _post(client, data).status_code == 302


def test_the_honeypot_refuses_robots_and_saves_nothing(client, application_data):
    response = _post(client, {**application_data, "site_web_de_confirmation": "http://spam.example"})
    assert response.status_code == 400
    assert _field_errors(response, "site_web_de_confirmation")
    assert not LocalEventApplication.objects.exists() and mail.outbox == []


@override_settings(LOCAL_NEC_APPLICATION_RATE_LIMIT=2)
def test_a_client_is_rate_limited_and_another_is_not(client, application_data):
    for _ in range(2):
        assert _post(client, {**application_data, "budget_total": ""}).status_code == 400
    response = _post(client, application_data)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert not LocalEventApplication.objects.exists()
    assert _post(client, application_data, REMOTE_ADDR="192.0.2.7").status_code == 302
    assert LocalEventApplication.objects.count() == 1


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
