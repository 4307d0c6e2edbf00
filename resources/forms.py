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
            themes=len(cleaned_data.get("themes") or []), dated=cleaned_data.get("date") is not None
        )

    def _refuse_unready(self, cleaned_data: dict) -> None:
        for requirement in missing_requirements(self.readiness_facts(cleaned_data)):
            field = requirement.field if requirement.field in self.fields else None
            if field and field in self.errors:
                continue  # the field already says what is wrong with it
            self.add_error(field, requirement.message)


class EventReportPageForm(ResourcePageForm):
    """Submitting or publishing a write-up needs the organisers' guide minimum."""

    def readiness_facts(self, cleaned_data: dict) -> WriteUpFacts:
        licence = cleaned_data.get("licence")
        return WriteUpFacts(
            themes=len(cleaned_data.get("themes") or []),
            summary=cleaned_data.get("summary") or "",
            venue=cleaned_data.get("venue") or "",
            city=cleaned_data.get("city") or "",
            participants_count=cleaned_data.get("participants_count"),
            formats=self._kept_rows("formats"),
            photos=self._kept_rows("photos"),
            licence_is_open=bool(licence and licence.is_open),
            attribution=cleaned_data.get("attribution") or "",
        )

    def _kept_rows(self, name: str) -> int:
        formset = self.formsets.get(name)
        if formset is None:
            return 0
        return sum(
            1 for form in formset.forms if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
