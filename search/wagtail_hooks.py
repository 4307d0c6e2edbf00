"""The editors' synonyms list in the admin (wagtail-modeladmin)."""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from search.models import SearchSynonym


class SearchSynonymAdmin(ModelAdmin):
    model = SearchSynonym
    menu_label = "Synonymes de recherche"
    menu_icon = "search"
    menu_order = 810
    list_display = ("terms", "enabled", "updated_at")
    list_filter = ("enabled",)
    search_fields = ("terms",)


modeladmin_register(SearchSynonymAdmin)
