"""Admin forms of the organiser's path."""

from __future__ import annotations

from django import forms


class DecisionForm(forms.Form):
    DECISIONS = [("accept", "Accepter : créer le compte et l'événement en brouillon"), ("decline", "Refuser")]

    decision = forms.ChoiceField(label="Décision", choices=DECISIONS, widget=forms.RadioSelect)
    message = forms.CharField(
        label="Message au porteur de projet",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Envoyé par e-mail avec la décision ; obligatoire pour un refus.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("message") or "").strip():
            self.add_error("message", "Expliquez au porteur de projet pourquoi sa candidature est refusée.")
        return data
