"""The licence register in the admin (wagtail-modeladmin)."""

from wagtail_modeladmin.helpers import AdminURLHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from licensing.models import Licence


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
