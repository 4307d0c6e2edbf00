"""Seed the licence register with the open licences NEC uses and one that is not open."""

from django.db import migrations

from licensing.initial_licences import INITIAL_LICENCES


def seed_licences(apps, schema_editor):
    Licence = apps.get_model("licensing", "Licence")
    for data in INITIAL_LICENCES:
        fields = {key: value for key, value in data.items() if key != "id"}
        fields["open_key"] = data["id"] if data["is_open"] else None
        Licence.objects.update_or_create(id=data["id"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial")]

    operations = [migrations.RunPython(seed_licences, migrations.RunPython.noop)]
