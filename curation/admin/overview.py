"""The rows of the admin's collections overview, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from curation.membership import HiddenItem, hidden_by_collection, members_by_collection
from curation.models import CollectionPage


@dataclass(frozen=True)
class OverviewRow:
    collection: object
    kind_label: str
    item_count: int
    rule_count: int
    last_change: datetime | None
    hidden: list[HiddenItem]


def collection_rows() -> list[OverviewRow]:
    """One row per collection (drafts included), by title."""
    collections = list(CollectionPage.objects.order_by("title", "pk"))
    members = members_by_collection(collections)
    hidden = hidden_by_collection([c.pk for c in collections])
    rows = []
    for collection in collections:
        entries = members.get(collection.pk, [])
        rows.append(
            OverviewRow(
                collection=collection,
                kind_label=collection.get_kind_display(),
                item_count=len(entries),
                rule_count=sum(1 for entry in entries if not entry.chosen),
                last_change=collection.latest_revision_created_at or collection.last_published_at,
                hidden=hidden.get(collection.pk, []),
            )
        )
    return rows
