"""SQL the ORM spells slowly: membership in a long list of ids.

``filter(pk__in=ids)`` writes one placeholder per id. With thousands of ids
(indexing reads resources 2,000 at a time) Django's compiler and psycopg's
query parser spend longer on the placeholders than the database spends on
the query. ``IdIn`` passes the ids as one parameter instead: a PostgreSQL
array, a JSON array on SQLite (``json_each``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db.models import BooleanField, Expression, F


class IdIn(Expression):
    """``field IN (ids)`` as one parameter, usable in ``filter()`` and ``Q``: ``filter(IdIn("pk", ids))``."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, ids: Iterable[int]):
        super().__init__()
        self.target = F(field)
        self.ids = [int(pk) for pk in ids]

    def get_source_expressions(self) -> list:
        return [self.target]

    def set_source_expressions(self, expressions: list) -> None:
        (self.target,) = expressions

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.target = self.target.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return clone

    def as_sql(self, compiler, connection):
        # Any other database: the placeholders after all (an empty list matches nothing).
        column, params = compiler.compile(self.target)
        if not self.ids:
            return "1 = 0", []
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]

    def as_postgresql(self, compiler, connection):
        column, params = compiler.compile(self.target)
        # Typed: psycopg would send smallint[] when every id is small.
        return f"{column} = ANY(%s::bigint[])", [*params, self.ids]

    def as_sqlite(self, compiler, connection):
        column, params = compiler.compile(self.target)
        return f"{column} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.ids)]
