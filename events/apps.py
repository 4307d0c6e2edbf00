from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "NEC locaux : événements et candidatures"
    default_auto_field = "django.db.models.BigAutoField"
