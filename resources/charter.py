"""The NEC charter's points a reviewer looks at: speakers' parity, free and open."""

from __future__ import annotations

from dataclasses import dataclass, field

# Below this share of women (or of men) among speakers, the reviewer is told.
PARITY_THRESHOLD = 0.4


@dataclass(frozen=True)
class CharterSummary:
    parity_text: str
    free_and_open_text: str
    warnings: list[str] = field(default_factory=list)


def charter_summary(women: int | None, men: int | None, free_and_open: bool | None) -> CharterSummary:
    """What the review screen shows; warnings inform, they never refuse."""
    warnings: list[str] = []
    if women is None or men is None:
        parity_text = "répartition femmes / hommes non renseignée"
        warnings.append("La répartition des intervenant·es n'est pas renseignée.")
    elif women + men == 0:
        parity_text = "aucun·e intervenant·e compté·e"
    else:
        share = women / (women + men)
        parity_text = f"{women} femme(s), {men} homme(s) — {round(share * 100)} % de femmes"
        if women == 0:
            warnings.append("Aucune intervenante : la charte exclut les panels exclusivement masculins.")
        elif min(share, 1 - share) < PARITY_THRESHOLD:
            warnings.append("La programmation s'éloigne de la parité demandée par la charte.")
    if free_and_open is None:
        free_and_open_text = "non renseigné"
        warnings.append("Il n'est pas indiqué si l'événement était gratuit et ouvert à toutes et tous.")
    elif free_and_open:
        free_and_open_text = "oui"
    else:
        free_and_open_text = "non"
        warnings.append("L'événement n'était pas gratuit et ouvert à toutes et tous, comme la charte le demande.")
    return CharterSummary(parity_text, free_and_open_text, warnings)
