"""Resources point at the territory register instead of a free-text territory.

Each free-text value is matched to the register by name, narrowed by the
département or région given after a comma or in brackets (« Metz, Moselle
(Grand Est) »); values that match no territory, or several, are listed in the
migration's output with the resources concerned, and left empty for an editor
to choose. Revisions are moved too, so that no draft holds a free-text value
the new field cannot read. When the register is still empty, it is loaded first
(the npm dataset if installed, else the extract shipped with the app).
"""

import django.db.models.deletion
from django.db import migrations, models

# This migration reads with the apps' current code (matching and loading take a
# queryset or a model, the historical ones here): the register's rules in one place.
from territories.dataset import package_data_dir, read_rows, sample_data_dir
from territories.loading import load
from territories.matching import match_free_text

RESOURCE_MODELS = ("resourcepage", "eventreportpage")


def _revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    types = ContentType.objects.filter(app_label="resources", model__in=RESOURCE_MODELS)
    return Revision.objects.filter(content_type__in=types)


def to_register(apps, schema_editor):
    ResourcePage = apps.get_model("resources", "ResourcePage")
    Territory = apps.get_model("territories", "Territory")
    texts = dict.fromkeys(ResourcePage.objects.exclude(territory="").values_list("territory", flat=True))
    revisions = [r for r in _revisions(apps).iterator() if isinstance((r.content or {}).get("territory"), str)]
    texts.update(dict.fromkeys(r.content["territory"] for r in revisions if r.content["territory"].strip()))
    if not texts:
        return
    if not Territory.objects.exists():
        folder = package_data_dir() if (package_data_dir() / "communes.json").exists() else sample_data_dir()
        print(f"\n  Registre des territoires vide : chargement depuis {folder}")
        load(read_rows(folder), model=Territory)
    matches = {text: match_free_text(text, Territory.objects.all()) for text in texts}
    for text, match in matches.items():
        if match.territory_id:
            ResourcePage.objects.filter(territory=text).update(territory_ref=match.territory_id)
        else:
            pages = ResourcePage.objects.filter(territory=text).values_list("pk", "title")
            listed = "; ".join(f"#{pk} {title}" for pk, title in pages) or "brouillons seulement"
            print(f"\n  Territoire non rattaché : « {text} » — {match.reason}. Ressources : {listed}")
    for revision in revisions:
        match = matches.get(revision.content["territory"])
        revision.content["territory"] = match.territory_id if match else None
    _revisions(apps).model.objects.bulk_update(revisions, ["content"], batch_size=500)


def to_free_text(apps, schema_editor):
    ResourcePage = apps.get_model("resources", "ResourcePage")
    for page in ResourcePage.objects.exclude(territory_ref=None).select_related("territory_ref"):
        ResourcePage.objects.filter(pk=page.pk).update(territory=page.territory_ref.name)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("territories", "0001_register"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="resourcepage",
            name="territory_ref",
            field=models.ForeignKey(
                null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="territories.territory",
            ),
        ),
        migrations.RunPython(to_register, to_free_text),
        migrations.RemoveField(model_name="resourcepage", name="territory"),
        migrations.RenameField(model_name="resourcepage", old_name="territory_ref", new_name="territory"),
        migrations.AlterField(
            model_name="resourcepage",
            name="territory",
            field=models.ForeignKey(
                blank=True,
                help_text="La commune, le département ou la région concernés (registre INSEE).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="resources",
                to="territories.territory",
                verbose_name="territoire",
            ),
        ),
    ]
