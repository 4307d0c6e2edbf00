"""What a resource needs before it is published, and a write-up before it is
submitted or published: one function over plain facts.

A resource needs a theme and its own date. The organisers' guide asks more of an event
write-up: a description of the event (with attendance and organisation
details), feedback on one or more formats and one or more photos; the hub adds
a theme and an open licence with its attribution. The facts come from the page
being saved (the model, hence the workflow and the API) or from the form being
submitted (the admin): both ask ``missing_requirements`` and give the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Requirement:
    """One item of the checklist: the field it belongs to and what to do."""

    field: str | None  # None: not one field (formats, photos)
    message: str


THEME_REQUIRED_MESSAGE = "themes : choisissez au moins une thématique avant de publier cette ressource."
THEME_TO_PUBLISH = Requirement("themes", THEME_REQUIRED_MESSAGE)
# A resource's own date (its publication, airing or event), not its publication on the hub.
DATE_TO_PUBLISH = Requirement(
    "date", "date : indiquez la date de la ressource (parution, diffusion, événement), au moins son année."
)

DESCRIPTION = Requirement("summary", "Description : présentez l'événement en quelques phrases (résumé).")
# The guide asks for "some details on attendance or organisation": either will do.
ATTENDANCE_OR_PLACE = Requirement(
    "participants_count",
    "Fréquentation ou organisation : indiquez au moins le nombre de participants, ou le lieu ou la ville.",
)
FORMAT = Requirement(None, "Formats : ajoutez au moins un retour sur un format (atelier, plénière, fishbowl…).")
PHOTO = Requirement(None, "Photos : ajoutez au moins une photo de l'événement, avec sa licence et son crédit.")
THEMES = Requirement("themes", "Thématiques : choisissez au moins une thématique.")
LICENCE = Requirement("licence", "Licence : choisissez une licence ouverte.")
ATTRIBUTION = Requirement("attribution", "Crédit : indiquez l'auteur ou l'organisation à créditer.")


@dataclass(frozen=True)
class ResourceFacts:
    """What publishing a resource looks at."""

    themes: int
    # Whether the resource carries its own date (a write-up always does: its event's first day).
    dated: bool = True


@dataclass(frozen=True, kw_only=True)
class WriteUpFacts(ResourceFacts):
    """What the write-up checklist looks at, wherever it comes from."""

    summary: str
    venue: str
    city: str
    participants_count: int | None
    formats: int
    photos: int
    licence_is_open: bool
    attribution: str


def missing_requirements(facts: ResourceFacts) -> list[Requirement]:
    """What the resource (or write-up) does not meet yet before publication, in reading order."""
    if not isinstance(facts, WriteUpFacts):
        checks = [(THEME_TO_PUBLISH, facts.themes > 0), (DATE_TO_PUBLISH, facts.dated)]
        return [requirement for requirement, met in checks if not met]
    checks = [
        (DESCRIPTION, bool(facts.summary.strip())),
        (
            ATTENDANCE_OR_PLACE,
            facts.participants_count is not None or bool(facts.city.strip() or facts.venue.strip()),
        ),
        (FORMAT, facts.formats > 0),
        (PHOTO, facts.photos > 0),
        (THEMES, facts.themes > 0),
        (LICENCE, facts.licence_is_open),
        (ATTRIBUTION, bool(facts.attribution.strip())),
    ]
    return [requirement for requirement, met in checks if not met]
