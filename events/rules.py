"""The call's rules for an application to organise a local NEC, over plain facts.

From the local-NEC page: an application asking for funding is submitted at
least four months before the event; the subsidy is at most 80 % of the total
budget; funding needs at least 150 expected people and the support of at least
one local authority. Every application commits to the NEC charter. Each refusal
names the field it is about, in French.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

FUNDING_NOTICE_MONTHS = 4
MAX_SUBSIDY_SHARE = Decimal("0.80")
MIN_FUNDED_ATTENDANCE = 150


@dataclass(frozen=True)
class ApplicationFacts:
    submitted_on: date
    planned_start_date: date | None
    planned_end_date: date | None
    requests_funding: bool
    budget_total: Decimal | None
    requested_subsidy: Decimal | None
    expected_attendance: int | None
    local_authority_support: str
    charter_commitment: bool


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the last day of a shorter month if needed)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def earliest_funded_date(submitted_on: date) -> date:
    """The first event date an application submitted on ``submitted_on`` may ask funding for."""
    return add_months(submitted_on, FUNDING_NOTICE_MONTHS)


def _euros(amount: Decimal) -> str:
    return f"{amount:,.0f}".replace(",", "\u202f") + " €"


def application_refusals(facts: ApplicationFacts) -> dict[str, str]:
    """What the call refuses in this dossier, by field (empty: the dossier is acceptable)."""
    refusals: dict[str, str] = {}
    if not facts.charter_commitment:
        refusals["charter_commitment"] = "L'engagement à respecter la charte NEC est obligatoire."
    start, end = facts.planned_start_date, facts.planned_end_date
    if start is not None and end is not None and end < start:
        refusals["planned_end_date"] = "La date de fin doit suivre la date de début."
    if start is not None and start <= facts.submitted_on:
        refusals["planned_start_date"] = "La date envisagée doit être à venir."
    if not facts.requests_funding:
        if facts.requested_subsidy:
            refusals["requested_subsidy"] = (
                "Cochez « je demande un soutien financier » pour demander une subvention, ou laissez ce champ vide."
            )
        return refusals
    if start is not None and "planned_start_date" not in refusals and start < earliest_funded_date(facts.submitted_on):
        latest = earliest_funded_date(facts.submitted_on)
        refusals["planned_start_date"] = (
            f"Pour demander un financement, la candidature doit être déposée au moins {FUNDING_NOTICE_MONTHS} mois "
            f"avant l'événement : choisissez une date à partir du {latest:%d/%m/%Y}, ou ne demandez pas de financement."
        )
    if facts.requested_subsidy is None or facts.requested_subsidy <= 0:
        refusals["requested_subsidy"] = "Indiquez le montant de la subvention demandée."
    elif facts.budget_total is not None and facts.requested_subsidy > facts.budget_total * MAX_SUBSIDY_SHARE:
        ceiling = facts.budget_total * MAX_SUBSIDY_SHARE
        refusals["requested_subsidy"] = (
            f"La subvention ne peut pas dépasser 80 % du budget total, soit {_euros(ceiling)} "
            f"pour un budget de {_euros(facts.budget_total)}."
        )
    if facts.expected_attendance is not None and facts.expected_attendance < MIN_FUNDED_ATTENDANCE:
        refusals["expected_attendance"] = (
            f"Pour demander un financement, l'événement doit attendre au moins {MIN_FUNDED_ATTENDANCE} personnes "
            f"(et disposer d'un lieu pour les accueillir) : {facts.expected_attendance} indiquées."
        )
    if not facts.local_authority_support.strip():
        refusals["local_authority_support"] = (
            "Pour demander un financement, le soutien d'au moins une collectivité est obligatoire : nommez-la."
        )
    return refusals
