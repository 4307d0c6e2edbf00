#!/usr/bin/env python
"""Which French stemmer should search use? Prints a measurement, not a test.

    .venv/bin/python scripts/measure_stemmers.py

For each candidate (the light stemmer search used until now, Lucene's
« minimal » French stemmer, Snowball French), over the hub's own vocabulary:

- **conflations wanted**: pairs of words a visitor expects to find each other
  (plural, feminine, noun and adjective of one notion: « écologie » and
  « écologique », « médiation » and « médiateur »);
- **conflations unwanted**: pairs that must stay apart (« communs » and
  « communication », « médiation » and « médiathèque »);

and prints, per stemmer, how many wanted pairs conflate (recall) and how many
unwanted ones wrongly do (false merges). The chosen stemmer is in
search/french.py (``stem``); the README's « Search » section records the run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search import french  # noqa: E402  (pure Python, no Django needed)

WANTED = [
    ("écologie", "écologique"), ("écologique", "écologiques"), ("territoire", "territoires"),
    ("numérique", "numériques"), ("donnée", "données"), ("ouverte", "ouvertes"), ("ouvert", "ouverte"),
    ("médiation", "médiations"), ("médiateur", "médiatrice"), ("médiateurs", "médiateur"),
    ("inclusif", "inclusive"), ("inclusion", "inclusive"), ("accessibilité", "accessible"),
    ("bibliothèque", "bibliothèques"), ("tiers-lieu", "tiers-lieux"), ("lieu", "lieux"), ("rural", "ruraux"),
    ("rurale", "ruraux"), ("sobriété", "sobre"), ("collectivité", "collectivités"), ("local", "locaux"),
    ("locale", "local"), ("formation", "formations"), ("former", "formation"), ("atelier", "ateliers"),
    ("territorial", "territoriale"), ("numérique", "numériques"), ("citoyen", "citoyenne"),
    ("citoyenne", "citoyens"), ("solidaire", "solidaires"), ("public", "publics"), ("publique", "publiques"),
    ("évaluation", "évaluer"), ("cartographie", "cartographier"), ("participation", "participatif"),
    ("mutualisation", "mutualiser"), ("accompagnement", "accompagner"), ("émancipation", "émancipateur"),
    ("habitant", "habitantes"), ("association", "associations"), ("jeune", "jeunes"), ("travail", "travaux"),
    ("réemploi", "réemplois"), ("sécurité", "sécurités"), ("ressource", "ressources"),
]
UNWANTED = [
    ("communs", "communication"), ("commun", "communiquer"), ("médiation", "médiathèque"),
    ("numérique", "numéro"), ("données", "don"), ("données", "donner"), ("ouvert", "ouvrier"),
    ("formation", "forme"), ("information", "informatique"), ("territoire", "terre"), ("public", "publication"),
    ("politique", "police"), ("sobriété", "sobre-"), ("libre", "liberté"), ("lieu", "lien"),
    ("santé", "sans"), ("culture", "cultiver"), ("école", "écologie"), ("service", "servir"),
    ("université", "universel"), ("général", "générer"), ("organisation", "organe"), ("action", "actif"),
    ("élu", "élution"), ("associatif", "associer"),
]


def conflate(stemmer, first: str, second: str) -> bool:
    return set(french.analyse_with(first, stemmer)) & set(french.analyse_with(second, stemmer)) != set()


def main() -> None:
    print("| stemmer | wanted pairs conflated | unwanted pairs merged | missed | wrongly merged |")
    print("| --- | --- | --- | --- | --- |")
    for name, stemmer in french.STEMMERS.items():
        missed = [f"{a}/{b}" for a, b in WANTED if not conflate(stemmer, a, b)]
        merged = [f"{a}/{b}" for a, b in UNWANTED if conflate(stemmer, a, b)]
        print(f"| {name} | {len(WANTED) - len(missed)}/{len(WANTED)} | {len(merged)}/{len(UNWANTED)} "
              f"| {', '.join(missed) or '—'} | {', '.join(merged) or '—'} |")
    print(f"\nIn use: {french.STEMMER_IN_USE}.")


if __name__ == "__main__":
    main()
