"""Output shapes of the events' computed API fields."""

from __future__ import annotations

from ninja import Schema


class EventTerritorySchema(Schema):
    """The event's territory in the register: its key (« com-57463 »), name and kind."""

    key: str
    name: str
    kind: str
