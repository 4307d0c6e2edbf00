"""Admin forms of curation: the choice of a collection to add resources to."""

from __future__ import annotations

from django import forms

from curation.adding import editable_collections
from curation.models import CollectionPage


class AddToCollectionForm(forms.Form):
    """A collection among those the editor may edit, and a note for the item(s) added."""

    collection = forms.ModelChoiceField(label="Collection", queryset=None, empty_label="Choisir une collection")
    note = forms.CharField(
        label="Note de l'équipe éditoriale", max_length=300, required=False, help_text="Facultative, 300 signes au plus."
    )

    def __init__(self, *args, collections: list, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [collection.pk for collection in collections]
        self.fields["collection"].queryset = CollectionPage.objects.filter(pk__in=ids).order_by("title")


class BulkAddForm(AddToCollectionForm):
    """The same choice, its note given to each resource added."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, collections=editable_collections(user) if user is not None else [], **kwargs)
        self.fields["note"].label = "Note de l'équipe éditoriale (pour chacune)"
