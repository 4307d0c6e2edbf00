from django.apps import AppConfig


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = "Licences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Before v3 builds its page schemas: how an OpenLicenceField reads and writes.
        from licensing.api.fields import register_licence_field_schemas

        register_licence_field_schemas()
