"""The search report in the admin's « Rapports » menu."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insights.admin.views import REPORT_PERMISSION, SearchReportView


@hooks.register("register_admin_urls")
def register_urls():
    return [path("reports/recherches/", SearchReportView.as_view(), name="insights_search_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return ReportMenuItem(
        "Recherches des visiteurs", reverse("insights_search_report"), name="search-insights", icon_name="search",
        order=1000,
    )
