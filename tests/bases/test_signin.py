"""Sign-in throttling (bases/signin.py, django-axes): wrong passwords on the admin's
sign-in and requests to its password-reset form are counted per username (or
address) and client; past the limit they are refused with a French message, even
with the right password, until the cool-off has passed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bases.roles import ensure_roles
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
EMAIL = "editrice@example.org"


@pytest.fixture
def editor():
    ensure_roles()
    return factories.editor(EMAIL)


def sign_in(client, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": EMAIL, "password": password}, REMOTE_ADDR=address)


def test_the_limit_is_thirty(settings):
    assert settings.SIGNIN_FAILURE_LIMIT == 30


def test_after_thirty_wrong_passwords_the_right_one_is_refused_with_a_message(client, editor, settings):
    limit = settings.SIGNIN_FAILURE_LIMIT
    for attempt in range(1, limit):
        response = sign_in(client, "mauvais")
        assert response.status_code == 200, attempt  # the form again, with Wagtail's own error
        assert "_auth_user_id" not in client.session
    # The 30th wrong password locks the account out from this address…
    assert sign_in(client, "mauvais").status_code == 429
    # …and the 31st attempt is refused though the password is right.
    response = sign_in(client, factories.PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Connexion bloquée" in text
    assert "Trop de mots de passe erronés (30)" in text and "même avec le bon mot de passe" in text
    assert int(response["Retry-After"]) > 0
    assert response["Content-Security-Policy"]
    assert "_auth_user_id" not in client.session


def test_another_address_is_not_locked_out(client, editor, settings):
    settings.SIGNIN_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "mauvais")
    assert sign_in(client, factories.PASSWORD).status_code == 429
    response = sign_in(client, factories.PASSWORD, address="10.0.0.2")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(editor.pk)


def test_the_lockout_ends_after_the_cool_off(client, editor, settings):
    settings.SIGNIN_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "mauvais")
    assert sign_in(client, factories.PASSWORD).status_code == 429
    # An hour later (AXES_COOLOFF_TIME), the right password signs in again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1))
    response = sign_in(client, factories.PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(editor.pk)


def test_an_operator_lifts_lockouts_with_axes_reset(client, editor, settings):
    settings.SIGNIN_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "mauvais")
    assert sign_in(client, factories.PASSWORD).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, factories.PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, editor, settings):
    settings.SIGNIN_FAILURE_LIMIT = 3
    sign_in(client, "mauvais")
    sign_in(client, "mauvais")
    assert sign_in(client, factories.PASSWORD).status_code == 302
    client.logout()
    sign_in(client, "mauvais")
    sign_in(client, "mauvais")
    assert sign_in(client, factories.PASSWORD).status_code == 302


def test_the_password_reset_form_is_throttled_per_address(client, editor, settings):
    limit = settings.SIGNIN_PASSWORD_RESET_LIMIT
    for attempt in range(1, limit):
        response = client.post(RESET, {"email": EMAIL}, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 302, attempt  # « e-mail sent », as Wagtail says
    assert len(mail.outbox) == limit - 1
    response = client.post(RESET, {"email": EMAIL.upper()}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Trop de demandes de réinitialisation du mot de passe" in response.content.decode()
    assert len(mail.outbox) == limit - 1  # nothing more sent
    # Another address's requests are counted on their own; the sign-in is not affected.
    assert client.post(RESET, {"email": "autre@example.org"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert sign_in(client, factories.PASSWORD).status_code == 302
