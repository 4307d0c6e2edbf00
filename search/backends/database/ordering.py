"""The index's resources in each sort order, read once per index generation, and the pages cut from them.

Ordering a search's matches in SQL sorted every match for every search: at
10,000 resources a text that most resources match paid that sort for each of
its pages, sorts and filters. Here a process reads the whole index's three
orders once per generation (three queries: newest, oldest, title, as the
database orders them, collation included), like the facet sets
(facet_sets.py). A page is then cut in Python from bitsets of resource ids:
the matches' score tiers (matches.py), narrowed by the filters' facet sets.

Within a group of ids, either the order is scanned until enough members are
met (members common: a few hundred steps) or the members are listed and sorted
by their rank (members rare): whichever the group's density says is cheaper,
so neither a sparse filter nor a deep page walks the whole index for nothing.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from search.backends.database.facet_sets import to_bytes
from search.backends.database.kept import PerGeneration
from search.backends.database.models import IndexedResource
from search.query import Sort

RESOURCES = IndexedResource._meta.db_table

# ORDER BY of each stored order: by the resources' own dates (undated last), then the
# hub's publication, then id; relevance ties fall back to the newest order.
NEWEST = "date DESC NULLS LAST, first_published_at DESC NULLS LAST, id DESC"
OLDEST = "date ASC NULLS LAST, first_published_at ASC NULLS LAST, id ASC"
TITLE = "sort_title ASC, id ASC"

# Bit positions set in each byte value: listing a bitset's members byte by byte.
_BITS_OF_BYTE = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


def members_of(bitset: int) -> list[int]:
    """The ids set in ``bitset``, ascending."""
    found: list[int] = []
    for index, byte in enumerate(to_bytes(bitset)):
        if byte:
            base = index << 3
            found.extend([base + bit for bit in _BITS_OF_BYTE[byte]])
    return found


@dataclass(frozen=True)
class Order:
    """Every indexed resource's id in one sort order, and each id's position in it."""

    ids: array  # 'q': ids in order
    rank: array  # 'q': position by id (ids not indexed: -1)

    @classmethod
    def of(cls, ids: Sequence[int], largest_id: int) -> Order:
        rank = array("q", [-1]) * (largest_id + 1)
        for position, id_ in enumerate(ids):
            rank[id_] = position
        return cls(array("q", ids), rank)

    def first(self, members: int, count: int, wanted: int) -> list[int]:
        """The first ``wanted`` ids of the bitset ``members`` (``count`` ids, ``wanted`` ≤ count) in this order."""
        total = len(self.ids)
        # Scanning meets ``wanted`` members after about wanted × total / count ids; listing
        # the members reads total / 8 bytes and sorts ``count`` ids.
        if wanted * total <= count * (total // 8 + count):
            return self._scan(members, wanted)
        ids = members_of(members)
        if wanted * 4 < len(ids):
            return heapq.nsmallest(wanted, ids, key=self.rank.__getitem__)
        return sorted(ids, key=self.rank.__getitem__)[:wanted]

    def _scan(self, members: int, wanted: int) -> list[int]:
        bits = to_bytes(members)
        past = len(bits) << 3
        found = []
        for id_ in self.ids:
            if id_ < past and bits[id_ >> 3] >> (id_ & 7) & 1:
                found.append(id_)
                if len(found) == wanted:
                    break
        return found


@dataclass(frozen=True)
class Orders:
    """The index's three orders (relevance ties use the newest)."""

    newest: Order
    oldest: Order
    title: Order

    def of(self, sort: Sort) -> Order:
        return {Sort.OLDEST: self.oldest, Sort.TITLE: self.title}.get(sort, self.newest)


def page(groups: Iterable[int], order: Order, offset: int, size: int) -> list[int]:
    """Ids ``offset`` to ``offset + size`` of the bitsets ``groups`` one after the other, each in ``order``.

    The groups are disjoint (score tiers, best first, or a single one).
    """
    found: list[int] = []
    skip, take = offset, size
    for members in groups:
        if take <= 0:
            break
        count = members.bit_count()
        if skip >= count:
            skip -= count
            continue
        chosen = order.first(members, count, min(skip + take, count))[skip:]
        found += chosen
        take -= len(chosen)
        skip = 0
    return found


def read() -> Orders:
    """The three orders of the index as the database holds it now (three queries).

    Newest and title are read from their indexes (models.py) without sorting.
    """
    orders = []
    with connection.cursor() as cursor:
        for order in (NEWEST, OLDEST, TITLE):
            cursor.execute(f"SELECT id FROM {RESOURCES} ORDER BY {order}")
            orders.append([id_ for (id_,) in cursor.fetchall()])
    largest = max(orders[0], default=0)
    return Orders(*(Order.of(ids, largest) for ids in orders))


_kept = PerGeneration(read)


def current(key: tuple | None) -> Orders:
    """The orders under the index generation ``key`` (cache.current_key): read once per key."""
    return _kept.get(key)


def forget() -> None:
    """Drop the kept orders (tests; never needed for correctness)."""
    _kept.forget()
