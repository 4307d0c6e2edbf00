from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Thématiques et principes"
    default_auto_field = "django.db.models.BigAutoField"
