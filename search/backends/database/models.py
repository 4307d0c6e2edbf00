"""Index tables of the database search backend (search/backends/database/backend.py).

A denormalised copy of what is searchable, rebuilt from ``ResourceDocument``s:
one row per resource and its facet values. The words themselves go to the
database's own full-text engine (``fulltext.py``: FTS5 on SQLite, tsvector and
GIN on PostgreSQL), in a table the migration creates for the database in use.
Nothing else reads or writes these tables.

The foreign keys are references for the ORM only: no cascade (the backend
deletes children first, then parents, one statement each, in a transaction)
and no database constraint. Only search/backends/database/backend.py writes these
derived tables, and the constraint made loading the index several times
slower: a deferred check per term row at commit on PostgreSQL, and no fast
truncate on SQLite. The primary keys start with the resource id, so they
serve as its index.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F

__all__ = ["IndexGeneration", "IndexedFacetSet", "IndexedFacetValue", "IndexedResource"]


class NewestFirstIndex(models.Index):
    """(date, first_published_at, id) descending, undated last: the order of every search
    without text (relevance falls back to it) and of the « newest » sort.

    PostgreSQL needs ``NULLS LAST`` spelt out to read the order from the index; SQLite
    refuses it in an index, but already puts NULLs last when descending, so there the
    plain descending columns serve the same ``ORDER BY``.
    """

    def create_sql(self, model, schema_editor, using: str = "", **kwargs):
        if schema_editor.connection.vendor == "sqlite":
            plain = models.Index(fields=["-date", "-first_published_at", "-id"], name=self.name)
            return plain.create_sql(model, schema_editor, using, **kwargs)
        return super().create_sql(model, schema_editor, using, **kwargs)


class IndexedResource(models.Model):
    """One searchable resource: what sorting, a result card and highlighting need."""

    id = models.BigIntegerField(primary_key=True)  # the page id
    title = models.TextField()
    # Folded words of the title, space-separated: title sort and suggestions.
    sort_title = models.TextField(db_index=True)
    summary = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    # The rest of the result card (url, type, licence, base, themes, date precision) and
    # what highlighting needs besides (event facts, taxonomy labels, tags), as stored JSON.
    card = models.JSONField(default=dict)
    first_published_at = models.DateTimeField(null=True, db_index=True)
    # The resource's own date: the newest/oldest sorts (its precision is in the card).
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            NewestFirstIndex(
                F("date").desc(nulls_last=True),
                F("first_published_at").desc(nulls_last=True),
                F("id").desc(),
                name="hubsearch_newest_idx",
            ),
            # The title order (ordering.py reads it once per index generation) from the index
            # alone: at 100,000 resources ~20 ms rather than sorting the titles (~110 ms).
            models.Index(fields=["sort_title", "id"], name="hubsearch_title_order_idx"),
        ]
        verbose_name = "ressource indexée"
        verbose_name_plural = "ressources indexées"

    def __str__(self) -> str:
        return self.title


class IndexedFacetValue(models.Model):
    """A value a resource carries for one facet (a theme slug, a year...)."""

    pk = models.CompositePrimaryKey("resource_id", "facet", "value")
    resource = models.ForeignKey(
        IndexedResource,
        on_delete=models.DO_NOTHING,
        related_name="facet_values",
        db_index=False,
        db_constraint=False,
    )
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=255)
    label = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "resource"], name="hubsearch_facet_value_idx")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class IndexedFacetSet(models.Model):
    """The resources carrying one facet value, as a bitset over their ids (facet_sets.py).

    Derived from ``IndexedFacetValue`` by every index write, in its transaction, so
    that a search reads ~90 rows rather than every facet-value row to count facets.
    """

    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=255)
    label = models.CharField(max_length=255)
    # Little-endian bytes of the bitset: bit i set when resource i carries the value.
    members = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facet", "value"], name="hubsearch_facet_set_unique")]
        verbose_name = "ensemble d'une valeur de facette"
        verbose_name_plural = "ensembles des valeurs de facettes"

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class IndexGeneration(models.Model):
    """One row: a token every write to the index replaces (cache.py), in the write's transaction.

    The per-process result cache keys its entries by this token, so a commit that
    changes the index makes every process's entries unreachable at once. A random
    token rather than a counter: a rolled-back write (a test, a failed reindex) must
    not leave a number that a later, different write reaches again.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "génération de l'index"
        verbose_name_plural = "générations de l'index"

    def __str__(self) -> str:
        return self.token
