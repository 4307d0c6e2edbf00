"""The one SQL statement that answers a search: page, total and facet counts together.

The resources that match the text are found once, in a materialised CTE
(``matched``), each with its score (fulltext.py: the match and the score in
the same scan of the full-text table) and one flag per filtered facet (does
the resource carry one of the selected values?). Without text, ``matched``
holds the resources carrying any selected value (every resource when nothing
is filtered): the others are in no result and in no count. Three parts read it:

- the total: the rows with every flag;
- the page: those rows in the query's order, sliced, narrow (ids and scores;
  the cards are read afterwards for the page only);
- the facet counts, disjunctive, one grouped select per scope: each filtered
  facet counted over the rows with every flag but its own, the others
  together over the rows with every flag (without text and other filters,
  over the whole index).

Before this statement, the ranked page and the facet counts were two queries
that each evaluated the text match again (and the score was a correlated
subquery per matched row). The parts come back as rows of one ``UNION ALL``,
told apart by their ``kind``, the page's rows numbered in its order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from search.backends.database.fulltext import full_text
from search.backends.database.models import IndexedFacetValue, IndexedResource
from search.backends.database.rows import sort_title
from search.query import Facet, SearchQuery, Sort
from search.text import EXACT_TITLE_BONUS, TextQuery

TOTAL, HIT, COUNT = 0, 1, 2
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


@dataclass(frozen=True)
class Scope:
    """Facets counted together, over the matching rows with every filter but ``skip``'s."""

    facets: tuple[str, ...]
    skip: Facet | None = None


@dataclass
class Answer:
    """What the statement returns: the total, the page's (id, score) in order, the counts."""

    total: int = 0
    page: list[tuple[int, int | None]] = field(default_factory=list)
    counts: list[dict] = field(default_factory=list)


def answer(query: SearchQuery, text: TextQuery | None, scopes: list[Scope]) -> Answer:
    """Run the search's statement; ``text`` must have clauses when given (else nothing matches)."""
    sql, params = _statement(query, text, scopes)
    found = Answer()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, _position, number, score, facet, value, label in cursor.fetchall():
            if kind == TOTAL:
                found.total = number
            elif kind == HIT:
                found.page.append((number, score))
            else:
                found.counts.append({"facet": facet, "value": value, "label": label, "count": number})
    return found


def _statement(query: SearchQuery, text: TextQuery | None, scopes: list[Scope]) -> tuple[str, list]:
    matched, params = _matched(query, text)
    parts = [
        (f"SELECT {TOTAL} AS kind, 0 AS position, COUNT(*) AS number, NULL AS score, NULL AS facet, "
         f"NULL AS value, NULL AS label FROM matched{_where(_flags(query))}", []),
        _page(query, text),
    ]
    if scopes:
        parts.append(_counts(query, text, scopes))
    sql = f"WITH matched AS MATERIALIZED ({matched}) " + " UNION ALL ".join(part for part, _ in parts)
    return sql + " ORDER BY kind, position", params + _params(parts)


def _matched(query: SearchQuery, text: TextQuery | None) -> tuple[str, list]:
    """id, score and a flag per filtered facet (f0, f1… in ``query.filters`` order) of every match."""
    carrying = [_carrying(facet, values) for facet, values in query.filters.items()]
    if text is not None:
        found, found_params = full_text().found(text.clauses)
    elif carrying:
        # Without text, a resource with none of the selected values is in no count (each
        # facet counted without its own filter has the whole index's counts, see _counts)
        # nor in the results: only resources carrying one are read.
        union = " UNION ".join(sql for sql, _ in carrying)
        found, found_params = f"SELECT id, NULL AS score FROM ({union}) carrying", _params(carrying)
    else:
        found, found_params = f"SELECT id, NULL AS score FROM {RESOURCES}", []
    flags = "".join(f", found.id IN ({sql}) AS f{number}" for number, (sql, _) in enumerate(carrying))
    return f"SELECT found.id, found.score{flags} FROM ({found}) found", _params(carrying) + found_params


def _carrying(facet: Facet, values: tuple[str, ...]) -> tuple[str, list]:
    """Ids of the resources carrying any of ``values`` for ``facet`` (OR inside a facet)."""
    placeholders = ", ".join(["%s"] * len(values))
    sql = f"SELECT resource_id AS id FROM {FACET_VALUES} WHERE facet = %s AND value IN ({placeholders})"
    return sql, [facet.value, *values]


def _params(parts: list[tuple[str, list]]) -> list:
    return [param for _, params in parts for param in params]


def _flags(query: SearchQuery, skip: Facet | None = None) -> list[str]:
    """The flag columns a row must have to match every filter but ``skip``'s."""
    return [f"f{number}" for number, facet in enumerate(query.filters) if facet is not skip]


def _where(flags: list[str], prefix: str = "") -> str:
    return f" WHERE {' AND '.join(prefix + flag for flag in flags)}" if flags else ""


def _page(query: SearchQuery, text: TextQuery | None) -> tuple[str, list]:
    """The page's ids and scores, numbered in order (the order of the final rows)."""
    columns = "r.id, r.date, r.first_published_at, r.sort_title"
    if text is None:
        # Without text, the rows are read in index order (newest, title) until the page is full.
        flags = _flags(query)
        where = f" WHERE r.id IN (SELECT id FROM matched{_where(flags)})" if flags else ""
        candidates, params = f"SELECT {columns}, NULL AS score FROM {RESOURCES} r{where}", []
    else:
        candidates = (
            f"SELECT {columns}, m.score + CASE WHEN r.sort_title = %s THEN {EXACT_TITLE_BONUS} ELSE 0 END AS score "
            f"FROM matched m JOIN {RESOURCES} r ON r.id = m.id{_where(_flags(query), 'm.')}"
        )
        params = [sort_title(text.text)]
    order = _order(query.sort, text)
    limit = connection.ops.limit_offset_sql(query.offset, query.offset + query.page_size)
    return (
        f"SELECT {HIT}, ROW_NUMBER() OVER (ORDER BY {order.format(t='page')}), page.id, page.score, NULL, NULL, NULL "
        f"FROM (SELECT * FROM ({candidates}) candidate ORDER BY {order.format(t='candidate')} {limit}) page",
        params,
    )


def _order(sort: Sort, text: TextQuery | None) -> str:
    if sort is Sort.RELEVANCE:
        return ("{t}.score DESC, " if text is not None else "") + _NEWEST
    return _ORDERS[sort]


def _counts(query: SearchQuery, text: TextQuery | None, scopes: list[Scope]) -> tuple[str, list]:
    """Rows per (facet, value) under each scope, with the label: one grouped select per scope.

    Not one scan with the scopes OR'ed: apart, each scope reads only its facets' rows
    (the (facet, value, resource) index) or only its matching resources' (the primary
    key), and one over no resource reads nothing.
    """
    selects, params = [], []
    for scope in scopes:
        conditions = []
        if set(scope.facets) != {facet.value for facet in Facet}:
            conditions.append(f"fv.facet IN ({', '.join(['%s'] * len(scope.facets))})")
            params += scope.facets
        flags = _flags(query, skip=scope.skip)
        # Without text or other filters, a facet is counted over the whole index.
        if text is not None or flags:
            conditions.append(f"fv.resource_id IN (SELECT id FROM matched{_where(flags)})")
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        selects.append(
            f"SELECT {COUNT}, 0, COUNT(*), NULL, fv.facet, fv.value, MAX(fv.label) "
            f"FROM {FACET_VALUES} fv{where} GROUP BY fv.facet, fv.value"
        )
    return " UNION ALL ".join(selects), params
