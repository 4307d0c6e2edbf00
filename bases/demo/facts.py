"""The facts the demo content is built from, as plain data.

Every figure, date and place below comes from the seed documents (the NEC
charter, the « À propos » pages, the local-NEC organisers' guide with the
NEC Metz 2023 write-up, the local NEC calendar and la revue NEC). The
sentences are our own words. People's names and e-mail addresses are left
out on purpose; attribution always names an organisation.

Where a seed is silent (the city of the 2024 edition, the figures of 2023,
the exact day of NEC Metz 2023), the data says so instead of guessing.

Each resource carries its own date at the precision the seeds give (a season
gives a year); where a seed dates only the page that publishes a work, that
page's year stands, said next to the date. Territories are keys of the register
(territories.models): « com-57463 » is the commune of Metz.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# --- Who is credited ------------------------------------------------------------

ANCT = "Programme Société Numérique (ANCT)"
EDITORIAL_TEAM = "Les Bases — équipe éditoriale"
NEC = "Numérique en Commun[s]"
VILLE_DE_METZ = "Ville de Metz"
RING = "Réseau d'inclusion numérique gardois (RING)"

DEFAULT_LICENCE = "cc-by-sa-4.0"  # what the NEC charter asks for

# A body block: (kind, value). Kinds: "heading" (str), "paragraph" (str),
# "list" (tuple of str), "figures" (tuple of (value, label)),
# "quote" ((text, source)), "link" ((url, label, description)),
# "image" ((illustration title, caption)).
Block = tuple[str, object]


# --- Shapes of the facts --------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Illustration:
    """A placeholder image: a coloured card showing its title."""

    title: str
    colour: str
    alt: str
    # Placeholder cards drawn for the demo: CC0, so any resource licence may use them
    # (a CC BY-SA card would force CC BY-SA on each resource, see licensing.compatibility).
    licence: str = "cc0-1.0"
    attribution: str = EDITORIAL_TEAM


@dataclass(frozen=True, kw_only=True)
class Theme:
    slug: str
    title: str
    introduction: str
    questions: tuple[str, ...]
    colour: str


@dataclass(frozen=True, kw_only=True)
class Principle:
    number: int
    slug: str
    title: str
    introduction: str


@dataclass(frozen=True, kw_only=True)
class Resource:
    """A ResourcePage: what contributors publish."""

    slug: str
    title: str
    summary: str
    resource_type: str
    themes: tuple[str, ...]
    principles: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    territory: str = ""  # a key of the territory register, « reg-76 », « dep-30 », « com-57463 »
    # The resource's own date, reduced to its precision (1st of the month, 1st January).
    date: date | None = None
    date_precision: str = "day"
    licence: str = DEFAULT_LICENCE
    attribution: str = ANCT
    source_url: str = ""
    cover: str | None = None  # an Illustration title
    body: tuple[Block, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FormatFeedback:
    format: str
    title: str
    feedback: str
    participants_count: int | None = None


@dataclass(frozen=True, kw_only=True)
class Photo:
    image: str  # an Illustration title
    caption: str


@dataclass(frozen=True, kw_only=True)
class WriteUp(Resource):
    """An EventReportPage: the write-up of an NEC event."""

    resource_type: str = "event_report"
    event_name: str
    start_date: date
    end_date: date | None = None
    date_precision: str = "day"  # "month" when the seeds give only the month
    venue: str = ""
    city: str = ""
    participants_count: int | None = None
    speakers_count: int | None = None
    workshops_count: int | None = None
    stands_count: int | None = None
    structures_count: int | None = None
    budget_euros: Decimal | None = None
    formats: tuple[FormatFeedback, ...] = ()
    photos: tuple[Photo, ...] = ()

    def __post_init__(self) -> None:
        # A write-up's date is its event's first day, at the same precision.
        object.__setattr__(self, "date", self.start_date)


@dataclass(frozen=True, kw_only=True)
class NationalEdition:
    """A national NEC edition; None means the seeds give no figure."""

    year: int
    city: str
    venue: str = ""
    introduction: str
    attendees: int | None = None
    speakers: int | None = None
    online_viewers: int | None = None
    online_participants: int | None = None
    online_courses: int | None = None
    dates_label: str = ""
    colour: str = "#000091"
    extra_items: tuple[tuple[str, str], ...] = ()
    territory: str = ""  # the host commune (or département) as a register key
    date: date | None = None  # the first day, when the seeds give it (else the year only)

    @property
    def slug(self) -> str:
        return f"nec-{self.year}" + (f"-{_ascii_slug(self.city)}" if self.city else "")

    @property
    def title(self) -> str:
        return f"Numérique en Commun[s] {self.year}" + (f" — {self.city}" if self.city else "")


@dataclass(frozen=True, kw_only=True)
class Collection:
    """A CollectionPage that is not a national edition."""

    slug: str
    title: str
    kind: str
    introduction: str
    items: tuple[tuple[str, str], ...] = ()  # (resource slug, editors' note)
    licence: str = DEFAULT_LICENCE
    attribution: str = EDITORIAL_TEAM
    cover: str | None = None
    rule_base: str | None = None  # every resource of this base (a builder page key) joins, after the items


def _ascii_slug(text: str) -> str:
    """« Sud Charente » → « sud-charente » (the facts' own slugs are ASCII)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(folded.lower().split())


# --- Home page and contribution spaces -----------------------------------------

HOME = {
    "slug": "accueil",
    "title": "Les Bases — Numérique en Commun[s]",
    "introduction": (
        "Les Bases réunissent les ressources ouvertes de la communauté Numérique en Commun[s] : "
        "comptes rendus de NEC locaux, éditions nationales, revue et podcast. Tout y est publié "
        "sous licence ouverte, pour être repris, adapté et partagé."
    ),
}
SITE_NAME = "Les Bases — Numérique en Commun[s]"

BASE_NEC = {
    "slug": "numerique-en-communs",
    "title": "Numérique en Commun[s]",
    "introduction": (
        "L'espace tenu par l'équipe éditoriale : la charte, les sept principes, le guide "
        "d'organisation, la revue NEC et le podcast de la démarche."
    ),
}
BASE_LOCAL = {
    "slug": "nec-locaux",
    "title": "NEC locaux",
    "introduction": (
        "L'espace contributif des NEC locaux : chaque équipe organisatrice y publie le compte rendu "
        "de son événement — chiffres, retours sur les formats, photos — pour que d'autres "
        "territoires puissent s'en inspirer."
    ),
}


# --- Themes -------------------------------------------------------------------------

THEME_INDEX = {
    "slug": "thematiques",
    "title": "Thématiques",
    "introduction": (
        "Quatre thématiques couvrent le champ du numérique d'intérêt général et servent à classer "
        "chaque ressource des Bases."
    ),
}

THEMES: tuple[Theme, ...] = (
    Theme(
        slug="donnees-territoires",
        title="Données & territoires",
        colour="#1f6f8b",
        introduction=(
            "Se servir des données, ouvertes ou produites sur place, pour comprendre un territoire, "
            "repérer ses ressources et mesurer ce que changent les actions qui y sont menées."
        ),
        questions=(
            "Quel intérêt y a-t-il à exploiter les données ouvertes de son territoire ?",
            "Comment cartographier les enjeux et les ressources d'un territoire ?",
            "Comment s'appuyer sur les données pour évaluer les dispositifs et en garantir l'impact ?",
        ),
    ),
    Theme(
        slug="ecologie-soutenabilite",
        title="Écologie & soutenabilité",
        colour="#2e7d32",
        introduction=(
            "Réduire l'empreinte du numérique et le mettre au service de la transition écologique, "
            "plutôt que d'en faire une source de consommation supplémentaire."
        ),
        questions=(
            "Pourquoi faire du numérique un allié de la transformation écologique ?",
            "À quelles conditions un numérique responsable est-il possible ?",
            "Comment le numérique peut-il contribuer à un monde qui consomme moins d'énergie ?",
        ),
    ),
    Theme(
        slug="communs-souverainete",
        title="Communs & souveraineté",
        colour="#6a1b9a",
        introduction=(
            "Construire des communs numériques utiles aux territoires et choisir des modèles qui "
            "gardent la maîtrise et assurent la durée des services devenus indispensables."
        ),
        questions=(
            "Pourquoi développer des communs au service des territoires ?",
            "Quels modèles permettent de garantir notre souveraineté numérique ?",
            "Comment assurer la pérennité des services numériques devenus essentiels sur les territoires ?",
        ),
    ),
    Theme(
        slug="inclusion-emancipation",
        title="Inclusion & émancipation",
        colour="#c62828",
        introduction=(
            "Donner à chacune et à chacun les compétences numériques dont il a besoin, reconnaître "
            "le travail de la médiation numérique et associer les habitants au numérique de demain."
        ),
        questions=(
            "Pourquoi renforcer les compétences numériques des citoyennes et des citoyens ?",
            "Quel rôle les médiatrices et médiateurs numériques doivent-ils jouer ?",
            "Comment impliquer les populations dans le numérique de demain ?",
            "Comment bâtir un numérique qui émancipe ?",
        ),
    ),
)


# --- The 7 principles of the public-interest digital ----------------------------

PRINCIPLE_INDEX = {
    "slug": "principes",
    "title": "Principes",
    "introduction": (
        "Sept principes, formulés par le programme Société Numérique pour l'édition nationale 2024, "
        "décrivent ce qu'est un numérique d'intérêt général. Les équipes des NEC locaux s'engagent "
        "à les appliquer et à les faire connaître."
    ),
}

PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        number=1,
        slug="harmoniser",
        title="Harmoniser",
        introduction=(
            "Concevoir chaque nouvelle initiative en complément de ce qui existe déjà et faire "
            "travailler ensemble celles et ceux qui agissent sur le territoire."
        ),
    ),
    Principle(
        number=2,
        slug="debattre",
        title="Débattre",
        introduction=(
            "Créer des espaces de discussion démocratique sur la place que le numérique prend dans "
            "la société et dans nos vies."
        ),
    ),
    Principle(
        number=3,
        slug="eduquer",
        title="Éduquer",
        introduction=(
            "Aider chacun à gagner en compétences et à s'approprier les outils, tout en faisant "
            "comprendre les enjeux sociaux et politiques du numérique."
        ),
    ),
    Principle(
        number=4,
        slug="temperer",
        title="Tempérer",
        introduction=(
            "Diminuer l'empreinte environnementale du numérique, en tenant compte de ce qu'il peut "
            "apporter pour accélérer la transition écologique."
        ),
    ),
    Principle(
        number=5,
        slug="ouvrir",
        title="Ouvrir",
        introduction=(
            "Rendre les données et les ressources accessibles, documenter ce qui est développé et "
            "partager la gouvernance."
        ),
    ),
    Principle(
        number=6,
        slug="faire-ensemble",
        title="Faire ensemble",
        introduction=(
            "Concevoir les services numériques avec toutes les personnes concernées, à partir de "
            "besoins clairement identifiés."
        ),
    ),
    Principle(
        number=7,
        slug="ameliorer",
        title="Améliorer",
        introduction=(
            "Faire progresser les services numériques en évaluant sans cesse l'ensemble de leurs effets."
        ),
    ),
)


