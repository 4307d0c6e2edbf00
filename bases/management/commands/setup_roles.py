"""``manage.py setup_roles``: (re)apply the roles and the « NEC locaux » review workflow."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from bases.roles import EDITORS, ORGANISERS, WORKFLOW_NAME, ensure_roles


class Command(BaseCommand):
    help = "Crée ou complète les groupes « Organisateurs NEC locaux » et « Équipe éditoriale » et le circuit de relecture."

    def handle(self, *args, **options) -> None:
        found = ensure_roles()
        self.stdout.write(self.style.SUCCESS(f"Groupes prêts : « {ORGANISERS} », « {EDITORS} »."))
        if found:
            self.stdout.write(self.style.SUCCESS(f"Base « NEC locaux » : droits et circuit « {WORKFLOW_NAME} » en place."))
        else:
            self.stdout.write(self.style.WARNING(
                "La base « NEC locaux » (slug nec-locaux) n'existe pas encore : relancez cette commande après l'avoir créée."
            ))
