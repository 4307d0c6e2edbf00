"""The licence register in the admin (wagtail-modeladmin)."""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from licensing.models import Licence


class LicenceAdmin(ModelAdmin):
    model = Licence
    menu_label = "Licences"
    menu_icon = "license"
    menu_order = 800
    add_to_settings_menu = False
    list_display = ("id", "short_name", "is_open", "share_alike", "requires_attribution")
    list_filter = ("is_open", "share_alike")
    search_fields = ("id", "name", "short_name")
    ordering = ("-is_open", "name")


modeladmin_register(LicenceAdmin)
