"""The local NEC calendar as events, and one application awaiting review (demo facts).

The calendar of the local-NEC page gives days and months; only Metz carries its
year (2024), which the others share: they are the 2024 calendar. The two
write-ups of the demo report on 2023 events, which join the calendar as past
events linked to them. Territories are named by the register's keys and found
only if the register is loaded (``manage.py load_territories``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

CALENDAR_PAGE = {
    "slug": "calendrier",
    "title": "Calendrier des NEC locaux",
    "introduction": (
        "Les NEC locaux à venir et passés, partout en France. Abonnez-vous au calendrier, ou candidatez "
        "pour organiser le vôtre."
    ),
}


@dataclass(frozen=True, kw_only=True)
class LocalEvent:
    slug: str
    title: str
    start: date
    end: date | None = None
    territory_key: str = ""
    venue: str = ""
    organiser: str
    themes: tuple[str, ...] = ("inclusion-emancipation",)
    description: str
    formats: tuple[str, ...] = ()
    # The write-up this event links to (a demo write-up's slug).
    report_slug: str = ""
    # The calendar resource this event replaces (removed from the demo).
    replaces: str = ""


LOCAL_EVENTS: tuple[LocalEvent, ...] = (
    LocalEvent(
        slug="nec-occitanie-2024", title="NEC Occitanie", start=date(2024, 9, 30), territory_key="reg-76",
        organiser="Acteurs du numérique d'Occitanie",
        description="Un NEC local à l'échelle de la région Occitanie.", replaces="calendrier-nec-occitanie",
    ),
    LocalEvent(
        slug="nec-metz-2024", title="NEC Metz 2024", start=date(2024, 10, 3), territory_key="com-57463",
        organiser="Ville de Metz", description="Une nouvelle édition du NEC local de Metz.",
        formats=("plenary", "workshop"), replaces="calendrier-nec-metz-2024",
    ),
    LocalEvent(
        slug="nec-974-la-reunion-2024", title="NEC 974 La Réunion", start=date(2024, 11, 19),
        end=date(2024, 11, 20), territory_key="reg-04", organiser="Acteurs du numérique de La Réunion",
        description="Un NEC local sur deux jours à La Réunion.", replaces="calendrier-nec-974-la-reunion",
    ),
    LocalEvent(
        slug="nec-paris-saclay-2024", title="NEC Paris-Saclay", start=date(2024, 11, 21), territory_key="dep-91",
        organiser="Acteurs du territoire de Paris-Saclay",
        description="Un NEC local sur le territoire de Paris-Saclay, en Essonne.",
        replaces="calendrier-nec-paris-saclay",
    ),
    LocalEvent(
        slug="nec-ess-2024", title="NEC ESS", start=date(2024, 11, 27),
        organiser="Acteurs de l'économie sociale et solidaire",
        themes=("communs-souverainete",),
        description="Un NEC consacré à l'économie sociale et solidaire.", replaces="calendrier-nec-ess",
    ),
    LocalEvent(
        slug="nec-merignac-2024", title="NEC Mérignac", start=date(2024, 11, 27), territory_key="com-33281",
        organiser="Ville de Mérignac", description="Un NEC local à Mérignac, en Gironde.",
        replaces="calendrier-nec-merignac",
    ),
    LocalEvent(
        slug="nec-metz-2023", title="Numérique en Commun[s] Metz 2023", start=date(2023, 10, 1),
        territory_key="com-57463", venue="BLIIDA", organiser="Ville de Metz",
        description="Le NEC local de Metz en octobre 2023, dont la Ville a fait le retour d'expérience.",
        formats=("plenary", "workshop", "stand"), report_slug="nec-metz-2023",
    ),
    LocalEvent(
        slug="nec-pont-du-gard-2023", title="NEC Gard — Faire réseau : des acteurs, des solutions",
        start=date(2023, 10, 25), territory_key="com-30346", venue="Site du Pont du Gard",
        organiser="Réseau d'inclusion numérique gardois",
        description="Le premier NEC départemental du Gard, pour faire réseau entre les acteurs de l'inclusion.",
        formats=("plenary", "workshop"), report_slug="nec-pont-du-gard-2023",
    ),
)

# One application awaiting the editors' decision: a fictional structure, no real person.
PENDING_APPLICATION = {
    "event_name": "NEC Pays des Étangs 2027",
    "structure_name": "Association Numérique des Étangs (fictive)",
    "structure_kind": "association",
    "contact_first_name": "Dominique",
    "contact_last_name": "Exemple",
    "contact_email": "candidature-demo@example.org",
    "objective": (
        "Réunir médiateurs, élus et associations du pays pour partager les outils d'inclusion numérique "
        "et ouvrir les données locales."
    ),
    "territory_text": "Occitanie",
    "target_audiences": "Médiateurs numériques, agents et élus des communes, associations, habitants.",
    "expected_attendance": 200,
    "co_organisers": "Communauté de communes (fictive)\nTiers-lieu du pays (fictif)",
    "local_authority_support": "Communauté de communes (fictive)",
    "draft_formats": "Une plénière d'ouverture, quatre ateliers, un fishbowl sur les communs.",
    "means": "Une salle de 250 places, deux salariés à mi-temps, la communication des communes.",
    "venue": "Salle polyvalente",
    "planned_start_date": date(2027, 6, 17),
    "budget_total": Decimal("9000"),
    "budget_details": "Lieu et matériel 3 500 €, communication 1 500 €, programmation 4 000 €.",
    "requests_funding": True,
    "requested_subsidy": Decimal("5000"),
    "charter_commitment": True,
}
PENDING_APPLICATION_THEMES = ("inclusion-emancipation", "donnees-territoires")
