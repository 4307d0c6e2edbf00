"""The admin report « Audit des licences » (Wagtail's ReportView: list, CSV and XLSX export)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from licensing.audit import audit


class LicenceAuditView(ReportView):
    page_title = "Audit des licences"
    header_icon = "license"
    index_url_name = "licence_audit"
    index_results_url_name = "licence_audit_results"
    paginate_by = 100
    columns = [
        Column("kind_label", label="Élément"),
        Column("item_id", label="Identifiant"),
        Column("title", label="Titre"),
        Column("problem", label="Problème"),
    ]
    list_export = ["kind_label", "item_id", "title", "problem"]
    export_headings = {"kind_label": "Élément", "item_id": "Identifiant", "title": "Titre", "problem": "Problème"}
    def dispatch(self, request, *args, **kwargs):
        # Editors keep the licence register: the same permission opens its audit.
        if not request.user.has_perm("licensing.change_licence"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return audit()

    def get_filename(self) -> str:
        return f"audit-licences-{datetime.date.today():%Y-%m-%d}"
