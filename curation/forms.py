"""Curation forms: the collection editor (at most one featured item, checked across the
inline rows) and the choice of a collection to add resources to."""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

FEATURED_MESSAGE = "Une seule ressource peut être mise en avant dans une collection."


class CollectionPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        items = self.formsets.get("items")
        if items is not None and items.is_bound:
            items.is_valid()  # clean the rows now: the formsets are otherwise validated after this form
            featured = [
                form
                for form in items.forms
                if getattr(form, "cleaned_data", None)
                and form.cleaned_data.get("featured")
                and not form.cleaned_data.get("DELETE")
            ]
            if len(featured) > 1:
                for form in featured[1:]:
                    form.add_error("featured", FEATURED_MESSAGE)
                self.add_error(None, FEATURED_MESSAGE)
        return cleaned


class AddToCollectionForm(forms.Form):
    """A collection among those the editor may edit, and a note for the item(s) added."""

    collection = forms.ModelChoiceField(label="Collection", queryset=None, empty_label="Choisir une collection")
    note = forms.CharField(
        label="Note de l'équipe éditoriale", max_length=300, required=False, help_text="Facultative, 300 signes au plus."
    )

    def __init__(self, *args, collections: list, **kwargs):
        from curation.models import CollectionPage

        super().__init__(*args, **kwargs)
        ids = [collection.pk for collection in collections]
        self.fields["collection"].queryset = CollectionPage.objects.filter(pk__in=ids).order_by("title")