# --- National editions ------------------------------------------------------------

NATIONAL_EDITIONS: tuple[NationalEdition, ...] = (
    NationalEdition(
        year=2018,
        territory="com-44109",
        date=date(2018, 9, 13),
        city="Nantes",
        dates_label="13 et 14 septembre 2018",
        attendees=850,
        speakers=120,
        colour="#000091",
        introduction=(
            "La première édition nationale s'est tenue à Nantes les 13 et 14 septembre 2018 : "
            "850 participants et 120 intervenants et contributeurs. Prenant le relais des Assises "
            "nationales de la médiation numérique, elle a surtout attiré des personnes qui n'y "
            "étaient jamais venues (63 % des participants)."
        ),
        extra_items=(("demarche-nec-espace-contributif", "Le texte fondateur écrit après Nantes"),),
    ),
    NationalEdition(
        year=2019,
        territory="com-13055",
        city="Marseille",
        attendees=800,
        speakers=80,
        colour="#0063cb",
        introduction="La deuxième édition nationale a réuni 800 participants et 80 intervenants à Marseille.",
    ),
    NationalEdition(
        year=2020,
        territory="com-69123",
        city="Lyon",
        online_participants=2600,
        online_courses=6,
        speakers=62,
        online_viewers=4000,
        colour="#009081",
        introduction=(
            "Pour l'édition lyonnaise de 2020, les chiffres publiés portent sur les formats en ligne : "
            "6 parcours d'acculturation suivis par 2 600 personnes, 62 contributeurs et 4 000 "
            "spectateurs de la retransmission en direct."
        ),
    ),
    NationalEdition(
        year=2021,
        territory="dep-16",  # Sud Charente is a pays of the Charente, not a commune
        city="Sud Charente",
        venue="Château de la Mercerie",
        attendees=400,
        speakers=60,
        online_viewers=5000,
        colour="#a94645",
        introduction=(
            "En 2021, l'édition nationale s'est installée en Sud Charente, au château de la Mercerie : "
            "400 participants sur place, 60 intervenants et 5 000 personnes devant les directs en ligne."
        ),
    ),
    NationalEdition(
        year=2022,
        territory="com-62498",
        city="Lens",
        attendees=1800,
        speakers=228,
        online_viewers=6000,
        colour="#b34000",
        introduction=(
            "L'édition 2022, à Lens, est la plus fréquentée des chiffres disponibles : 1 800 "
            "participants, 228 intervenants et 6 000 personnes pour suivre les retransmissions en ligne."
        ),
    ),
    NationalEdition(
        year=2023,
        territory="com-33063",
        city="Bordeaux",
        colour="#716043",
        introduction=(
            "Le grand rendez-vous annuel de 2023 était annoncé à Bordeaux. Nos sources ne donnent "
            "pas sa fréquentation : les chiffres restent à compléter."
        ),
    ),
    NationalEdition(
        year=2024,
        city="",
        colour="#3a3a3a",
        introduction=(
            "C'est pour l'édition nationale 2024 que le programme Société Numérique a formulé les "
            "sept principes du numérique d'intérêt général. Nos sources ne précisent ni la ville "
            "ni la fréquentation de cette édition."
        ),
        extra_items=(("sept-principes-numerique-interet-general", "Les principes présentés en 2024"),),
    ),
)


