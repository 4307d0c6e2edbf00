"""Invite a local organiser: an account in the organisers' group and a sign-in link."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from bases.roles import ORGANISERS, ensure_roles


@dataclass(frozen=True)
class Invitation:
    user: object
    created: bool
    link: str


def sign_in_link(user) -> str:
    """A one-time link where the user chooses a password (Wagtail's reset form)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def invite_organiser(email: str, first_name: str = "", last_name: str = "", send: bool = False) -> Invitation:
    """Create (or find) the organiser's account, put it in the group, return the link."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"« {email} » n'est pas une adresse e-mail valide.") from None
    ensure_roles()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    if user.is_superuser:
        raise ValidationError(f"« {email} » est un compte administrateur : il n'a pas besoin d'invitation.")
    user.groups.add(Group.objects.get(name=ORGANISERS))
    link = sign_in_link(user)
    if send:
        send_mail(
            "Votre accès à Les Bases (NEC locaux)",
            "Bonjour,\n\nVous pouvez documenter votre NEC local sur Les Bases. "
            f"Choisissez votre mot de passe ici (lien à usage unique) :\n{link}\n\n"
            f"Votre identifiant : {user.get_username()}\n",
            None,
            [email],
        )
    return Invitation(user=user, created=created, link=link)
