"""PostgreSQL: full-text rows keep only their resource's sort title (the exact-title bonus).

Searches now read the index's orders once per generation
(search/backends/database/ordering.py) instead of sorting each text's matches, so the
dates migration 0007 copied onto every full-text row are read by nothing. The reverse
puts them back, filled from ``hubsearch_indexedresource``. Written out as SQL, as 0007.
"""

from django.db import migrations

DROP = ["ALTER TABLE hubsearch_text DROP COLUMN date, DROP COLUMN first_published_at"]
ADD = [
    "ALTER TABLE hubsearch_text ADD COLUMN date date, ADD COLUMN first_published_at timestamp with time zone",
    "UPDATE hubsearch_text t SET date = r.date, first_published_at = r.first_published_at "
    "FROM hubsearch_indexedresource r WHERE r.id = t.resource_id",
]


def drop_dates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


def add_dates(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ADD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("hubsearch", "0007_text_rows_carry_sort_keys"),
    ]

    operations = [
        migrations.RunPython(drop_dates, add_dates),
    ]
