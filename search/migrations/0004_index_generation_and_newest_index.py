# The result cache's generation token (search/backends/database/cache.py) and the index
# for the order of searches without text (search/backends/database/models.py).

import secrets

import django.db.models.expressions
from django.db import migrations, models

import search.backends.database.models


def first_generation(apps, schema_editor) -> None:
    """A token from the start, so that an index migrated with its data is cached at once."""
    apps.get_model("hubsearch", "IndexGeneration").objects.using(schema_editor.connection.alias).update_or_create(
        id=1, defaults={"token": secrets.token_hex(16)}
    )


class Migration(migrations.Migration):

    dependencies = [
        ('hubsearch', '0003_indexed_resource_own_date'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexGeneration',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('token', models.CharField(max_length=32)),
            ],
            options={
                'verbose_name': "génération de l'index",
                'verbose_name_plural': "générations de l'index",
            },
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='indexedresource',
            index=search.backends.database.models.NewestFirstIndex(
                django.db.models.expressions.OrderBy(django.db.models.expressions.F('date'), descending=True, nulls_last=True),
                django.db.models.expressions.OrderBy(django.db.models.expressions.F('first_published_at'), descending=True, nulls_last=True),
                django.db.models.expressions.OrderBy(django.db.models.expressions.F('id'), descending=True),
                name='hubsearch_newest_idx',
            ),
        ),
    ]
