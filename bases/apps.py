from django.apps import AppConfig
from django.db.models.signals import post_migrate

from bases import content_changes


class BasesConfig(AppConfig):
    name = "bases"
    verbose_name = "Les Bases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: roles import models, which need the app registry ready.
        from bases.roles import ensure_roles_after_migrate

        # local import: v3's schema generators need the app registry ready.
        from core.api.field_schemas import register_page_link_schemas

        # Before v3 builds its page schemas: themes and principles read as page links.
        register_page_link_schemas()
        # Roles and the « NEC locaux » review workflow, after every migrate or flush.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="bases.roles.ensure_roles")
        # Public content changed → the response cache serves nothing stored before.
        content_changes.connect()
