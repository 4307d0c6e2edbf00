"""Create the « Organisateurs NEC locaux » and « Équipe éditoriale » groups.

Page permissions on the « NEC locaux » base and its review workflow need that
page, which an empty database does not have yet: ``bases.roles.ensure_roles``
adds them once it exists (after every migrate, ``setup_roles``, demo content).
"""

from django.db import migrations

from bases.roles import create_missing_permissions, ensure_groups


def create_roles(apps, schema_editor):
    create_missing_permissions(apps)
    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("licensing", "0002_seed_licences"),
        ("hubsearch", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
