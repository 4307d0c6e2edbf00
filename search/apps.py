from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = "Recherche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: the signal handlers import models, which need the app registry ready.
        from search import signals

        # Every change a search document depends on is recorded in the outbox.
        signals.connect()
