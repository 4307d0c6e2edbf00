"""The « Recherches des visiteurs » report, under Rapports in the admin."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from insights.report import search_report

# Who may read it: those who can act on it, by adding a synonym.
REPORT_PERMISSION = "hubsearch.add_searchsynonym"
SYNONYM_CREATE_URL_NAME = "hubsearch_searchsynonym_modeladmin_create"  # wagtail-modeladmin's name

PERIODS = {"30": "30 derniers jours", "90": "3 derniers mois", "365": "12 derniers mois", "all": "Depuis le début"}


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Période", choices=list(PERIODS.items()), required=False)
    start = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("La date de début doit précéder la date de fin.")
        return data

    def span(self, today: datetime.date) -> tuple[datetime.date | None, datetime.date]:
        """The chosen days: explicit dates first, else the period (30 days by default)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("start") or data.get("end"):
            return data.get("start"), data.get("end") or today
        period = data.get("period") or "30"
        return (None if period == "all" else today - datetime.timedelta(days=int(period) - 1)), today


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "insights/admin/search_report.html"
    page_title = "Recherches des visiteurs"
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        form = PeriodForm(self.request.GET or None)
        start, end = form.span(timezone.localdate())
        report = search_report(start, end)
        create_url = reverse(SYNONYM_CREATE_URL_NAME)
        for row in (*report.frequent, *report.without_results, *report.without_clicks):
            row.synonym_url = f"{create_url}?{urlencode({'terms': row.query})}"
        return super().get_context_data(form=form, report=report, **kwargs)
