"""The database's own full-text engine behind the database backend.

Documents arrive already analysed (``search.french``, the same terms
Elasticsearch indexes): four space-separated term texts per resource, title,
summary, taxonomy (labels and tags) and body (with the event facts). Each
database keeps them in its own engine, in the table ``hubsearch_text`` that
migration 0002 creates for the database in use (FTS5 or tsvector):

- **SQLite**: an FTS5 virtual table (``rowid`` = resource id, one column per
  field). A clause's best field is read from the stored columns (``instr`` on
  the space-padded term text), only for the rows that match.
- **PostgreSQL**: one ``tsvector`` per resource, each field with its weight
  label (title A, summary B, taxonomy C, body D), under a GIN index. A
  clause's best field is the first weight label its ``tsquery`` matches with.
  Each row also carries its resource's sort title (copied from
  ``IndexedResource`` when written, migrations 0007 and 0008): the exact-title
  bonus then needs no join to the resources table.

Both answer the same question the same way, in one scan of the table
(``found``): which resources match every clause, the sum of each clause's
best field (the score of ``search.text`` but for the exact-title bonus that
matches.py adds) and the sort title. SQLite reads that from the resources
table by rowid, which its FTS5 rows lead to directly. Terms are ``[a-z0-9]``
only, so they need no escaping in FTS5 or tsquery syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction

from search.backends.database.bulk import delete_rows, insert_rows
from search.backends.database.models import IndexedResource
from search.text import FIELD_WEIGHTS, Alternative, Clause

TABLE = "hubsearch_text"
RESOURCES = IndexedResource._meta.db_table
# (resource id, title terms, summary terms, taxonomy terms, body terms)
TextRow = tuple[int, str, str, str, str]


# PostgreSQL: the session's temporary table the term texts are copied into before
# the tsvectors are computed from them (emptied after each load and at commit).
STAGING = "hubsearch_text_load"

class SQLiteFullText:
    """FTS5: a match expression per query, the best field by ``instr`` on stored terms."""

    def insert(self, rows: Sequence[TextRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, summary, taxonomy, body) VALUES (%s, %s, %s, %s, %s)", rows
            )

    def delete(self, ids: Sequence[int] | None) -> None:
        delete_rows(TABLE, "rowid", ids)

    def optimise(self) -> None:
        """Merge FTS5's segments after a bulk load (faster queries)."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")

    def found(self, clauses: Sequence[Clause]) -> tuple[str, list]:
        """SQL selecting ``id``, ``score`` and ``sort_title`` of the resources that match every clause.

        In one scan of the FTS5 table. The score is the sum over clauses of the best
        field's weight, read from the matched row's own columns (no second lookup per row).
        """
        expression = " AND ".join(f"({' OR '.join(_fts_alternative(alt) for alt in clause)})" for clause in clauses)
        parts, params = [], []
        for clause in clauses:
            cases = []
            for column, weight in FIELD_WEIGHTS[:-1]:
                terms = sorted({term for alternative in clause for term in alternative})
                cases.append(f"WHEN {' OR '.join(['instr(t.' + column + ', %s) > 0'] * len(terms))} THEN {weight}")
                params += [f" {term} " for term in terms]
            parts.append(f"CASE {' '.join(cases)} ELSE {FIELD_WEIGHTS[-1][1]} END")
        sql = (
            f"SELECT t.rowid AS id, {' + '.join(parts)} AS score, r.sort_title "
            f"FROM {TABLE} t JOIN {RESOURCES} r ON r.id = t.rowid WHERE t.{TABLE} MATCH %s"
        )
        return sql, [*params, expression]


def _fts_alternative(alternative: Alternative) -> str:
    return " AND ".join(f'"{term}"' for term in alternative)


