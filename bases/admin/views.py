"""« Inviter un·e organisateur·rice »: the account and its one-time sign-in link, sent by e-mail."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from bases.invitations import invite_organiser


class InviteForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail", error_messages={
        "invalid": "Saisissez une adresse e-mail valide.",
        "required": "Indiquez l'adresse e-mail de la personne à inviter.",
    })
    first_name = forms.CharField(label="Prénom", required=False, max_length=150)
    last_name = forms.CharField(label="Nom", required=False, max_length=150)


def may_invite(user) -> bool:
    """Editors (who decide on applications) and administrators who manage accounts."""
    return user.has_perm("auth.add_user") or user.has_perm("events.change_localeventapplication")


def invite_view(request: HttpRequest) -> HttpResponse:
    if not may_invite(request.user):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    invitation, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitation = invite_organiser(data["email"], data["first_name"], data["last_name"], send=True)
            except ValidationError as error:
                form.add_error("email", error.messages)
                status = 400
            else:
                form = InviteForm()
        else:
            status = 400
    return TemplateResponse(
        request, "bases/admin/invite.html", {"form": form, "invitation": invitation}, status=status
    )
