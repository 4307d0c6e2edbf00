"""A licence refusal met while an admin action publishes (a workflow approval has no
form to show it on) becomes an error message on the page's edit screen, not a 500."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse


class LicenceRefusalMiddleware:
    """Turns a ``licence`` ValidationError raised by an admin workflow action into a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ValidationError) or not hasattr(exception, "error_dict"):
            return None
        if "licence" not in exception.error_dict:
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.view_name != "wagtailadmin_pages:workflow_action":
            return None
        page_id = match.kwargs["page_id"]
        messages.error(request, "Publication refusée : " + " ".join(exception.message_dict["licence"]))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page_id]))
