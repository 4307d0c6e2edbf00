"""The applications in the admin: a listing by status, and the review screen of each."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from events.admin.views import review_view
from events.models import LocalEventApplication


class ApplicationViewSet(ModelViewSet):
    """Applications come from the public form: editors only read and decide (no add, edit nor copy)."""

    model = LocalEventApplication
    icon = "calendar-alt"
    menu_label = "Candidatures NEC locaux"
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "nec-locaux/candidatures"
    name = "local_event_applications"
    copy_view_enabled = False
    list_display = [
        "event_name",
        "structure_name",
        DateColumn("planned_start_date", label="Date envisagée"),
        Column("status", label="Statut", accessor="get_status_display"),
        "requests_funding",
        DateColumn("submitted_at", label="Déposée le"),
    ]
    list_filter = ["status", "requests_funding"]
    search_fields = ["event_name", "structure_name", "contact_email", "territory_text"]
    ordering = ["-submitted_at"]
    form_fields = ["decision_message"]

    def get_index_view_kwargs(self, **kwargs):
        # No « add » button: applications come from the public form.
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    @property
    def edit_view(self):
        """The « edit » screen of an application is its review: the dossier and the decision."""
        return self._review

    @property
    def add_view(self):
        return self._no_add

    def _review(self, request, pk):
        return review_view(request, pk, self.get_url_name("index"), self.permission_policy)

    def _no_add(self, request):
        messages.info(request, "Les candidatures se déposent par le formulaire public « Candidater ».")
        return redirect(self.get_url_name("index"))
