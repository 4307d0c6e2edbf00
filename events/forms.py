"""The public application form (DSFR), with its honeypot."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from events.models import LocalEventApplication
from taxonomy.models import ThemePage
from territories.models import Territory, fold


def territory_named(text: str) -> Territory | None:
    """The one territory of the register with this name (accents and case aside), else None."""
    folded = fold(text)
    matches = list(Territory.objects.filter(folded_name=folded)[:2]) if folded else []
    return matches[0] if len(matches) == 1 else None

HONEYPOT_FIELD = "site_web_de_confirmation"


class ApplicationForm(DsfrBaseForm, forms.ModelForm):
    """The dossier of the call; the model's ``clean`` applies the call's rules (events.rules)."""

    # A field people never see nor fill: robots that fill every input do.
    site_web_de_confirmation = forms.CharField(
        label="Ne remplissez pas ce champ", required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = LocalEventApplication
        fields = [
            "structure_name", "structure_kind",
            "contact_first_name", "contact_last_name", "contact_email", "contact_phone",
            "event_name", "objective", "themes", "territory_text", "target_audiences", "expected_attendance",
            "co_organisers", "local_authority_support", "draft_formats", "means",
            "venue", "planned_start_date", "planned_end_date",
            "budget_total", "budget_details", "requests_funding", "requested_subsidy",
            "charter_commitment",
        ]
        widgets = {
            "planned_start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "planned_end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "themes": forms.CheckboxSelectMultiple,
            "objective": forms.Textarea(attrs={"rows": 4}),
            "target_audiences": forms.Textarea(attrs={"rows": 3}),
            "co_organisers": forms.Textarea(attrs={"rows": 3}),
            "draft_formats": forms.Textarea(attrs={"rows": 3}),
            "means": forms.Textarea(attrs={"rows": 3}),
            "budget_details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = ThemePage.objects.live().order_by("path")
        self.fields["themes"].error_messages["required"] = "Choisissez au moins une thématique."
        self.fields["charter_commitment"].required = True
        self.fields["charter_commitment"].error_messages["required"] = (
            "L'engagement à respecter la charte NEC est obligatoire."
        )

    def save(self, commit: bool = True) -> LocalEventApplication:
        self.instance.territory = territory_named(self.cleaned_data.get("territory_text", ""))
        return super().save(commit)

    def clean_site_web_de_confirmation(self) -> str:
        value = self.cleaned_data.get(HONEYPOT_FIELD, "")
        if value.strip():
            raise forms.ValidationError("Ce champ doit rester vide : la candidature n'a pas été envoyée.")
        return value
