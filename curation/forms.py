"""The collection editor's form: at most one featured item, checked across the inline rows."""

from __future__ import annotations

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
