"""Seed the licence register with the open licences NEC uses and one that is not open."""

from django.db import migrations


def seed_licences(apps, schema_editor):
    from licensing.register import INITIAL_LICENCES

    Licence = apps.get_model("licensing", "Licence")
    for data in INITIAL_LICENCES:
        fields = {key: value for key, value in data.items() if key != "id"}
        fields["open_key"] = data["id"] if data["is_open"] else None
        Licence.objects.update_or_create(id=data["id"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial")]

    operations = [migrations.RunPython(seed_licences, migrations.RunPython.noop)]
