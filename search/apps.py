from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "hubsearch"
    verbose_name = "Recherche"
    default_auto_field = "django.db.models.BigAutoField"
