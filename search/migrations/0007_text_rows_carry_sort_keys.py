"""PostgreSQL: each full-text row carries its resource's sort keys (date, first publication,
sort title), so ordering the matches of a text needs no join to the resources table.

Filled from ``hubsearch_indexedresource`` for an index built before; every later write
copies them with the row (search/backends/database/fulltext.py). SQLite reads them from
the resources table by rowid: nothing changes there. Written out as SQL, so this
migration stays as it is whatever that module becomes.
"""

from django.db import migrations

ADD = [
    "ALTER TABLE hubsearch_text ADD COLUMN date date, ADD COLUMN first_published_at timestamp with time zone, "
    "ADD COLUMN sort_title text NOT NULL DEFAULT ''",
    "UPDATE hubsearch_text t SET date = r.date, first_published_at = r.first_published_at, sort_title = r.sort_title "
    "FROM hubsearch_indexedresource r WHERE r.id = t.resource_id",
]
DROP = ["ALTER TABLE hubsearch_text DROP COLUMN date, DROP COLUMN first_published_at, DROP COLUMN sort_title"]


def add_sort_keys(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ADD:
            schema_editor.execute(statement)


def drop_sort_keys(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("hubsearch", "0006_facet_sets"),
    ]

    operations = [
        migrations.RunPython(add_sort_keys, drop_sort_keys),
    ]
