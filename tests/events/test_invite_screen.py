"""« Inviter un·e organisateur·rice » in the admin: the account, the group, the e-mailed link."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from bases.roles import ORGANISERS

pytestmark = pytest.mark.django_db

URL = reverse("bases_invite_organiser")


def test_an_editor_invites_an_organiser(client, editor):
    client.force_login(editor)
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()  # the menu item
    response = client.post(URL, {"email": "Nouvelle@Example.org", "first_name": "Alix"})
    assert response.status_code == 200
    user = get_user_model().objects.get(email="nouvelle@example.org")
    assert [g.name for g in user.groups.all()] == [ORGANISERS] and user.first_name == "Alix"
    [message] = mail.outbox
    assert message.to == ["nouvelle@example.org"] and "/admin/password_reset/confirm/" in message.body
    assert "Invitation envoyée à nouvelle@example.org" in response.content.decode()


@pytest.mark.parametrize(("email", "words"), [("pas-une-adresse", "Saisissez une adresse e-mail valide"), ("", "Indiquez l&#x27;adresse e-mail")])
def test_a_bad_address_is_named_and_nothing_is_created(client, editor, email, words):
    client.force_login(editor)
    response = client.post(URL, {"email": email})
    assert response.status_code == 400 and words in response.content.decode()
    assert not get_user_model().objects.filter(groups__name=ORGANISERS).exists() and mail.outbox == []


def test_an_administrator_account_is_not_invited(client, editor, admin_user):
    client.force_login(editor)
    response = client.post(URL, {"email": admin_user.email})
    assert response.status_code == 400 and "compte administrateur" in response.content.decode()
    assert mail.outbox == []


def test_organisers_cannot_invite(client, organiser):
    client.force_login(organiser)
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"email": "x@example.org"}).status_code in (302, 403)
    assert not get_user_model().objects.filter(email="x@example.org").exists()
