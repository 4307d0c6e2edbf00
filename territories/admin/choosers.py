"""The territory chooser of the admin: a modal with an autocomplete on names and codes."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from territories.models import Territory, TerritoryKind

# Régions, then départements, then communes: « Gard » finds the département before its communes.
KIND_RANK = Case(
    *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(TerritoryKind.values)),
    output_field=IntegerField(),
)


class TerritoryFilterForm(BaseFilterForm):
    """Search as you type (accents and case aside) and narrow by kind."""

    q = forms.CharField(
        label="Nom ou code INSEE",
        widget=forms.TextInput(attrs={"placeholder": "Nom ou code INSEE"}),
        required=False,
    )
    kind = forms.ChoiceField(
        label="Type",
        choices=[("", "Tous")] + TerritoryKind.choices,
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if kind := self.cleaned_data.get("kind"):
            objects = objects.filter(kind=kind)
        if text := self.cleaned_data.get("q"):
            objects = objects.matching(text)
            self.is_searching = True
            self.search_query = text
        return objects


class _TerritoryListing:
    filter_form_class = TerritoryFilterForm

    def get_object_list(self):
        return Territory.objects.annotate(kind_rank=KIND_RANK)

    def apply_object_list_ordering(self, objects):
        return objects.order_by("kind_rank", "folded_name", "code")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("kind", label="Type", accessor="get_kind_display"),
            Column("code", label="Code INSEE"),
        ]


class TerritoryChooseView(_TerritoryListing, ChooseView):
    pass


class TerritoryChooseResultsView(_TerritoryListing, ChooseResultsView):
    pass


class TerritoryChooserViewSet(ChooserViewSet):
    model = Territory
    icon = "site"
    choose_one_text = "Choisir un territoire"
    choose_another_text = "Choisir un autre territoire"
    edit_item_text = "Voir"
    per_page = 20
    choose_view_class = TerritoryChooseView
    choose_results_view_class = TerritoryChooseResultsView


territory_chooser_viewset = TerritoryChooserViewSet("territory_chooser", url_prefix="territories/chooser")
