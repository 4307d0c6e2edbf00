"""``manage.py load_demo_content``: build the demo page tree from the seeds' facts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bases.demo.builder import DemoContentError, load_demo_content
from bases.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Crée ou met à jour le contenu de démonstration (accueil, bases, thématiques, principes, "
        "ressources, comptes rendus, collections, images), tout publié sous licence ouverte. "
        "Peut être relancée sans créer de doublons."
    )

    def handle(self, *args, **options) -> None:
        try:
            counts = load_demo_content(report=self.stdout.write)
        except DemoContentError as exc:
            raise CommandError(f"Contenu de démonstration non chargé (rien n'a été enregistré) : {exc}") from exc
        except ValidationError as exc:
            raise CommandError(
                f"Contenu de démonstration non chargé (rien n'a été enregistré) : {'; '.join(exc.messages)}"
            ) from exc
        except Exception as exc:  # anything else: still a clear, non-zero exit
            raise CommandError(
                f"Contenu de démonstration non chargé (rien n'a été enregistré) : {type(exc).__name__}: {exc}"
            ) from exc
        ensure_roles()  # the « NEC locaux » base now exists: its permissions and review workflow
        self.stdout.write("Rôles et circuit de relecture « NEC locaux » en place.")
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration prêt : {counts.as_text()}."))
