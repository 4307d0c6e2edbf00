"""A value derived from the whole index, kept per process while the index generation holds."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import connection

V = TypeVar("V")


class PerGeneration(Generic[V]):
    """``read()``'s value per database, read again only when the generation key changes.

    Threads wanting the same new key wait for one read. A key of None (no generation
    row yet, after a flush) reads every time.
    """

    def __init__(self, read: Callable[[], V]) -> None:
        self._read = read
        self._kept: dict[str, tuple[tuple, V]] = {}  # database alias → (generation key, value)
        self._reading = threading.Lock()

    def get(self, key: tuple | None) -> V:
        if key is None:
            return self._read()
        kept = self._kept.get(connection.alias)
        if kept is not None and kept[0] == key:
            return kept[1]
        with self._reading:
            kept = self._kept.get(connection.alias)
            if kept is not None and kept[0] == key:
                return kept[1]
            value = self._read()
            self._kept[connection.alias] = (key, value)
            return value

    def forget(self) -> None:
        """Drop the kept values (tests; never needed for correctness)."""
        self._kept.clear()
