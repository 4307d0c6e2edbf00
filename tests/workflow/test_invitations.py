"""Inviting an organiser: an account in the group and a working sign-in link."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from bases.roles import ORGANISERS

pytestmark = pytest.mark.django_db


def test_invite_creates_the_account_in_the_group_and_prints_a_link(nec_locaux, client, capsys):
    call_command("invite_organiser", "Organisatrice@Example.org", "--send")

    out = capsys.readouterr().out
    user = get_user_model().objects.get(email="organisatrice@example.org")
    assert [group.name for group in user.groups.all()] == [ORGANISERS]
    assert not user.has_usable_password()
    [link] = [line.split(" : ", 1)[1] for line in out.splitlines() if line.startswith("Lien de connexion")]
    assert link.startswith("http://testserver/admin/password_reset/confirm/")
    [message] = mail.outbox
    assert link in message.body and message.to == ["organisatrice@example.org"]

    # The link opens the "choose a password" form, which signs the organiser in.
    response = client.get(link.removeprefix("http://testserver"), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Un mot de passe solide 42", "new_password2": "Un mot de passe solide 42"})
    assert response.status_code == 302
    assert client.login(username="organisatrice@example.org", password="Un mot de passe solide 42")
    assert client.get("/admin/").status_code == 200


def test_inviting_twice_keeps_one_account(nec_locaux):
    call_command("invite_organiser", "orga@example.org")
    call_command("invite_organiser", "orga@example.org")
    assert get_user_model().objects.filter(email="orga@example.org").count() == 1


def test_a_bad_address_is_refused_clearly(db):
    with pytest.raises(CommandError, match="n'est pas une adresse e-mail valide"):
        call_command("invite_organiser", "pas-une-adresse")
    assert not get_user_model().objects.exists()


def test_setup_roles_says_when_the_base_is_missing(db, capsys):
    call_command("setup_roles")
    assert "n'existe pas encore" in capsys.readouterr().out
