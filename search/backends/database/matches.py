"""Every resource a text matches, as score tiers: one SQL query per text and index generation.

The full-text engine (fulltext.py) finds the matches and scores them in one
scan; the query groups them by score (plus the exact-title bonus) into
64-bit words of ids, so what comes back is a few rows per 64 resources, not a
row per match. The tiers are bitsets (as the facet sets are): the total and
the facet counts are ANDs with the filters' sets (facet_sets.py), a page is cut
from the tiers best first, each in the index's newest order (ordering.py).
The other sorts read the union of the tiers.

The backend keeps a text's tiers per index generation (cache.py): its other
pages, sorts and filters need no full-text scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection

from search.backends.database.facet_sets import from_words, word_columns
from search.backends.database.fulltext import full_text
from search.backends.database.rows import sort_title
from search.text import EXACT_TITLE_BONUS, TextQuery


@dataclass(frozen=True)
class Matches:
    """A text's matching resources: (score, bitset of ids) per score, best first."""

    tiers: tuple[tuple[int, int], ...]

    @property
    def everything(self) -> int:
        """The bitset of every match."""
        return reduce(or_, (members for _, members in self.tiers), 0)

    def score(self, id_: int) -> int | None:
        """The score of the match ``id_`` (None if it does not match)."""
        for score, members in self.tiers:
            if members >> id_ & 1:
                return score
        return None


NOTHING = Matches(tiers=())


def find(text: TextQuery) -> Matches:
    """The matches of ``text`` (one query; nothing matches a text without clauses)."""
    if not text.clauses:
        return NOTHING
    found, params = full_text().found(text.clauses)
    scored = f"SELECT id, score + CASE WHEN sort_title = %s THEN {EXACT_TITLE_BONUS} ELSE 0 END AS score FROM ({found}) f"
    sql = f"SELECT score, {word_columns('id')} FROM ({scored}) m GROUP BY score, id >> 6"
    words: dict[int, list[tuple[int, int]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [sort_title(text.text), *params])
        for score, index, word in cursor.fetchall():
            words.setdefault(score, []).append((index, word))
    return Matches(tiers=tuple((score, from_words(words[score])) for score in sorted(words, reverse=True)))
