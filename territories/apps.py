from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "territories"
    verbose_name = "Territoires"
    default_auto_field = "django.db.models.BigAutoField"
