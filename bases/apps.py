from django.apps import AppConfig


class BasesConfig(AppConfig):
    name = "bases"
    verbose_name = "Les Bases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bases.api_fields import register_field_schemas

        register_field_schemas()