# --- Resources of the « Numérique en Commun[s] » base ----------------------------

EDITIONS_FIGURES_SLUG = "editions-nationales-en-chiffres"

NEC_RESOURCES: tuple[Resource, ...] = (
    Resource(
        slug="charte-nec-six-engagements",
        date=date(2023, 1, 1),  # the « À propos » page stating it announces the 2023 edition
        date_precision="year",
        title="La charte Numérique en Commun[s] en six engagements",
        resource_type="guide",
        themes=("communs-souverainete", "inclusion-emancipation"),
        principles=(2, 5),
        tags=("charte", "licences libres", "parité", "éco-responsabilité"),
        cover="La charte NEC en six engagements",
        summary=(
            "Tout événement qui porte la marque NEC s'engage sur six points : viser l'intérêt général, "
            "rester ouvert et gratuit, diversifier intervenants et publics, publier sous licence libre, "
            "préférer des outils éthiques et limiter son impact environnemental. Cette fiche les reformule."
        ),
        body=(
            ("heading", "1. Contribuer à un numérique d'intérêt général"),
            ("paragraph", "Un NEC a pour but d'aider à faire émerger, collectivement, un numérique inclusif, "
                          "ouvert, accessible, éthique, durable, souverain et tourné vers les citoyens."),
            ("heading", "2. Ouvert à toutes et à tous, et gratuit"),
            ("paragraph", "L'entrée est libre et sans frais. L'équipe organisatrice veille à un climat d'écoute, "
                          "de tolérance et de bienveillance pendant les échanges."),
            ("heading", "3. Diversité des intervenants et des publics"),
            ("paragraph", "La programmation vise la parité et ne compte aucun panel uniquement masculin. "
                          "L'équipe cherche aussi à faire venir des publics encore éloignés de la communauté "
                          "NEC, qui ont pourtant beaucoup à y gagner."),
            ("heading", "4. Des productions sous licence libre"),
            ("paragraph", "Tout ce qui est produit pendant un NEC est diffusé sous une licence libre et ouverte, "
                          "pour être réutilisé et adapté. La charte cite la Licence Ouverte 2.0, CC BY 4.0 et "
                          "CC BY-SA 4.0 ; c'est cette dernière qui est retenue par défaut."),
            ("heading", "5. Des outils numériques éthiques"),
            ("paragraph", "Pour s'organiser, on choisit autant que possible des outils libres ou éthiques ; "
                          "une instance BigBlueButton est proposée pour les visioconférences."),
            ("heading", "6. Un événement éco-responsable"),
            ("paragraph", "En ligne comme sur place, l'événement cherche à réduire son empreinte environnementale."),
        ),
    ),
    Resource(
        slug="organiser-un-nec-local-guide",
        date=date(2024, 1, 1),  # the organisers' guide (it quotes the 2024 principles)
        date_precision="year",
        title="Organiser un NEC local : le guide en bref",
        resource_type="guide",
        themes=("inclusion-emancipation",),
        principles=(1, 6),
        tags=("NEC local", "organisation", "financement", "programmation"),
        licence="etalab-2.0",
        cover="Organiser un NEC local",
        summary=(
            "Les grandes étapes pour porter un NEC local : respecter la charte, solliciter le soutien "
            "de l'ANCT, bâtir une programmation participative, communiquer, puis documenter "
            "l'événement sur Les Bases."
        ),
        body=(
            ("heading", "Qui peut organiser un NEC local ?"),
            ("paragraph", "La marque NEC, déposée par l'ANCT, est libre d'usage : toute personne morale peut "
                          "organiser un événement sous ce nom, pourvu qu'elle respecte la charte. Elle profite "
                          "alors de la notoriété de la marque, d'un appui à la programmation, d'une mise en "
                          "relation avec les partenaires nationaux, d'un kit de communication sur mesure et "
                          "d'une mise en avant sur les réseaux."),
            ("heading", "Le soutien du programme Société Numérique"),
            ("paragraph", "Le programme tient un appel à participation ouvert en permanence. Son aide financière "
                          "va de 2 500 à 5 000 euros, avec des conseils personnalisés et une intervention du "
                          "programme le jour de l'événement. Elle est versée après l'événement, sur pièces "
                          "justificatives, et ne peut dépasser 80 % du budget total."),
            ("figures", (("2 500 à 5 000 €", "soutien financier possible"),
                         ("80 %", "part maximale du budget couverte"),
                         ("150", "personnes attendues au minimum pour un financement"))),
            ("heading", "Déposer sa candidature"),
            ("paragraph", "La demande se fait en ligne. Le guide d'organisation demande de l'envoyer au moins "
                          "trois mois avant l'événement ; la page des NEC locaux porte ce délai à quatre mois "
                          "pour prétendre à un soutien financier. Un financement suppose le soutien d'au moins "
                          "une collectivité et un public d'au moins 150 personnes, dans un lieu capable de "
                          "l'accueillir. Après étude du dossier, un entretien fixe le cadre de la "
                          "collaboration, puis une convention de subvention est signée."),
            ("heading", "Construire la programmation"),
            ("list", ("Viser la parité et s'y prendre tôt avec les intervenants très sollicités.",
                      "Aller chercher des professionnels et des réseaux variés pour éviter l'entre-soi.",
                      "Préférer des formats tournés vers le « faire », qui débouchent sur des livrables.",
                      "S'inspirer des ressources des NEC précédents pour des formats pédagogiques.",
                      "Privilégier les formats participatifs : ateliers, fishbowls, barcamps, retours "
                      "d'expérience, masterclass interactives.",
                      "Prévoir des temps « nationaux » qui nourrissent l'évolution des dispositifs publics.")),
            ("heading", "Après l'événement"),
            ("paragraph", "L'équipe documente les échanges et dépose les contenus produits sur Les Bases, sous "
                          "licence ouverte, puis participe à l'édition nationale aux côtés des autres NEC locaux."),
        ),
    ),
    Resource(
        slug="sept-principes-numerique-interet-general",
        date=date(2024, 1, 1),  # formulated for the 2024 national edition
        date_precision="year",
        title="Les 7 principes du numérique d'intérêt général",
        resource_type="article",
        themes=("communs-souverainete", "inclusion-emancipation", "ecologie-soutenabilite"),
        principles=(1, 2, 3, 4, 5, 6, 7),
        tags=("principes", "numérique d'intérêt général", "NEC 2024"),
        licence="cc-by-4.0",
        cover="Les 7 principes du numérique d'intérêt général",
        summary=(
            "Harmoniser, débattre, éduquer, tempérer, ouvrir, faire ensemble, améliorer : les sept "
            "principes présentés lors de l'édition nationale 2024 pour dire ce qu'est un numérique "
            "d'intérêt général."
        ),
        body=(
            ("paragraph", "Le programme Société Numérique a formulé ces principes à l'occasion de l'édition "
                          "nationale 2024. Chaque NEC local s'engage à les respecter et à les diffuser."),
            ("principles", None),  # expanded from PRINCIPLES by the builder
            ("paragraph", "Une exposition conçue par l'association Fréquence Écoles présente ces principes de "
                          "façon concrète ; un NEC local peut l'accueillir en prenant en charge ses frais de "
                          "transport."),
        ),
    ),
    Resource(
        slug="demarche-nec-espace-contributif",
        date=date(2018, 1, 1),  # written after Nantes, September 2018
        date_precision="year",
        title="La démarche NEC : un espace contributif ouvert",
        resource_type="article",
        themes=("inclusion-emancipation", "communs-souverainete"),
        principles=(5, 6),
        tags=("médiation numérique", "communs numériques", "Assises de la médiation numérique"),
        cover="La démarche Numérique en Commun[s]",
        summary=(
            "Lancée en 2018 dans le prolongement des Assises nationales de la médiation numérique, "
            "Numérique en Commun[s] réunit des communautés qui partagent une même conviction : "
            "l'accompagnement au numérique est l'affaire de tous."
        ),
        body=(
            ("paragraph", "Nouvelles fractures sociales et territoriales, transition énergétique, dérèglement "
                          "climatique : on attend souvent du numérique des réponses à ces défis. Mais les outils "
                          "ne transformeront rien sans un accompagnement des citoyens, que les pionniers de la "
                          "médiation numérique assurent depuis des années."),
            ("paragraph", "NEC a pris le relais des Assises nationales de la médiation numérique pour élargir le "
                          "cercle. Lors de la première édition, à Nantes les 13 et 14 septembre 2018, la "
                          "plupart des participants découvraient ce rendez-vous : médiateurs, porteurs de "
                          "tiers-lieux, militants, chercheurs, agents publics et élus."),
            ("figures", (("850", "participants en 2018"),
                         ("63 %", "n'étaient jamais venus aux Assises"))),
            ("paragraph", "Au-delà de l'événement, la démarche se veut un processus d'innovation ouverte au long "
                          "cours, qui aide à faire naître des communs numériques éthiques, ouverts, "
                          "reproductibles, améliorables et durables."),
            ("heading", "Qui porte la démarche ?"),
            ("paragraph", "Numérique en Commun[s] est née d'une initiative de l'ANCT et de La MedNum ; le "
                          "programme Société Numérique de l'ANCT la porte, et l'événement national est mis en "
                          "œuvre par Futur Composé, filiale de l'association Fréquence Écoles. Sa communauté "
                          "rassemble élus et agents de collectivités, administrations, associations, "
                          "tiers-lieux, coopératives, entreprises et chercheurs."),
        ),
    ),
    Resource(
        slug="documenter-son-nec-local",
        date=date(2024, 1, 1),  # the organisers' guide's minimum (2024)
        date_precision="year",
        title="Documenter son NEC local sur Les Bases",
        resource_type="guide",
        themes=("inclusion-emancipation", "communs-souverainete"),
        principles=(5, 7),
        tags=("documentation", "compte rendu", "licences ouvertes"),
        licence="cc0-1.0",
        attribution=EDITORIAL_TEAM,
        cover="Documenter son NEC local",
        summary=(
            "Le minimum attendu pour le compte rendu d'un NEC local : une description de l'événement, "
            "un retour sur au moins un format et au moins une photo, le tout sous licence ouverte."
        ),
        body=(
            ("paragraph", "NEC se veut une dynamique qui apprend d'elle-même : chaque événement doit laisser des "
                          "traces utiles à la communauté. Les Bases accueillent ces ressources, et les NEC "
                          "locaux y disposent d'une base collaborative où chaque équipe organisatrice contribue."),
            ("heading", "Ce que contient un compte rendu"),
            ("list", ("Une description : présentation générale, fréquentation, organisation.",
                      "Un retour sur un ou plusieurs formats de la journée.",
                      "Une ou plusieurs photos, chacune avec sa licence et son crédit.")),
            ("paragraph", "Comme toute production NEC, le compte rendu est publié sous licence ouverte — "
                          "CC BY-SA 4.0 par défaut."),
        ),
    ),
    Resource(
        slug=EDITIONS_FIGURES_SLUG,
        date=date(2023, 1, 1),  # the « À propos » page giving these figures announces the 2023 edition
        date_precision="year",
        title="Les éditions nationales de NEC en chiffres",
        resource_type="article",
        themes=("donnees-territoires",),
        principles=(5,),
        tags=("chiffres", "éditions nationales", "fréquentation"),
        licence="odbl-1.0",
        cover="Les éditions nationales en chiffres",
        summary=(
            "La fréquentation des éditions nationales de Numérique en Commun[s] depuis 2018, telle que "
            "publiée par le programme Société Numérique : participants, intervenants, audience en ligne."
        ),
        body=(("editions", None),),  # expanded from NATIONAL_EDITIONS by the builder
    ),
)


