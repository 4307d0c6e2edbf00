"""The one SQL statement that answers a search: the page and the matching resources.

With text, the resources that match it are found once, in a materialised CTE
(``matched``), each with its score and sort keys (fulltext.py: the match, the
score and the keys in the same scan of the full-text table) and one flag per
filtered facet (does the resource carry one of the selected values?). Two parts read it:

- the page: the rows with every flag, in the query's order, sliced, narrow
  (ids and scores; the cards are read afterwards for the page only);
- every match, filters aside, as 64-bit words of ids (facet_sets.py), from
  which the backend counts the total and the facets with the index's sets.

Without text, the statement is the page alone, read in index order (newest,
title) among the resources carrying the selected values: every resource
matches, which the facet sets already hold.

Counting the facets here, in SQL, joined every match to its facet-value rows:
about a second when most of 100,000 resources matched. The parts come back as
rows of one ``UNION ALL``, told apart by their ``kind``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from search.backends.database.facet_sets import from_words, word_columns
from search.backends.database.fulltext import full_text, sort_keys
from search.backends.database.models import IndexedFacetValue, IndexedResource
from search.backends.database.rows import sort_title
from search.query import Facet, SearchQuery, Sort
from search.text import EXACT_TITLE_BONUS, TextQuery

HIT, WORD = 1, 2
RESOURCES = IndexedResource._meta.db_table
FACET_VALUES = IndexedFacetValue._meta.db_table

# ORDER BY of each sort on a relation with the columns id, score, date,
# first_published_at and sort_title: by the resources' own dates (undated last),
# then the hub's publication, then id.
_NEWEST = "{t}.date DESC NULLS LAST, {t}.first_published_at DESC NULLS LAST, {t}.id DESC"
_ORDERS = {
    Sort.NEWEST: _NEWEST,
    Sort.OLDEST: "{t}.date ASC NULLS LAST, {t}.first_published_at ASC NULLS LAST, {t}.id ASC",
    Sort.TITLE: "{t}.sort_title ASC, {t}.id ASC",
}


@dataclass
class Answer:
    """The page's (id, score) in order; with text, the bitset of every match (filters aside)."""

    page: list[tuple[int, int | None]] = field(default_factory=list)
    matched: int | None = None


def answer(query: SearchQuery, text: TextQuery | None) -> Answer:
    """Run the search's statement; ``text`` must have clauses when given (else nothing matches)."""
    sql, params = _statement(query, text)
    found = Answer()
    words = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, position, number, score in cursor.fetchall():
            if kind == HIT:
                found.page.append((number, score))
            else:
                words.append((position, number))
    if text is not None:
        found.matched = from_words(words)
    return found


def _statement(query: SearchQuery, text: TextQuery | None) -> tuple[str, list]:
    page, page_params = _page(query, text)
    if text is None:
        return page + " ORDER BY kind, position", page_params
    matched, params = _matched(query, text)
    words = f"SELECT {WORD}, {word_columns('id')}, NULL FROM matched GROUP BY id >> 6"
    sql = f"WITH matched AS MATERIALIZED ({matched}) {page} UNION ALL {words}"
    return sql + " ORDER BY kind, position", params + page_params


def _matched(query: SearchQuery, text: TextQuery) -> tuple[str, list]:
    """id, score, sort keys and a flag per filtered facet (f0, f1… in ``query.filters`` order) of every match."""
    carrying = [_carrying(facet, values) for facet, values in query.filters.items()]
    found, found_params = full_text().found(text.clauses)
    flags = "".join(f", found.id IN ({sql}) AS f{number}" for number, (sql, _) in enumerate(carrying))
    columns = f"found.id, found.score, {sort_keys('found')}"
    return f"SELECT {columns}{flags} FROM ({found}) found", _params(carrying) + found_params


def _carrying(facet: Facet, values: tuple[str, ...]) -> tuple[str, list]:
    """Ids of the resources carrying any of ``values`` for ``facet`` (OR inside a facet)."""
    placeholders = ", ".join(["%s"] * len(values))
    sql = f"SELECT resource_id AS id FROM {FACET_VALUES} WHERE facet = %s AND value IN ({placeholders})"
    return sql, [facet.value, *values]


def _params(parts: list[tuple[str, list]]) -> list:
    return [param for _, params in parts for param in params]


def _flags(query: SearchQuery) -> str:
    """WHERE of the matched rows (alias ``m``) with every filter's flag."""
    flags = [f"m.f{number}" for number in range(len(query.filters))]
    return f" WHERE {' AND '.join(flags)}" if flags else ""


def _page(query: SearchQuery, text: TextQuery | None) -> tuple[str, list]:
    """The page's ids and scores, numbered in order (the order of the final rows)."""
    if text is None:
        # Without text, the rows are read in index order (newest, title) until the page is full.
        carrying = [_carrying(facet, values) for facet, values in query.filters.items()]
        where = " AND ".join(f"r.id IN ({sql})" for sql, _ in carrying)
        candidates = f"SELECT r.id, {sort_keys('r')}, NULL AS score FROM {RESOURCES} r"
        candidates += f" WHERE {where}" if where else ""
        params = _params(carrying)
    else:
        # The matches carry their sort keys (fulltext.py): no join to the resources.
        candidates = (
            f"SELECT m.id, {sort_keys('m')}, "
            f"m.score + CASE WHEN m.sort_title = %s THEN {EXACT_TITLE_BONUS} ELSE 0 END AS score "
            f"FROM matched m{_flags(query)}"
        )
        params = [sort_title(text.text)]
    order = _order(query.sort, text)
    limit = connection.ops.limit_offset_sql(query.offset, query.offset + query.page_size)
    return (
        f"SELECT {HIT} AS kind, ROW_NUMBER() OVER (ORDER BY {order.format(t='page')}) AS position, page.id, page.score "
        f"FROM (SELECT * FROM ({candidates}) candidate ORDER BY {order.format(t='candidate')} {limit}) page",
        params,
    )


def _order(sort: Sort, text: TextQuery | None) -> str:
    if sort is Sort.RELEVANCE:
        return ("{t}.score DESC, " if text is not None else "") + _NEWEST
    return _ORDERS[sort]
