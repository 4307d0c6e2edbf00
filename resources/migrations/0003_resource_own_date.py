"""Every resource carries its own date (``date`` + ``date_precision``), apart from the
hub's publication dates.

A write-up's date is its event's first day: copied from ``start_date``, with the
precision the write-up had (the field moves up to ``ResourcePage``). Other
resources have no date yet: the migration says how many; they need one before
their next publication (resources/readiness.py).
"""

from django.db import migrations, models


def copy_event_dates(apps, schema_editor):
    ResourcePage = apps.get_model("resources", "ResourcePage")
    EventReportPage = apps.get_model("resources", "EventReportPage")
    reports = {pk: (start, precision) for pk, start, precision in EventReportPage.objects.values_list(
        "pk", "start_date", "date_precision"
    )}
    pages = list(ResourcePage.objects.filter(pk__in=reports))
    for page in pages:
        page.date, page.own_date_precision = reports[page.pk]
    ResourcePage.objects.bulk_update(pages, ["date", "own_date_precision"], batch_size=500)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    types = ContentType.objects.filter(app_label="resources", model="eventreportpage")
    revisions = list(Revision.objects.filter(content_type__in=types))
    for revision in revisions:
        revision.content["date"] = revision.content.get("start_date")
    Revision.objects.bulk_update(revisions, ["content"], batch_size=500)
    undated = ResourcePage.objects.filter(date=None).count()
    if undated:
        print(f"\n  {undated} ressource(s) sans date propre : à compléter avant leur prochaine publication.")


def copy_back(apps, schema_editor):
    ResourcePage = apps.get_model("resources", "ResourcePage")
    EventReportPage = apps.get_model("resources", "EventReportPage")
    precisions = dict(ResourcePage.objects.values_list("pk", "own_date_precision"))
    for report in EventReportPage.objects.all():
        EventReportPage.objects.filter(pk=report.pk).update(date_precision=precisions.get(report.pk, "day"))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_territory_from_register"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="resourcepage",
            name="date",
            field=models.DateField(
                blank=True,
                help_text=(
                    "La date de l'œuvre elle-même (parution, diffusion, événement), pas sa publication sur Les Bases. "
                    "Nécessaire pour publier."
                ),
                null=True,
                verbose_name="date de la ressource",
            ),
        ),
        # Added under another name first: a parent's field may not clash with the child's
        # date_precision, which is removed once copied.
        migrations.AddField(
            model_name="resourcepage",
            name="own_date_precision",
            field=models.CharField(
                choices=[("day", "Jour exact"), ("month", "Mois seulement"), ("year", "Année seulement")],
                default="day",
                help_text="Quand seuls le mois ou l'année sont connus : indiquez le 1er du mois ou le 1er janvier.",
                max_length=8,
                verbose_name="précision de la date",
            ),
        ),
        migrations.RunPython(copy_event_dates, copy_back),
        migrations.RemoveField(model_name="eventreportpage", name="date_precision"),
        migrations.RenameField(model_name="resourcepage", old_name="own_date_precision", new_name="date_precision"),
    ]