# --- La revue NEC --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RevueIssue:
    number: int
    slug: str
    subject: str
    season: str  # as the seed gives it
    year: int  # the season's year: a season is dated by its year only
    season_phrase: str  # the same, inside a sentence
    pdf: str
    themes: tuple[str, ...]
    principles: tuple[int, ...]
    tags: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"La revue NEC #{self.number} : {self.subject}"

    @property
    def cover(self) -> str:
        return f"La revue NEC #{self.number} — {self.subject}"


REVUE_ISSUE_FACTS: tuple[RevueIssue, ...] = (
    RevueIssue(number=1, slug="revue-nec-1-empreinte-ecologique", subject="Empreinte écologique du numérique",
               season="Printemps 2023", year=2023, season_phrase="au printemps 2023", pdf="PDF, 9,78 Mo",
               themes=("ecologie-soutenabilite",), principles=(4,), tags=("sobriété",)),
    RevueIssue(number=2, slug="revue-nec-2-sante-et-numerique", subject="Santé et numérique",
               season="Automne 2023", year=2023, season_phrase="à l'automne 2023", pdf="PDF, 17 Mo",
               themes=("inclusion-emancipation",), principles=(6,), tags=("santé",)),
    RevueIssue(number=3, slug="revue-nec-3-illettrisme-inclusion", subject="Illettrisme et inclusion numérique",
               season="Été 2024", year=2024, season_phrase="durant l'été 2024", pdf="PDF, 22,6 Mo",
               themes=("inclusion-emancipation",), principles=(3,), tags=("illettrisme", "inclusion numérique")),
    RevueIssue(number=4, slug="revue-nec-4-jeux-video", subject="Jeux vidéo & numérique d'intérêt général",
               season="Automne 2024", year=2024, season_phrase="à l'automne 2024", pdf="PDF, 17,5 Mo",
               themes=("inclusion-emancipation", "communs-souverainete"), principles=(2,), tags=("jeux vidéo",)),
)

