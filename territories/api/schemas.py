"""Shapes of the territories router."""

from __future__ import annotations

from ninja import Schema


class TerritorySchema(Schema):
    """A territory of the register: its key (what search's ``territory`` takes) and its names."""

    key: str
    kind: str
    code: str
    name: str
    label: str
    # Keys of its région and département, from the top.
    ancestors: list[str]
