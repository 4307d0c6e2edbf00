"""Licence conflicts of one item: the works it contains whose licence does not allow its own.

Built on ``licensing.credits`` (what the item contains) and
``licensing.compatibility`` (the rules); used by the publish check, the admin
form, the API and the audit.
"""

from __future__ import annotations

from dataclasses import dataclass

from licensing.compatibility import refusal_reason, working_licences
from licensing.credits import Credit, credits_for
from licensing.register import Licence


@dataclass(frozen=True)
class Conflict:
    """One contained work whose licence does not allow the item's licence."""

    credit: Credit
    reason: str

    def describe(self) -> str:
        """« kind « title » (licence) : reason », for messages and reports."""
        return f"{KIND_LABELS.get(self.credit.kind, self.credit.kind)} « {self.credit.title} » ({self.credit.licence_id}) : {self.reason}"

    def as_dict(self) -> dict:
        return {
            "kind": self.credit.kind,
            "title": self.credit.title,
            "licence": self.credit.licence_id,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ConflictReport:
    """The item's licence, its conflicts and the open licences every contained work allows."""

    licence_id: str
    conflicts: list[Conflict]
    working: list[str]

    def __bool__(self) -> bool:
        return bool(self.conflicts)

    def message(self) -> str:
        """The editor's warning: the works at fault and the licences that would work."""
        works = " ; ".join(conflict.describe() for conflict in self.conflicts)
        if self.working:
            remedy = f"Licences qui conviendraient : {', '.join(self.working)}"
        else:
            remedy = "Aucune licence ouverte ne convient à tous ces éléments : retirez ou remplacez l'un d'eux"
        return (
            f"licence : {self.licence_id} n'est pas permise par les éléments contenus — {works}. {remedy}. "
            "Pour publier malgré tout, cochez la reconnaissance de l'avertissement de licence."
        )

    def as_dict(self) -> dict:
        return {
            "licence": self.licence_id,
            "conflicts": [conflict.as_dict() for conflict in self.conflicts],
            "working_licences": self.working,
        }


KIND_LABELS = {"image": "image", "document": "document", "embed": "média externe", "item": "élément"}


def licence_conflicts(item, credits: list[Credit] | None = None, licences: dict | None = None) -> ConflictReport:
    """Check the item's licence against every work it contains (one query for the licences)."""
    credits = credits if credits is not None else credits_for(item)
    if licences is None:
        licences = {licence.pk: licence for licence in Licence.objects.all()}
    target = licences.get(item.licence_id)
    contained = [credit for credit in credits if credit.kind != "item"]
    conflicts = []
    for credit in contained:
        work_licence = licences.get(credit.licence_id)
        if target is None or work_licence is None:
            # A missing licence is the licence rules' business (and the audit's), not a conflict.
            continue
        reason = refusal_reason(work_licence, target)
        if reason:
            conflicts.append(Conflict(credit, reason))
    work_licences = [licences[c.licence_id] for c in contained if c.licence_id in licences]
    working = [licence.pk for licence in working_licences(work_licences, _ordered_open(licences))]
    return ConflictReport(item.licence_id or "", conflicts, working)


def _ordered_open(licences: dict) -> list:
    return sorted((licence for licence in licences.values() if licence.is_open), key=lambda licence: licence.pk)