REVUE_ISSUES: tuple[Resource, ...] = tuple(
    Resource(
        slug=issue.slug,
        title=issue.title,
        resource_type="publication",
        themes=issue.themes,
        principles=issue.principles,
        tags=("revue NEC", *issue.tags),
        date=date(issue.year, 1, 1),
        date_precision="year",
        cover=issue.cover,
        summary=(
            f"Le numéro {issue.number} de la revue NEC, paru {issue.season_phrase}, consacre son dossier "
            f"au thème « {issue.subject} »."
        ),
        body=(
            ("paragraph", "Chaque numéro de la revue NEC s'organise autour d'un dossier thématique : il suit "
                          "plusieurs NEC locaux, montre les réponses inventées sur le terrain et donne la parole "
                          "à des spécialistes."),
            ("figures", ((f"#{issue.number}", "numéro"), (issue.season, "parution"), (issue.pdf, "format"))),
        ),
    )
    for issue in REVUE_ISSUE_FACTS
)


# --- The podcast ----------------------------------------------------------------------

PODCAST_EPISODE_COUNT = 4  # « 4 Ressources » in the seed; titles stay generic on purpose

PODCAST_EPISODES: tuple[Resource, ...] = tuple(
    Resource(
        slug=f"podcast-nec-episode-{number}",
        title=f"Podcast Numérique en Commun[s] — épisode {number}",
        resource_type="podcast_episode",
        themes=("inclusion-emancipation", "communs-souverainete"),
        tags=("podcast", "audio"),
        # The seeds give no airing date: the year of the organisers' guide that lists the series.
        date=date(2024, 1, 1),
        date_precision="year",
        attribution=NEC,
        cover="Podcast Numérique en Commun[s]",
        summary=(
            f"Épisode {number} sur {PODCAST_EPISODE_COUNT} de la série audio de Numérique en Commun[s], "
            "qui fait entendre le regard de spécialistes sur le numérique d'intérêt général."
        ),
        body=(
            ("paragraph", "La série complète la revue et les ressources écrites : elle donne la parole à des "
                          "spécialistes du numérique d'intérêt général."),
        ),
    )
    for number in range(1, PODCAST_EPISODE_COUNT + 1)
)


