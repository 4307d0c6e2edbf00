"""``manage.py invite_organiser EMAIL``: an organiser's account and sign-in link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bases.invitations import invite_organiser


class Command(BaseCommand):
    help = "Invite un·e organisateur·rice de NEC local : crée le compte dans le groupe et affiche (ou envoie) un lien de connexion."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--send", action="store_true", help="Envoyer le lien par e-mail en plus de l'afficher.")

    def handle(self, *args, **options) -> None:
        try:
            invitation = invite_organiser(
                options["email"], options["first_name"], options["last_name"], send=options["send"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        state = "créé" if invitation.created else "existant, ajouté au groupe"
        self.stdout.write(f"Compte {state} : {invitation.user.get_username()}")
        self.stdout.write(f"Lien de connexion (à usage unique) : {invitation.link}")
        if options["send"]:
            self.stdout.write(self.style.SUCCESS("Lien envoyé par e-mail."))
