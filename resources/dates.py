"""A resource's own date, shown at its precision: « 3 octobre 2024 », « octobre 2024 », « 2024 »."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def date_label(day: date | None, precision: str) -> str:
    """The date as French readers write it, never more precise than it is known ("" without a date)."""
    if day is None:
        return ""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"
