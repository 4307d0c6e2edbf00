"""Admin form pieces of licensing: the licence-conflict warning and its acknowledgement."""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from wagtail.blocks import StreamValue

from licensing.acknowledgements import acknowledge
from licensing.conflicts import ConflictReport, licence_conflicts
from licensing.credits import credits_for_values
from licensing.models import LicensedMixin


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
