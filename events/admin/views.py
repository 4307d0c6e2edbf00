"""The review of one application, and starting an event's write-up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from events.admin.forms import DecisionForm
from events.models import ApplicationStatus, LocalEventApplication, LocalEventPage
from events.review import accept, decline
from events.writeup import WriteUpError, start_write_up


def review_view(request: HttpRequest, pk: int, index_url_name: str, permission_policy) -> HttpResponse:
    """The dossier, and (while undecided) the form to accept or decline it with a message."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    application = get_object_or_404(LocalEventApplication.objects.prefetch_related("themes"), pk=pk)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if application.status != ApplicationStatus.SUBMITTED:
            form.add_error(None, "Cette candidature a déjà reçu sa réponse.")
        elif form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    result = accept(application, request.user, form.cleaned_data["message"])
                    messages.success(
                        request,
                        f"Candidature acceptée : compte {'créé' if result.created else 'existant'} pour "
                        f"{result.user.get_username()}, événement « {result.event.title} » en brouillon, e-mail envoyé.",
                    )
                else:
                    decline(application, request.user, form.cleaned_data["message"])
                    messages.success(request, "Candidature refusée ; le porteur de projet en est informé par e-mail.")
                return redirect(index_url_name)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
        status = 400
    return TemplateResponse(
        request,
        "events/admin/review.html",
        {"application": application, "form": form, "index_url": reverse(index_url_name)},
        status=status,
    )


def write_up_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """GET: what starting the write-up will do. POST: the draft write-up, then its editor."""
    event = get_object_or_404(LocalEventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if event.report_id:
        return redirect("wagtailadmin_pages:edit", event.report_id)
    error = ""
    if request.method == "POST":
        try:
            report = start_write_up(event, request.user)
        except WriteUpError as exc:
            error = str(exc)
        else:
            messages.success(request, "Le compte rendu est créé en brouillon avec les informations de l'événement.")
            return redirect("wagtailadmin_pages:edit", report.pk)
    return TemplateResponse(
        request, "events/admin/start_write_up.html", {"event": event, "error": error}, status=400 if error else 200
    )
