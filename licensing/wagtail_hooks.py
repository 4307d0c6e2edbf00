"""The licence register in the admin (wagtail-modeladmin), the licence audit report,
and the bulk-publish guard against licence conflicts."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import AdminURLHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from licensing.acknowledgements import revision_conflicts
from licensing.register import Licence
from licensing.views import LicenceAuditView


class LicenceURLHelper(AdminURLHelper):
    """Object URLs that accept licence ids: they contain dots (« cc-by-sa-4.0 »),
    which modeladmin's default ``[-\\w]+`` pattern refuses (NoReverseMatch)."""

    def _get_object_specific_action_url_pattern(self, action):
        return r"^%s/%s/(?P<instance_pk>[-\w.]+)/$" % (self.base_url_path, action)


class LicenceAdmin(ModelAdmin):
    model = Licence
    url_helper_class = LicenceURLHelper
    menu_label = "Licences"
    menu_icon = "license"
    menu_order = 800
    add_to_settings_menu = False
    list_display = ("id", "short_name", "is_open", "share_alike", "requires_attribution")
    list_filter = ("is_open", "share_alike")
    search_fields = ("id", "name", "short_name")
    ordering = ("-is_open", "name")


modeladmin_register(LicenceAdmin)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_over_licence_conflicts(request, action_type, objects, action_class_instance):
    """Bulk publish has no acknowledgement box: pages with unacknowledged conflicts are refused, all named."""
    if action_type != "publish":
        return None
    refused = []
    for page in objects:
        revision = page.get_latest_revision() if hasattr(page, "get_latest_revision") else None
        report = revision_conflicts(revision) if revision is not None else None
        if report:
            refused.append(f"« {page.title} » : {report.message()}")
    if not refused:
        return None
    messages.error(
        request,
        "Publication refusée, rien n'a été publié. Ouvrez chaque page pour corriger ou reconnaître "
        "l'avertissement de licence — " + " | ".join(refused),
    )
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "wagtailadmin_explore_root"
    return redirect(target)


@hooks.register("register_admin_urls")
def register_licence_audit_urls():
    return [
        path("reports/audit-licences/", LicenceAuditView.as_view(), name="licence_audit"),
        path(
            "reports/audit-licences/results/",
            LicenceAuditView.as_view(results_only=True),
            name="licence_audit_results",
        ),
    ]


class LicenceAuditMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("licensing.change_licence")


@hooks.register("register_reports_menu_item")
def register_licence_audit_menu_item():
    return LicenceAuditMenuItem("Audit des licences", reverse("licence_audit"), name="licence-audit", icon_name="license", order=900)
