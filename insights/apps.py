from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = "Statistiques de recherche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: the receivers import models, which need the app registry ready.
        from insights import recording

        # Search announces its searches and clicks (search.events); record them.
        recording.connect()
