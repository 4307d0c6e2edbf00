"""Load (or refresh) the territory register from the INSEE Code officiel géographique."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.progress import TextProgressBar
from territories.dataset import (
    LICENCE_URL,
    SOURCE_CREDIT,
    DatasetError,
    package_data_dir,
    read_rows,
    sample_data_dir,
)
from territories.loading import load


class Command(BaseCommand):
    help = (
        "Charge les régions, départements et communes (codes INSEE) depuis le paquet npm "
        "@etalab/decoupage-administratif (Licence Ouverte 2.0). Relancer la commande ne crée rien de plus."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--source", type=Path, help="Dossier contenant regions.json, departements.json et communes.json."
        )
        source.add_argument(
            "--sample", action="store_true", help="Charger l'extrait livré avec l'application (démo, tests)."
        )

    def handle(self, *args, source: Path | None = None, sample: bool = False, **options):
        folder = sample_data_dir() if sample else source or package_data_dir()
        self.stdout.write(SOURCE_CREDIT)
        self.stdout.write(f"Licence : {LICENCE_URL}")
        started = time.monotonic()
        try:
            rows = list(read_rows(folder))
        except DatasetError as error:
            raise CommandError(str(error)) from None
        if not rows:
            raise CommandError(f"{folder} : aucun territoire à charger (régions, départements, communes).")
        bar = TextProgressBar(self.stdout, label="Territoires ")
        report = load(rows, progress=bar)
        bar.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rows)} territoires lus dans {folder} en {time.monotonic() - started:.1f} s : "
                f"{report.created} créés, {report.updated} mis à jour, {report.unchanged} inchangés."
            )
        )
        if report.absent:
            self.stdout.write(
                f"{report.absent} territoires du registre ne figurent plus dans ces données : conservés "
                "(des ressources peuvent y renvoyer)."
            )
