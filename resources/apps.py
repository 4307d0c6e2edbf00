from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Ressources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from bases.roles import ensure_roles_after_migrate

        # Roles and the « NEC locaux » review workflow, after every migrate or flush.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="bases.roles.ensure_roles")
