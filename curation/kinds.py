"""Which facts belong to which kind of collection, and the coherence checks on them.

Each kind has its own facts (an edition's figures, a local series' territory
and dates, a podcast's episodes, a review's issues); a fact filled in on a
collection of another kind is refused by name rather than silently kept.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class CollectionKind(models.TextChoices):
    NATIONAL_EDITION = "national_edition", "Édition nationale"
    LOCAL_NECS = "local_necs", "NEC locaux"
    PODCAST = "podcast", "Podcast"
    REVIEW = "review", "Revue"
    THEMATIC = "thematic", "Sélection thématique"


NATIONAL_EDITION = CollectionKind.NATIONAL_EDITION
LOCAL_NECS = CollectionKind.LOCAL_NECS
PODCAST = CollectionKind.PODCAST
REVIEW = CollectionKind.REVIEW

# The facts each kind may carry, by field name: the model's fields, the pages
# API's fields and the collections router's shape all read these lists.
EDITION_FACTS = (
    "edition_year",
    "edition_city",
    "edition_venue",
    "attendees_count",
    "speakers_count",
    "online_viewers_count",
    "online_participants_count",
)
LOCAL_FACTS = ("local_territory", "local_start_date", "local_end_date")
# What every API shape of a collection shows of its own fields.
COLLECTION_FACTS = ("kind", "introduction", *EDITION_FACTS, *LOCAL_FACTS)

# field → the kinds it makes sense for (a year also dates a series of local NECs)
FIELD_KINDS: dict[str, frozenset[str]] = {
    "edition_year": frozenset({NATIONAL_EDITION, LOCAL_NECS}),
    **{name: frozenset({NATIONAL_EDITION}) for name in EDITION_FACTS if name != "edition_year"},
    **{name: frozenset({LOCAL_NECS}) for name in LOCAL_FACTS},
    "episodes": frozenset({PODCAST}),
    "issues": frozenset({REVIEW}),
}


def _is_set(value) -> bool:
    if value is None or value == "":
        return False
    if hasattr(value, "__len__") and not isinstance(value, str):
        return len(value) > 0
    return True


def kind_errors(page) -> dict[str, list[str]]:
    """Field → messages for the facts of ``page`` that do not fit its kind or each other."""
    errors: dict[str, list[str]] = {}
    labels = dict(CollectionKind.choices)
    for name, kinds in FIELD_KINDS.items():
        if page.kind not in kinds and _is_set(getattr(page, name, None)):
            label = page._meta.get_field(name).verbose_name
            allowed = " ou ".join(f"« {labels[kind]} »" for kind in sorted(kinds))
            errors[name] = [
                f"« {label} » ne concerne que le type {allowed}, pas « {labels.get(page.kind, page.kind)} » : "
                "videz ce champ ou changez le type de collection."
            ]
    checks = {NATIONAL_EDITION: _edition_errors, LOCAL_NECS: _local_errors, PODCAST: _episode_errors, REVIEW: _issue_errors}
    if page.kind in checks:
        for name, message in checks[page.kind](page):
            errors.setdefault(name, []).append(message)
    return errors


def _edition_errors(page):
    if not page.edition_year:
        yield "edition_year", "Une édition nationale doit indiquer son année."
    if page.attendees_count is not None and page.speakers_count is not None:
        if page.speakers_count > page.attendees_count:
            yield "speakers_count", (
                f"{page.speakers_count} intervenants pour {page.attendees_count} participants sur place : "
                "les intervenants ne peuvent pas être plus nombreux que les participants."
            )


def _local_errors(page):
    start, end = page.local_start_date, page.local_end_date
    if end is not None and start is None:
        yield "local_start_date", "Une date de fin sans date de début : indiquez aussi la date de début."
    elif start is not None and end is not None and end < start:
        yield "local_end_date", f"La date de fin ({end:%d/%m/%Y}) précède la date de début ({start:%d/%m/%Y})."
    year = page.edition_year
    if year and start is not None and start.year != year:
        yield "local_start_date", f"La date de début ({start:%d/%m/%Y}) n'est pas en {year}, l'année indiquée."


def _numbers_errors(field: str, stream, what: str):
    seen: set[int] = set()
    for block in stream or []:
        number = block.value.get("number")
        if number in seen:
            yield field, f"Le {what} n° {number} apparaît deux fois."
        seen.add(number)


def _episode_errors(page):
    yield from _numbers_errors("episodes", page.episodes, "épisode")


def _issue_errors(page):
    yield from _numbers_errors("issues", page.issues, "numéro")


def raise_kind_errors(page) -> None:
    """Raise a ValidationError naming every misplaced or incoherent fact."""
    errors = kind_errors(page)
    if errors:
        raise ValidationError(errors)