class PostgresFullText:
    """tsvector with weight labels per field, GIN-indexed; ``tsquery`` built from the clauses."""

    # The tsvector of one row of term texts (alias ``{s}``): each field's terms with its weight
    # label, in the 'simple' configuration (terms are already analysed: it only splits them).
    DOCUMENT = (
        "setweight(to_tsvector('simple', {s}.title), 'A') || setweight(to_tsvector('simple', {s}.summary), 'B') "
        "|| setweight(to_tsvector('simple', {s}.taxonomy), 'C') || setweight(to_tsvector('simple', {s}.body), 'D')"
    )

    def insert(self, rows: Sequence[TextRow]) -> None:
        """COPY the term texts into a temporary table, then compute every tsvector in one INSERT.

        COPY parses no SQL per row; the tsvectors are still PostgreSQL's own
        (``DOCUMENT``), so the index holds exactly what an INSERT would. The sort
        title comes from the resources' rows, which are written first (backend.py).
        """
        if not rows:
            return
        # atomic: under autocommit, ON COMMIT DELETE ROWS would empty the table between statements.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} "
                "(id bigint, title text, summary text, taxonomy text, body text) ON COMMIT DELETE ROWS"
            )
            insert_rows(STAGING, ("id", "title", "summary", "taxonomy", "body"), rows)
            cursor.execute(
                f"INSERT INTO {TABLE} (resource_id, document, sort_title) "
                f"SELECT s.id, {self.DOCUMENT.format(s='s')}, r.sort_title "
                f"FROM {STAGING} s JOIN {RESOURCES} r ON r.id = s.id"
            )
            if cursor.rowcount != len(rows):  # a caller's mistake: the join would drop rows silently
                raise ValueError(f"{len(rows) - cursor.rowcount} text row(s) without their {RESOURCES} row")
            cursor.execute(f"TRUNCATE {STAGING}")

    def delete(self, ids: Sequence[int] | None) -> None:
        delete_rows(TABLE, "resource_id", ids)

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")

    def found(self, clauses: Sequence[Clause]) -> tuple[str, list]:
        """SQL selecting ``id``, ``score`` and ``sort_title`` of the resources that match every clause.

        In one scan of the table. A clause's weight is the first weight label its ``tsquery``
        matches with, tested on the matched row's tsvector (no second lookup per row, no ``ts_rank``).
        """
        parts, params = [], []
        for clause in clauses:
            cases = []
            labels = ""
            terms = sorted({term for alternative in clause for term in alternative})
            for (_, weight), label in zip(FIELD_WEIGHTS[:-1], "ABC", strict=True):
                labels += label
                cases.append(f"WHEN t.document @@ %s::tsquery THEN {weight}")
                params.append(" | ".join(f"{term}:{labels}" for term in terms))
            parts.append(f"CASE {' '.join(cases)} ELSE {FIELD_WEIGHTS[-1][1]} END")
        sql = (
            f"SELECT t.resource_id AS id, {' + '.join(parts)} AS score, t.sort_title "
            f"FROM {TABLE} t WHERE t.document @@ %s::tsquery"
        )
        return sql, [*params, _tsquery(clauses)]


def _tsquery(clauses: Sequence[Clause]) -> str:
    return " & ".join(
        "(" + " | ".join("(" + " & ".join(alternative) + ")" for alternative in clause) + ")" for clause in clauses
    )


def forget_orphans(using: str = "default", **_signal) -> None:
    """Delete the text rows of resources the index does not hold (post_migrate receiver).

    Index writes change both tables in one transaction, so none exists in normal use;
    but ``flush`` (tests, ``manage.py flush``) empties the model tables, not this one, and
    its rows would then come back as matches of resources that are not there. Runs after
    every ``migrate`` and ``flush``: one anti-join, nothing when the tables agree.
    """
    db = connections[using]
    column = {"sqlite": "rowid", "postgresql": "resource_id"}.get(db.vendor)
    if column is None or TABLE not in db.introspection.table_names():
        return
    with db.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE NOT EXISTS (SELECT 1 FROM {RESOURCES} r WHERE r.id = {TABLE}.{column})"
        )


def full_text() -> SQLiteFullText | PostgresFullText:
    """The engine of the database in use."""
    vendor = connection.vendor
    if vendor == "sqlite":
        return SQLiteFullText()
    if vendor == "postgresql":
        return PostgresFullText()
    raise ImproperlyConfigured(f"The database search backend needs SQLite or PostgreSQL, not {vendor}.")
