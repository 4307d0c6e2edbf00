"""Rules of rule-based collections: « every published resource of this base, theme, year, type ».

A rule is read from a collection's ``rule_*`` fields and turned into one ORM
condition on ``ResourcePage``, so that membership is computed at read time
and a rule collection is always up to date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page

from resources.models import ResourcePage


@dataclass(frozen=True)
class CollectionRule:
    """What a resource must match to join the collection (unset parts match anything)."""

    base_path: str | None = None
    theme_id: int | None = None
    year: int | None = None
    resource_type: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.base_path or self.theme_id or self.year or self.resource_type)

    def condition(self) -> Q:
        """The condition on ``ResourcePage`` rows (no multi-valued join: one row per resource)."""
        if self.is_empty:
            return Q(pk__in=[])
        condition = Q()
        if self.base_path:
            condition &= Q(path__startswith=self.base_path, depth__gt=len(self.base_path) // ResourcePage.steplen)
        if self.theme_id:
            through = ResourcePage.themes.through
            condition &= Q(Exists(through.objects.filter(resourcepage_id=OuterRef("pk"), themepage_id=self.theme_id)))
        if self.year:
            # The year of the resource's own date, as in its search document (a report's: its event's).
            condition &= Q(date__year=self.year)
        if self.resource_type:
            condition &= Q(resource_type=self.resource_type)
        return condition


def rule_of(collection, base_path: str | None = None) -> CollectionRule:
    """The rule of a collection page (its in-memory fields); ``base_path`` spares a query when known."""
    if collection.rule_base_id and base_path is None:
        base_path = Page.objects.filter(pk=collection.rule_base_id).values_list("path", flat=True).first()
    return CollectionRule(
        base_path=base_path if collection.rule_base_id else None,
        theme_id=collection.rule_theme_id,
        year=collection.rule_year,
        resource_type=collection.rule_resource_type or "",
    )
