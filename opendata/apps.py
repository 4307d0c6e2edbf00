from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Données ouvertes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: the tombstone handlers import models, which need the app registry ready.
        from opendata import tombstones

        tombstones.connect()
