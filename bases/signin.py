"""Sign-in throttling (django-axes): the limits, the French refusal, the password-reset form.

django-axes counts wrong passwords per username and client address
(``AXES_LOCKOUT_PARAMETERS``); past the limit that pair is refused, even with the
right password, until ``AXES_COOLOFF_TIME`` has passed or ``manage.py axes_reset``
is run. The password-reset form sends mail to whoever is named, so its requests
are counted the same way under a username of their own (``password-reset:<email>``)
with a smaller limit.
"""

from __future__ import annotations

from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from wagtail.admin.views.account import PasswordResetView

RESET_PREFIX = "password-reset:"


class SigninThrottleBackend(AxesStandaloneBackend):
    """django-axes' gate, for sign-ins through HTTP only.

    The admin's sign-in and password forms pass their request; an ``authenticate()``
    without one (the test client's ``login()``, a shell) has no client to count, so
    it is left to the next backend instead of failing. The API takes tokens, never
    passwords.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def failure_limit(request: HttpRequest, credentials: dict | None) -> int:
    """AXES_FAILURE_LIMIT: the sign-in limit, or the password-reset form's."""
    if _is_reset(credentials):
        return settings.SIGNIN_PASSWORD_RESET_LIMIT
    return settings.SIGNIN_FAILURE_LIMIT


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a 429 page that says, in French, why and until when."""
    cool_off = get_cool_off(request) or timedelta(0)
    until = time_format(timezone.localtime(timezone.now() + cool_off), "H:i")
    if _is_reset(credentials):
        title = "Trop de demandes de réinitialisation"
        message = (
            "Trop de demandes de réinitialisation du mot de passe ont été faites pour cette adresse. "
            f"Par sécurité, aucune autre n'est acceptée avant {until}."
        )
    else:
        title = "Connexion bloquée"
        message = (
            f"Trop de mots de passe erronés ({settings.SIGNIN_FAILURE_LIMIT}) pour cet identifiant depuis "
            f"cette adresse. Par sécurité, la connexion est bloquée jusqu'à {until}, même avec le bon mot "
            "de passe. Un administrateur peut lever le blocage plus tôt."
        )
    # Rendered now: the middlewares above axes' read the content.
    response = render(request, "bases/signin_locked.html", {"title": title, "message": message}, status=429)
    response["Retry-After"] = str(max(int(cool_off.total_seconds()), 1))
    return response


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password-reset form, refused past SIGNIN_PASSWORD_RESET_LIMIT requests per address and client."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        email = (request.POST.get("email") or "").strip().lower()
        credentials = {"username": f"{RESET_PREFIX}{email}"}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, None, credentials)
        # Every request counts, sent or not: the form never says whether the address exists.
        AxesProxyHandler.user_login_failed(sender=type(self), credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None, credentials)
        return super().post(request, *args, **kwargs)


def _is_reset(credentials: dict | None) -> bool:
    return str((credentials or {}).get("username", "")).startswith(RESET_PREFIX)
