"""Admin views of curation: « Ajouter à une collection » and the collections overview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from curation.adding import CurationError, add_to_collection, editable_collections
from curation.admin.forms import AddToCollectionForm
from curation.admin.overview import collection_rows
from curation.models import CollectionPage
from resources.models import ResourcePage


def add_to_collection_view(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Choose a collection and a note; the resource joins the collection as its last chosen item."""
    resource = get_object_or_404(ResourcePage, pk=resource_id)
    collections = editable_collections(request.user)
    if not collections:
        raise PermissionDenied("Seule l'équipe éditoriale peut modifier les collections.")
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = AddToCollectionForm(request.POST or None, collections=collections)
    if request.method == "POST" and form.is_valid():
        try:
            collection, note = form.cleaned_data["collection"], form.cleaned_data["note"]
            result = add_to_collection(collection, [resource], request.user, note)
        except CurationError as exc:
            form.add_error("collection", str(exc))
        else:
            messages.success(request, result.message)
            return redirect(next_url or reverse("wagtailadmin_pages:edit", args=(resource.pk,)))
    return TemplateResponse(
        request,
        "curation/admin/add_to_collection.html",
        {
            "page_title": "Ajouter à une collection",
            "page_subtitle": resource.title,
            "header_icon": "folder-open-inverse",
            "form": form,
            "resource": resource,
            "next": next_url,
            "current": _current_collections(resource),
        },
        status=400 if request.method == "POST" else 200,
    )


def _current_collections(resource) -> list:
    return list(CollectionPage.objects.filter(items__resource=resource).order_by("title"))


def overview_view(request: HttpRequest) -> HttpResponse:
    """Every collection with its kind, public item count, last change and hidden items."""
    if not editable_collections(request.user):
        raise PermissionDenied("Seule l'équipe éditoriale peut consulter la vue d'ensemble des collections.")
    return TemplateResponse(
        request,
        "curation/admin/overview.html",
        {"page_title": "Collections", "page_subtitle": "Vue d'ensemble", "header_icon": "folder-open-inverse",
         "rows": collection_rows()},
    )
