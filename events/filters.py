"""The calendar's filters, read from the query string: a région (INSEE code) and a month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from territories.models import PATH_SEPARATOR, Territory, TerritoryKind, parse_key

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def month_choices(today: date | None = None, before: int = 24, after: int = 18) -> list[tuple[str, str]]:
    """(value, label) of the months the calendar offers, from two years back to eighteen months ahead."""
    today = today or date.today()
    base = today.year * 12 + today.month - 1
    return [
        (f"{index // 12:04d}-{index % 12 + 1:02d}", month_label(index // 12, index % 12 + 1))
        for index in range(base + after, base - before - 1, -1)
    ]


@dataclass(frozen=True)
class CalendarFilter:
    """What a visitor asked the calendar for; ``errors`` names a parameter that was not understood."""

    region: str = ""
    month: tuple[int, int] | None = None
    errors: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_query(cls, query) -> "CalendarFilter":
        errors: list[tuple[str, str]] = []
        region = (query.get("region") or "").strip()[:10]
        if region and (parse_key(region) or ("", ""))[0] != TerritoryKind.REGION:
            errors.append(("region", f"« {region} » n'est pas une région du registre (attendu : reg-76…)."))
            region = ""
        month = None
        raw_month = (query.get("mois") or "").strip()
        if raw_month:
            match = _MONTH_RE.match(raw_month)
            if match:
                month = (int(match.group(1)), int(match.group(2)))
            else:
                errors.append(("mois", f"« {raw_month[:20]} » n'est pas un mois (attendu : AAAA-MM)."))
        return cls(region=region, month=month, errors=tuple(errors))

    @property
    def month_value(self) -> str:
        return f"{self.month[0]:04d}-{self.month[1]:02d}" if self.month else ""

    @property
    def active(self) -> bool:
        return bool(self.region or self.month)

    def apply(self, events: QuerySet) -> QuerySet:
        """Events that meet both filters (an event spanning the month counts for it)."""
        if self.month:
            year, month = self.month
            first = date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            events = events.filter(start_date__lt=following).filter(
                Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first)
            )
        if self.region:
            events = events.filter(region_filter(self.region))
        return events


def region_filter(key: str) -> Q:
    """Events whose territory is the région or lies in it (its départements and communes):
    a région's path is its key, and what lies in it has paths that start with it."""
    return Q(territory__path=key) | Q(territory__path__startswith=key + PATH_SEPARATOR)


def region_choices() -> list[tuple[str, str]]:
    """(key, name) of the régions of the register (one query)."""
    regions = Territory.objects.filter(kind=TerritoryKind.REGION).order_by("folded_name")
    return [(region.key, region.name) for region in regions.only("kind", "code", "name")]
