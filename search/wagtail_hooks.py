"""The editors' synonyms list in the admin (wagtail-modeladmin).

Its « Ajouter » screen can be opened pre-filled, ``…/create/?terms=tiers lieu``,
so a report (e.g. the searches that found nothing) can offer a one-click
« Ajouter un synonyme »: the editor completes the group and saves.
"""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import CreateView

from search.models import SearchSynonym

# The group's first term, as offered in the link, and a separator for the next one.
PREFILL_PARAMETER = "terms"


class SynonymCreateView(CreateView):
    def get_initial(self) -> dict:
        initial = super().get_initial()
        offered = " ".join(self.request.GET.get(PREFILL_PARAMETER, "").split())
        max_length = SearchSynonym._meta.get_field("terms").max_length
        if offered and self.request.method == "GET":
            initial["terms"] = f"{offered}, "[:max_length]
        return initial


class SearchSynonymAdmin(ModelAdmin):
    model = SearchSynonym
    menu_label = "Synonymes de recherche"
    menu_icon = "search"
    menu_order = 810
    list_display = ("terms", "enabled", "updated_at")
    list_filter = ("enabled",)
    search_fields = ("terms",)
    create_view_class = SynonymCreateView


modeladmin_register(SearchSynonymAdmin)
