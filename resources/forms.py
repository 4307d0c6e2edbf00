"""Admin forms of resources: a draft may wait for anything; submitting or publishing
needs what ``resources.readiness`` lists, and no unacknowledged licence conflict."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

from licensing.forms import LicenceConflictFormMixin
from resources.readiness import ResourceFacts, WriteUpFacts, missing_requirements


class ResourcePageForm(LicenceConflictFormMixin, WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Draft saves defer required fields; publishing and submitting do not.
        if not self.is_deferred_validation:
            self._refuse_unready(cleaned_data)
            self.check_licence_conflicts(cleaned_data)
        return cleaned_data

    def readiness_facts(self, cleaned_data: dict) -> ResourceFacts:
        """The facts of what is being submitted (the form's values, not yet on the page)."""
        return ResourceFacts(
            themes=len(self.submitted(cleaned_data, "themes") or []),
            dated=self.submitted(cleaned_data, "date") is not None,
        )

    def submitted(self, cleaned_data: dict, name: str):
        """The value ``name`` will have once saved: the form's, or the page's own when the
        form leaves it out (a partial update through the API names only what changes)."""
        if name in self.fields:
            return cleaned_data.get(name)
        value = getattr(self.instance, name, None)
        return list(value.all()) if hasattr(value, "all") else value

    def _refuse_unready(self, cleaned_data: dict) -> None:
        for requirement in missing_requirements(self.readiness_facts(cleaned_data)):
            field = requirement.field if requirement.field in self.fields else None
            if field and field in self.errors:
                continue  # the field already says what is wrong with it
            self.add_error(field, requirement.message)


class EventReportPageForm(ResourcePageForm):
    """Submitting or publishing a write-up needs the organisers' guide minimum."""

    def readiness_facts(self, cleaned_data: dict) -> WriteUpFacts:
        licence = self.submitted(cleaned_data, "licence")
        return WriteUpFacts(
            themes=len(self.submitted(cleaned_data, "themes") or []),
            summary=self.submitted(cleaned_data, "summary") or "",
            venue=self.submitted(cleaned_data, "venue") or "",
            city=self.submitted(cleaned_data, "city") or "",
            participants_count=self.submitted(cleaned_data, "participants_count"),
            formats=self._kept_rows("formats"),
            photos=self._kept_rows("photos"),
            licence_is_open=bool(licence and licence.is_open),
            attribution=self.submitted(cleaned_data, "attribution") or "",
        )

    def _kept_rows(self, name: str) -> int:
        formset = self.formsets.get(name)
        if formset is None:  # left out of a partial update: the rows the page has
            return len(getattr(self.instance, name).all())
        return sum(
            1 for form in formset.forms if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