# --- NEC locaux: figures and calendar --------------------------------------------

LOCAL_NEC_FIGURES = Resource(
    slug="nec-locaux-en-chiffres",
    title="Les NEC locaux en quelques chiffres",
    resource_type="article",
    themes=("inclusion-emancipation", "donnees-territoires"),
    principles=(1,),
    tags=("NEC local", "territoires"),
    date=date(2024, 1, 1),  # the local-NEC page giving these figures (with the 2024 calendar)
    date_precision="year",
    licence="cc-by-4.0",
    cover="Les NEC locaux en chiffres",
    summary=(
        "Depuis janvier 2021, 45 NEC locaux ont été organisés sur 27 territoires : communes et métropoles, "
        "pays, départements, régions et outre-mer."
    ),
    body=(
        ("figures", (("45", "NEC locaux depuis janvier 2021"),
                     ("27", "territoires mobilisés"),
                     ("plus de 70", "NEC locaux depuis janvier 2019"))),
        ("paragraph", "Les deux décomptes ne partent pas de la même date : la page des NEC locaux compte "
                      "depuis janvier 2021, le guide d'organisation depuis janvier 2019."),
        ("heading", "Les territoires mobilisés"),
        ("list", ("Collectivités : Vaulx-en-Velin, Chambéry, Nantes, Lalouvesc, Strasbourg, Bordeaux "
                  "Métropole, Orléans Métropole, Montpellier Métropole.",
                  "Territoires : Pays Picards, Sambre-Avesnois-Thiérache, Sud-Charente, Sud-Essonne.",
                  "Départements : Vosges, Dordogne, Ardennes, Seine-Saint-Denis, Maine-et-Loire, "
                  "Puy-de-Dôme, Doubs, Allier, Drôme, Haute-Savoie.",
                  "Régions : Centre-Val de Loire, Hauts-de-France, Occitanie.",
                  "Outre-mer : Guadeloupe, La Réunion, Martinique.")),
    ),
)

# --- Write-ups of NEC events -------------------------------------------------------

