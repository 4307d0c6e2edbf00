from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = "Recherche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: the signal handlers import models, which need the app registry ready.
        from search import signals
        from search.backends.database import fulltext

        # Every change a search document depends on is recorded in the outbox.
        signals.connect()
        # The full-text table is no model: a flush leaves its rows, this drops them.
        post_migrate.connect(fulltext.forget_orphans, sender=self, dispatch_uid="hubsearch.fulltext.orphans")
