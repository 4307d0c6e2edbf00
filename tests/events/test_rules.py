"""The call's rules over plain facts: each refusal names its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from events.rules import ApplicationFacts, add_months, application_refusals, earliest_funded_date

TODAY = date(2026, 3, 15)
FUNDED = ApplicationFacts(
    submitted_on=TODAY,
    planned_start_date=date(2026, 7, 15),
    planned_end_date=None,
    requests_funding=True,
    budget_total=Decimal("10000"),
    requested_subsidy=Decimal("8000"),
    expected_attendance=150,
    local_authority_support="Ville test",
    charter_commitment=True,
)


def test_a_dossier_at_every_limit_is_accepted():
    assert application_refusals(FUNDED) == {}


def test_four_months_before_the_event_to_ask_for_funding():
    refusals = application_refusals(replace(FUNDED, planned_start_date=date(2026, 7, 14)))
    assert list(refusals) == ["planned_start_date"]
    assert "au moins 4 mois" in refusals["planned_start_date"] and "15/07/2026" in refusals["planned_start_date"]


def test_without_funding_a_near_date_is_fine_but_not_a_past_one():
    near = replace(FUNDED, requests_funding=False, requested_subsidy=None, planned_start_date=date(2026, 4, 1))
    assert application_refusals(near) == {}
    past = replace(near, planned_start_date=TODAY)
    assert list(application_refusals(past)) == ["planned_start_date"]


def test_the_subsidy_is_at_most_80_percent_of_the_budget():
    refusals = application_refusals(replace(FUNDED, requested_subsidy=Decimal("8000.01")))
    assert list(refusals) == ["requested_subsidy"]
    assert "80 %" in refusals["requested_subsidy"] and "8\u202f000 €" in refusals["requested_subsidy"]


def test_funding_needs_a_subsidy_amount_and_no_subsidy_without_asking():
    assert list(application_refusals(replace(FUNDED, requested_subsidy=None))) == ["requested_subsidy"]
    unasked = replace(FUNDED, requests_funding=False)
    assert list(application_refusals(unasked)) == ["requested_subsidy"]


def test_funding_needs_150_people():
    refusals = application_refusals(replace(FUNDED, expected_attendance=149))
    assert list(refusals) == ["expected_attendance"] and "150" in refusals["expected_attendance"]
    assert application_refusals(replace(FUNDED, expected_attendance=20, requests_funding=False, requested_subsidy=None)) == {}


def test_funding_needs_a_local_authority():
    refusals = application_refusals(replace(FUNDED, local_authority_support="  "))
    assert list(refusals) == ["local_authority_support"] and "collectivité" in refusals["local_authority_support"]


def test_the_charter_and_the_end_date():
    refusals = application_refusals(replace(FUNDED, charter_commitment=False, planned_end_date=date(2026, 7, 1)))
    assert set(refusals) == {"charter_commitment", "planned_end_date"}


def test_months_are_calendar_months():
    assert add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert add_months(date(2027, 10, 31), 4) == date(2028, 2, 29)
    assert earliest_funded_date(date(2026, 12, 2)) == date(2027, 4, 2)