METZ_2023 = WriteUp(
    slug="nec-metz-2023",
    title="NEC Metz 2023",
    event_name="Numérique en Commun[s] Metz 2023",
    # The guide only says « Quand ? (Octobre) »: the day is not given.
    start_date=date(2023, 10, 1),
    date_precision="month",
    venue="BLIIDA",
    city="Metz",
    territory="com-57463",
    participants_count=181,
    speakers_count=15,
    workshops_count=4,
    stands_count=5,
    structures_count=71,
    budget_euros=Decimal("14000"),
    themes=("inclusion-emancipation",),
    principles=(1, 6),
    tags=("NEC local", "inclusion numérique", "retour d'expérience", "Grand Est"),
    attribution=VILLE_DE_METZ,
    cover="NEC Metz 2023",
    summary=(
        "Le retour d'expérience de la Ville de Metz sur son NEC local d'octobre 2023 à BLIIDA : 181 "
        "personnes, 71 structures, 15 intervenants, 4 ateliers professionnels et 5 stands découverte "
        "pour un budget de 14 k€."
    ),
    body=(
        ("heading", "Pourquoi Metz s'est lancée"),
        ("paragraph", "Troisième ville du Grand Est, avec quelque 120 000 habitants et 230 000 pour la métropole, "
                      "Metz est une ville frontalière dont l'histoire a longtemps oscillé entre la France et "
                      "l'Allemagne. Le projet est né d'une volonté politique affirmée et prolonge une "
                      "stratégie municipale d'inclusion numérique : conseillers numériques, filière de "
                      "reconditionnement, bornes numériques, soutien aux initiatives et adhésion au hub "
                      "HubEst. La ville avait déjà réuni les acteurs locaux lors d'une première journée de "
                      "l'inclusion numérique en 2022."),
        ("heading", "Un compte à rebours d'un an"),
        ("list", ("Douze mois avant : un budget prévisionnel.",
                  "Dix mois avant : la décision validée en conseil municipal.",
                  "Neuf mois avant : la candidature au label NEC local, puis le choix de la date et du lieu.")),
        ("paragraph", "Le projet visait 150 à 250 personnes, à BLIIDA, au mois d'octobre, sur invitation et "
                      "avec une inscription libre, pour réunir les acteurs de l'inclusion numérique."),
        ("heading", "Mobiliser les partenaires"),
        ("paragraph", "Le programme a été construit avec HubEst et BornyBuzz ; BLIIDA et l'ANCT ont aussi été "
                      "partenaires. La préfecture, le département, la région et d'autres communes et EPCI ont "
                      "été tenus informés. En interne, le protocole, la communication, les finances, la "
                      "direction de la proximité, le CCAS et les médiathèques ont été associés."),
        ("figures", (("3", "comités de pilotage"),
                     ("10", "réunions avec les partenaires"),
                     ("20", "réunions de travail thématiques"),
                     ("60", "réunions avec les intervenants"))),
        ("heading", "Le jour J"),
        ("paragraph", "Dix-neuf personnes étaient à pied d'œuvre : 3 à l'accueil, 3 auprès des intervenants, "
                      "7 pour accompagner le public et veiller au bon déroulement des ateliers, 1 à la "
                      "supervision, 3 pour la technique du lieu et 2 pour la vidéo (interviews et reportage). "
                      "Il n'y a pas eu de conférence de presse."),
        ("image", ("NEC Metz 2023 — stands découverte",
                   "Image de substitution, en attendant les photos de la journée")),
        ("heading", "Bilan"),
        ("figures", (("15", "intervenants"),
                     ("4", "ateliers professionnels"),
                     ("5", "stands découverte"),
                     ("181", "personnes"),
                     ("71", "structures"),
                     ("14 k€", "budget"))),
        ("paragraph", "Le public était surtout professionnel et l'impression d'ensemble plutôt positive. À la "
                      "question « Qu'évoque pour vous l'inclusion numérique ? », les réponses ont notamment "
                      "parlé de solidarité, d'accessibilité, d'émancipation, de changement, d'opportunité et "
                      "de défi."),
        ("heading", "Ce qui peut être amélioré"),
        ("list", ("Côté public, peu de remarques sur le fond : mieux signaler le parking, prévoir eau et café "
                  "l'après-midi.",
                  "Réserver du temps pour mettre en place une inscription en ligne simple.",
                  "Calibrer et planifier les temps d'interview et de reportage vidéo.",
                  "Le grand public est peu venu : mener deux parcours le même jour est difficile, deux "
                  "communications distinctes pourraient aider.")),
    ),
    formats=(
        FormatFeedback(
            format="workshop",
            title="Ateliers professionnels",
            feedback=("Quatre ateliers destinés aux professionnels. Avec les stands découverte, ce sont les "
                      "activités que le public a le plus appréciées."),
        ),
        FormatFeedback(
            format="stand",
            title="Stands découverte",
            feedback=("Cinq stands pour découvrir des outils et des initiatives ; ils arrivent en tête des "
                      "activités préférées, avec les ateliers professionnels."),
        ),
        FormatFeedback(
            format="plenary",
            title="Regard croisé Danemark, Luxembourg, France",
            feedback=("Une séance qui confrontait les approches de trois pays ; c'est l'activité la plus "
                      "appréciée après les stands et les ateliers."),
        ),
    ),
    photos=(
        Photo(image="NEC Metz 2023 — stands découverte",
              caption="Stands découverte (image de substitution générée, en attendant les photos)"),
        Photo(image="NEC Metz 2023 — regard croisé",
              caption="Regard croisé Danemark, Luxembourg, France (image de substitution générée)"),
    ),
)

PONT_DU_GARD_2023 = WriteUp(
    slug="nec-pont-du-gard-2023",
    title="NEC Pont du Gard 2023",
    event_name="NEC Gard — Faire réseau : des acteurs, des solutions",
    start_date=date(2023, 10, 25),
    venue="Site du Pont du Gard",
    territory="dep-30",  # a départemental NEC
    themes=("inclusion-emancipation",),
    principles=(1, 6),
    tags=("NEC départemental", "travail social", "réseau"),
    licence="cc-by-4.0",
    attribution=RING,
    source_url="https://lesbases.anct.gouv.fr/ressources/nec-pont-du-gard-2023",
    cover="NEC Pont du Gard 2023",
    summary=(
        "Le 25 octobre 2023, le Réseau d'inclusion numérique gardois a réuni sur le site du Pont du Gard "
        "le premier NEC départemental du Gard, avec le soutien de l'ANCT, pour faire se rencontrer "
        "décideurs et professionnels et mettre leurs expériences en commun."
    ),
    body=(
        ("paragraph", "Placée sous le mot d'ordre « Faire réseau : des acteurs, des solutions », la journée "
                      "voulait rapprocher celles et ceux qui décident et celles et ceux qui accompagnent, "
                      "autour de l'inclusion numérique dans le Gard."),
        ("heading", "Au programme"),
        ("list", ("Une ouverture à plusieurs voix : la préfecture du Gard, le conseil départemental, Rhinocc "
                  "et le RING.",
                  "Une conférence sur les liens entre inclusion numérique et travail social.")),
        ("image", ("NEC Pont du Gard 2023 — la journée", "Image de substitution générée")),
    ),
    formats=(
        FormatFeedback(
            format="plenary",
            title="Discours d'ouverture",
            feedback=("La préfecture du Gard, le conseil départemental du Gard, Rhinocc et le RING ont ouvert "
                      "ensemble ce premier NEC départemental."),
        ),
        FormatFeedback(
            format="plenary",
            title="Conférence « Inclusion numérique et travail social : je t'aime moi non plus ? »",
            feedback=("Une conférence consacrée aux relations, pas toujours simples, entre l'inclusion "
                      "numérique et le travail social."),
        ),
    ),
    photos=(Photo(image="NEC Pont du Gard 2023 — la journée", caption="Image de substitution générée"),),
)

WRITE_UPS: tuple[WriteUp, ...] = (METZ_2023, PONT_DU_GARD_2023)


# --- Collections (other than national editions) ------------------------------------

