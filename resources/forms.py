"""Admin form for resources: themes may wait for a draft, never for publishing;
nor may licence conflicts, unless the editor acknowledges them."""

from types import SimpleNamespace

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue

from licensing.acknowledgements import acknowledge
from licensing.conflicts import ConflictReport, licence_conflicts
from licensing.credits import credits_for_values
from licensing.models import LicensedMixin

THEME_REQUIRED_MESSAGE = "themes : choisissez au moins une thématique avant de publier cette ressource."


class LicenceConflictFormMixin(forms.Form):
    """Warns, on publishing or submitting, of contained works whose licence does not
    allow the page's; ticking the box publishes anyway and is recorded on the revision."""

    licence_acknowledgement = forms.BooleanField(
        label="Publier malgré l'avertissement de licence",
        required=False,
        help_text="Cochez seulement après avoir vérifié les éléments signalés : "
        "votre nom et la date seront enregistrés avec cette révision.",
    )

    def check_licence_conflicts(self, cleaned_data: dict) -> None:
        report = self.licence_conflicts(cleaned_data)
        if not report:
            return
        if cleaned_data.get("licence_acknowledgement"):
            acknowledge(self.instance, report)
        elif "licence" not in self.errors:
            self.add_error("licence", report.message())

    def licence_conflicts(self, cleaned_data: dict) -> ConflictReport | None:
        """Conflicts between the licence chosen here and the media chosen here (not yet on the page)."""
        licence = cleaned_data.get("licence")
        if licence is None:
            return None
        values = [value for value in cleaned_data.values() if _may_hold_media(value)]
        for formset in self.formsets.values():
            for form in formset.forms:
                data = form.cleaned_data if form.is_valid() else {}
                if data and not data.get("DELETE"):
                    values.extend(value for value in data.values() if _may_hold_media(value))
        target = SimpleNamespace(pk=None, licence_id=licence.pk, attribution="", source_url="")
        return licence_conflicts(target, credits_for_values(target, values))


def _may_hold_media(value) -> bool:
    return isinstance(value, (LicensedMixin, StreamValue))


class ResourcePageForm(LicenceConflictFormMixin, WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Draft saves defer required fields; publishing and submitting do not.
        if not self.is_deferred_validation and "themes" in self.fields and not cleaned_data.get("themes"):
            self.add_error("themes", THEME_REQUIRED_MESSAGE)
        if not self.is_deferred_validation:
            self.check_licence_conflicts(cleaned_data)
        return cleaned_data

    def _post_clean(self):
        # The model's own themes rule (ResourcePage.clean) cannot judge this
        # form: the themes chosen here are only set on the page when the form
        # is saved, and a new page is "live" until the view marks it a draft.
        # clean() above applies the rule for the admin; the model applies it
        # again when the page is actually published.
        self.instance._validating_draft = True
        try:
            super()._post_clean()
        finally:
            self.instance._validating_draft = False


class EventReportPageForm(ResourcePageForm):
    """Submitting or publishing a write-up needs the organisers' guide minimum;
    a draft may be saved at any stage (see resources.submission)."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            self._refuse_incomplete_write_up(cleaned_data)
        return cleaned_data

    def _kept_rows(self, name: str) -> int:
        formset = self.formsets.get(name)
        if formset is None:
            return 0
        return sum(
            1 for form in formset.forms if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        )

    def _refuse_incomplete_write_up(self, cleaned_data: dict) -> None:
        from resources.submission import WriteUpFacts, missing_requirements

        licence = cleaned_data.get("licence")
        facts = WriteUpFacts(
            summary=cleaned_data.get("summary") or "",
            venue=cleaned_data.get("venue") or "",
            city=cleaned_data.get("city") or "",
            participants_count=cleaned_data.get("participants_count"),
            formats=self._kept_rows("formats"),
            photos=self._kept_rows("photos"),
            themes=len(cleaned_data.get("themes") or []),
            licence_is_open=bool(licence and licence.is_open),
            attribution=cleaned_data.get("attribution") or "",
        )
        for requirement in missing_requirements(facts):
            field = requirement.field if requirement.field in self.fields else None
            if field and field in self.errors:
                continue  # the field already says what is wrong with it
            if field == "themes" and not cleaned_data.get("themes"):
                continue  # ResourcePageForm.clean already asked for a theme
            self.add_error(field, requirement.message)
