"""Bulk writes of the database backend's index tables, the fastest way each database offers.

Plain tuples, no model instances and no model signals: these derived tables
are search's own (``models.py``), no receiver acts on their rows, and a
``QuerySet.delete()`` that a global ``post_delete`` receiver forces to load
every row first cost more than the whole rebuild.

- **SQLite**: ``executemany``, which runs the statement's loop in C.
- **PostgreSQL**: ``COPY … FROM STDIN`` (psycopg 3): rows streamed in one
  command, no statement or parameter array per batch. With the analysis
  cache (``search.text``) it replaced ``INSERT … SELECT FROM UNNEST``: a
  10,000-resource rebuild spent 22 s beyond building its documents instead
  of 105 s (one run each, loaded 2-core machine).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection


def quoted_columns(columns: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(column) for column in columns)


def insert_rows(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert ``rows`` (values already prepared for the database) into ``table``'s ``columns``."""
    if not rows:
        return
    target = f"{connection.ops.quote_name(table)} ({quoted_columns(columns)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {target} VALUES ({', '.join(['%s'] * len(columns))})", rows)


def delete_rows(table: str, column: str, ids: Sequence[int] | None) -> None:
    """Delete the rows whose ``column`` is one of ``ids`` (every row when ``ids`` is None)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {quote(table)}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {quote(table)} WHERE {quote(column)} = ANY(%s)", [list(ids)])
        elif ids:
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {quote(table)} WHERE {quote(column)} IN ({placeholders})", list(ids))


def prepared_rows(model, names: Sequence[str], rows: Sequence[tuple]) -> list[tuple]:
    """Rows of ``model``'s fields ``names`` with each value as the database stores it.

    What ``bulk_create`` does per instance (``get_db_prep_save``: JSON dumped,
    datetimes made naive UTC on SQLite…), only for the columns that need it.
    """
    fields = [model._meta.get_field(name) for name in names]
    converting = [
        (i, field) for i, field in enumerate(fields)
        if field.get_internal_type() in {"JSONField", "DateTimeField", "DateField"}
    ]
    if not converting:
        return list(rows)
    prepared = []
    for row in rows:
        values = list(row)
        for i, field in converting:
            values[i] = field.get_db_prep_save(values[i], connection)
        prepared.append(tuple(values))
    return prepared


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off for a bulk load, restored as it was even on error.

    A rebuild allocates millions of small objects (documents, rows, term
    strings) that hold no reference cycles the load needs freed; each
    allocation burst otherwise triggers full collections over all of them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
