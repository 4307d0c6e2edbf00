from django.apps import AppConfig


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = "Licences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: it imports models and v3's schema generators, which need the app registry ready.
        from licensing.api.fields import register_licence_field_schemas

        # Before v3 builds its page schemas: how an OpenLicenceField reads and writes.
        register_licence_field_schemas()