COLLECTION_INDEX = {
    "slug": "collections",
    "title": "Collections",
    "introduction": (
        "Les sélections de l'équipe éditoriale : éditions nationales, NEC locaux, podcast, revue et "
        "parcours thématiques."
    ),
}

COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        slug="nec-locaux",
        title="NEC locaux",
        kind="local_necs",
        cover="Calendrier des NEC locaux",
        rule_base="base_local",
        introduction=(
            "Les NEC locaux font vivre la démarche sur les territoires : plus de 70 depuis janvier 2019 "
            "selon le guide d'organisation. On trouve ici leurs comptes rendus ; les rendez-vous à venir "
            "et passés sont au calendrier des NEC locaux."
        ),
        items=(
            ("nec-metz-2023", "Retour d'expérience de la Ville de Metz"),
            ("nec-pont-du-gard-2023", "Premier NEC départemental du Gard"),
            ("nec-locaux-en-chiffres", "Le bilan chiffré des NEC locaux"),
            ("documenter-son-nec-local", "Pour publier le compte rendu de son NEC"),
        ),
    ),
    Collection(
        slug="podcast-numerique-en-communs",
        title="Podcast Numérique en Commun[s]",
        kind="podcast",
        attribution=NEC,
        cover="Podcast Numérique en Commun[s]",
        introduction=(
            "Une série audio qui fait entendre les analyses et les points de vue de spécialistes du "
            f"numérique d'intérêt général, en {PODCAST_EPISODE_COUNT} épisodes."
        ),
        items=tuple((episode.slug, f"Épisode {n}") for n, episode in enumerate(PODCAST_EPISODES, start=1)),
    ),
    Collection(
        slug="la-revue-nec",
        title="La revue NEC",
        kind="review",
        attribution=ANCT,
        cover="La revue NEC",
        introduction=(
            "Le premier numéro de la publication paraît en 2020 ; trois ans et quatorze parutions plus "
            "tard, elle est repensée. La revue NEC prend la suite des carnets des NEC locaux : chaque "
            "numéro suit un dossier thématique, et la revue vise trois parutions par an."
        ),
        items=tuple((issue.slug, f"N° {issue.number} — {issue.season}") for issue in REVUE_ISSUE_FACTS),
    ),
    Collection(
        slug="organiser-son-nec-local",
        title="Organiser son NEC local",
        kind="thematic",
        licence="cc-by-4.0",
        cover="Organiser un NEC local",
        introduction=(
            "Pour préparer un NEC local : la charte à respecter, les étapes du guide, la façon de "
            "documenter l'événement et deux retours d'expérience."
        ),
        items=(
            ("charte-nec-six-engagements", "Les engagements à tenir"),
            ("organiser-un-nec-local-guide", "Les étapes, du dossier au bilan"),
            ("documenter-son-nec-local", "Le minimum à publier"),
            ("nec-metz-2023", "Une ville raconte son NEC"),
            ("nec-pont-du-gard-2023", "Un NEC départemental"),
        ),
    ),
)


# --- Placeholder images -----------------------------------------------------------

ILLUSTRATIONS: tuple[Illustration, ...] = (
    Illustration(title="La charte NEC en six engagements", colour="#000091", alt="Carte titre : la charte NEC"),
    Illustration(
        title="Organiser un NEC local", colour="#c62828", alt="Carte titre : organiser un NEC local",
        licence="cc-by-4.0",
    ),
    Illustration(title="Les 7 principes du numérique d'intérêt général", colour="#6a1b9a",
                 alt="Carte titre : les sept principes"),
    Illustration(title="La démarche Numérique en Commun[s]", colour="#1f6f8b", alt="Carte titre : la démarche NEC"),
    Illustration(title="Documenter son NEC local", colour="#2e7d32", alt="Carte titre : documenter son NEC local",
                 licence="cc0-1.0"),
    Illustration(title="Les éditions nationales en chiffres", colour="#0063cb",
                 alt="Carte titre : les éditions nationales en chiffres", licence="cc0-1.0"),
    Illustration(title="Les NEC locaux en chiffres", colour="#b34000", alt="Carte titre : les NEC locaux en chiffres"),
    Illustration(title="Calendrier des NEC locaux", colour="#a94645", alt="Carte titre : calendrier des NEC locaux"),
    Illustration(title="La revue NEC", colour="#3a3a3a", alt="Carte titre : la revue NEC"),
    Illustration(title="Podcast Numérique en Commun[s]", colour="#009081", alt="Carte titre : le podcast NEC",
                 licence="cc-by-4.0"),
    Illustration(title="NEC Metz 2023", colour="#000091", alt="Carte titre : NEC Metz 2023"),
    Illustration(title="NEC Metz 2023 — stands découverte", colour="#1f6f8b",
                 alt="Image de substitution pour une photo des stands découverte du NEC Metz 2023"),
    Illustration(title="NEC Metz 2023 — regard croisé", colour="#716043",
                 alt="Image de substitution pour une photo de la plénière du NEC Metz 2023"),
    Illustration(title="NEC Pont du Gard 2023", colour="#b34000", alt="Carte titre : NEC Pont du Gard 2023",
                 licence="cc-by-4.0"),
    Illustration(title="NEC Pont du Gard 2023 — la journée", colour="#a94645",
                 alt="Image de substitution pour une photo du NEC Pont du Gard 2023", licence="cc-by-4.0"),
) + tuple(
    Illustration(
        title=issue.cover,
        colour=colour,
        alt=f"Couverture de substitution du numéro {issue.number} de la revue NEC",
    )
    for issue, colour in zip(REVUE_ISSUE_FACTS, ("#2e7d32", "#0063cb", "#c62828", "#6a1b9a"))
) + tuple(
    Illustration(title=edition.title, colour=edition.colour, alt=f"Carte titre : {edition.title}")
    for edition in NATIONAL_EDITIONS
)
