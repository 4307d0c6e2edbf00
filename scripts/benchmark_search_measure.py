"""The measuring half of the search benchmark: run ``scripts/benchmark_search.py``, not this.

The entry script parses the command line, points Django at a throwaway database
and sets it up; only then does it import this module, which can therefore import
models (and everything else) at its top. See the entry script for what is measured.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from bases.demo import builder
from core.progress import TextProgressBar
from curation.models import CollectionIndexPage, CollectionItem, CollectionPage
from resources.models import ResourcePage, ResourcePageTag
from search import noida
from search.backends.database.backend import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from territories.dataset import read_rows, sample_data_dir
from territories.loading import load as load_territories
from territories.models import Territory
from search.documents import documents_in_chunks, indexable_resources
from search.indexing import REBUILD_BATCH_SIZE
from search.query import SearchQuery

if TYPE_CHECKING:
    from benchmark_search import Workspace

GENERATION_CHUNK = 5_000
NOIDA_START_TIMEOUT = 60  # seconds
SEED = 20_240_611
REINDEX_AIM = 2_000  # resources/s


# --- noida-db (the Elasticsearch stand-in), as tests/search/conftest.py starts it ---------------


class NoidaServer:
    """noida-db on a free loopback port (search/noida.py), exiting with its log on failure."""

    def __init__(self, data_dir: Path):
        self.port = noida.free_loopback_port()
        self.url = f"http://127.0.0.1:{self.port}"
        try:
            self.process = noida.start_noida(
                self.port, data_dir / "noida-data", data_dir / "noida-db.log", timeout=NOIDA_START_TIMEOUT
            )
        except noida.NoidaStartError as error:
            sys.exit(str(error))

    def stop(self) -> None:
        noida.stop_group(self.process)


# --- French text ---------------------------------------------------------------------------

# Noun phrases of the NEC field by topic; a resource draws mostly on one or two topics.
TOPICS: dict[str, tuple[str, ...]] = {
    "médiation": (
        "la médiation numérique", "les médiatrices et médiateurs numériques", "les conseillers numériques",
        "l'accompagnement individuel", "les permanences itinérantes", "les bus numériques",
        "la formation des médiateurs", "la reconnaissance du métier", "les ateliers collectifs",
        "les aidants numériques",
    ),
    "inclusion": (
        "l'inclusion numérique", "l'illectronisme", "les publics éloignés du numérique", "la fracture numérique",
        "les personnes âgées", "les seniors", "la précarité", "le handicap", "l'accessibilité des services publics",
        "l'émancipation",
    ),
    "données": (
        "les données ouvertes", "l'open data", "la gouvernance des données", "la cartographie des acteurs",
        "les indicateurs de suivi", "l'évaluation d'impact", "la protection des données personnelles",
        "la transparence de l'action publique",
    ),
    "écologie": (
        "la sobriété numérique", "l'empreinte environnementale du numérique", "le réemploi des équipements",
        "le reconditionnement", "les déchets électroniques", "l'écoconception des services",
        "la transition écologique", "la consommation d'énergie",
    ),
    "communs": (
        "les communs numériques", "les logiciels libres", "la souveraineté numérique", "les biens communs",
        "la documentation partagée", "les licences ouvertes", "la mutualisation des outils", "les contributeurs",
    ),
    "services publics": (
        "les démarches administratives en ligne", "la dématérialisation", "les espaces France Services",
        "les agents publics", "les plateformes publiques", "la relation aux usagers",
    ),
    "lieux": (
        "les tiers-lieux", "les fablabs", "les médiathèques", "les bibliothèques", "les centres sociaux",
        "les espaces publics numériques",
    ),
    "éducation": (
        "l'éducation aux médias", "la littératie numérique", "les écoles", "les collèges", "l'université",
        "la parentalité numérique", "les jeunes en insertion", "les missions locales", "les compétences numériques",
    ),
    "confiance": (
        "la cybersécurité", "la sécurité des usages", "l'intelligence artificielle", "l'éthique des algorithmes",
        "la confiance numérique", "la désinformation",
    ),
    "territoires": (
        "les collectivités territoriales", "la coopération territoriale", "les hubs territoriaux", "les élus",
        "la démocratie locale", "la participation citoyenne", "les zones blanches", "la connectivité",
        "la fibre optique",
    ),
    "économie": (
        "l'économie sociale et solidaire", "le financement des structures", "l'emploi", "les entreprises",
        "les associations de quartier", "les appels à projets",
    ),
    "culture": ("la santé numérique", "les jeux vidéo", "la culture numérique", "les archives", "le patrimoine"),
}
# Every resource also speaks of these.
GENERIC_PHRASES = (
    "le projet", "les habitants", "les acteurs locaux", "le territoire", "les partenaires", "les bénévoles",
    "l'équipe", "les structures", "le numérique d'intérêt général", "les participants",
)
GENERIC_SHARE = 0.3  # of the noun phrases of a sentence
SENTENCES_PER_TOPIC = 1_500
VERBS = (
    "accompagne", "renforce", "transforme", "questionne", "soutient", "facilite", "interroge", "éclaire",
    "relie", "outille", "valorise", "mobilise", "rapproche", "structure", "finance", "documente", "fédère",
    "inspire", "mesure", "rend visible",
)
INFINITIVES = (
    "accompagner", "développer", "financer", "mesurer", "outiller", "repenser", "mutualiser", "documenter",
    "évaluer", "ouvrir", "partager", "animer", "former", "pérenniser", "cartographier",
)
COMPLEMENTS = (
    "dans les territoires ruraux", "auprès des publics éloignés du numérique", "avec les collectivités locales",
    "grâce aux tiers-lieux", "pour une société plus inclusive", "au sein des médiathèques", "depuis 2019",
    "sans oublier la sobriété", "à l'échelle du département", "dans les quartiers prioritaires",
    "avec les habitantes et les habitants", "en lien avec les associations", "au plus près des usagers",
    "à l'école comme à la maison", "dans une logique de communs", "avec des logiciels libres",
    "sur tout le territoire", "en s'appuyant sur les données ouvertes", "pendant la crise sanitaire",
    "grâce à une coopération entre acteurs", "avec un budget modeste", "en outre-mer",
)
ADJECTIVES = (
    "numérique", "solidaire", "inclusif", "écologique", "locale", "ouverte", "publique", "territoriale",
    "accessible", "durable", "collaboratif", "éthique", "sobre", "participatif", "émancipateur", "itinérante",
)
# Place names for generated titles.
PLACE_NAMES = (
    "Occitanie", "Bretagne", "Normandie", "Auvergne-Rhône-Alpes", "Nouvelle-Aquitaine", "Grand Est",
    "Hauts-de-France", "Île-de-France", "Provence-Alpes-Côte d'Azur", "Pays de la Loire", "Centre-Val de Loire",
    "Bourgogne-Franche-Comté", "Corse", "La Réunion", "Guadeloupe", "Martinique", "Guyane", "Mayotte",
    "Metz", "Mérignac", "Nîmes", "Besançon", "Saint-Étienne", "Orléans", "Limoges", "Angoulême", "Béziers",
    "Pont-du-Gard", "Paris-Saclay", "Montréal-la-Cluse", "Évry-Courcouronnes", "Gérardmer", "Sète", "Agen",
    "Périgueux", "Châteauroux", "Gap", "Valence", "Épinal", "Chambéry",
)
# Territories of the register's shipped extract (loaded when the register lacks them):
# régions, départements and communes, so that the territory facet carries ancestors.
TERRITORY_KEYS = (
    "reg-76", "reg-44", "reg-75", "reg-04", "reg-11", "dep-30", "dep-57", "dep-33", "dep-91", "dep-34",
    "com-57463", "com-33281", "com-30189", "com-30346", "com-34172", "com-97411", "com-91477", "com-62498",
)
TAGS = (
    "atelier", "guide", "retour d'expérience", "NEC local", "podcast", "revue", "formation", "fiche pratique",
    "méthode", "outil libre", "données", "cartographie", "jeunesse", "seniors", "écoconception",
    "tiers-lieu", "médiation", "bibliothèque", "collectivité", "financement", "évaluation", "accessibilité",
    "cybersécurité", "IA", "réemploi", "calendrier", "charte", "témoignage", "vidéo", "diaporama",
)
SYLLABLES = ("ka", "lo", "mé", "ri", "sa", "to", "vé", "nu", "ba", "dé", "fi", "go", "ju", "pa", "zé", "ro")
LICENCE_WEIGHTS = {"cc-by-sa-4.0": 60, "etalab-2.0": 15, "cc-by-4.0": 12, "cc0-1.0": 8, "odbl-1.0": 5}
TYPE_WEIGHTS = {
    "article": 30, "guide": 15, "event_report": 15, "video": 10, "podcast_episode": 8, "publication": 8,
    "presentation": 8, "tool": 6,
}
ATTRIBUTIONS = ("ANCT — Programme Société Numérique", "La MedNum", "Hub Occitanie", "Les Assembleurs", "PIX")
PUBLISHED_FROM = datetime(2017, 1, 1, tzinfo=UTC)
PUBLISHED_SPAN_DAYS = 8 * 365 + 180


class TextFactory:
    """Titles, summaries and bodies in French from the NEC vocabulary (deterministic).

    Each resource has a main topic (topics are Zipf-weighted) and sometimes a
    second one; its sentences come from pools built per topic.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.topics = list(TOPICS)
        self.topic_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(self.topics))]
        self.pools = {topic: [self._sentence(topic) for _ in range(SENTENCES_PER_TOPIC)] for topic in self.topics}

    def pick_topics(self) -> list[str]:
        first = self.rng.choices(self.topics, self.topic_weights)[0]
        if self.rng.random() < 0.4:
            second = self.rng.choices(self.topics, self.topic_weights)[0]
            return [first, second] if second != first else [first]
        return [first]

    def noun(self, topic: str) -> str:
        if self.rng.random() < GENERIC_SHARE:
            return self.rng.choice(GENERIC_PHRASES)
        return self.rng.choice(TOPICS[topic])

    def title(self, topic: str) -> str:
        r = self.rng
        a, b = r.choice(TOPICS[topic]), r.choice(TOPICS[topic])
        template = r.randrange(8)
        if template == 0:
            return f"{_cap(a)} et {b}"
        if template == 1:
            return f"Guide pratique : {r.choice(INFINITIVES)} {a}"
        if template == 2:
            return f"Retour d'expérience : {a} à {r.choice(PLACE_NAMES)}"
        if template == 3:
            return f"{_cap(a)} : comment {r.choice(INFINITIVES)} {b} ?"
        if template == 4:
            return f"Atelier « {_cap(a)} » au NEC de {r.choice(PLACE_NAMES)}"
        if template == 5:
            return f"Dix idées pour {r.choice(INFINITIVES)} {a}"
        if template == 6:
            return f"{_cap(a)}, {b} : quels enjeux pour {self.noun(topic)} ?"
        return f"{_cap(a)} {r.choice(ADJECTIVES)} {r.choice(COMPLEMENTS)}"

    def _sentence(self, topic: str) -> str:
        r = self.rng
        sentence = f"{_cap(self.noun(topic))} {r.choice(VERBS)} {self.noun(topic)}"
        if r.random() < 0.5:
            sentence += f" {r.choice(COMPLEMENTS)}"
        if r.random() < 0.3:
            sentence += f", et {self.noun(topic)} {r.choice(VERBS)} {self.noun(topic)}"
        if r.random() < 0.1:
            sentence += f" : le projet {self.project_name()} en témoigne"
        return sentence + "."

    def project_name(self) -> str:
        """A rare proper noun (a long tail of terms, as real write-ups have)."""
        return "".join(self.rng.choice(SYLLABLES) for _ in range(3)).capitalize()

    def sentences(self, topics: list[str], count: int) -> str:
        return " ".join(self.rng.choice(self.pools[self.rng.choice(topics)]) for _ in range(count))

    def summary(self, topics: list[str]) -> str:
        return self.sentences(topics, 2)

    def body(self, topics: list[str]) -> list[dict[str, Any]]:
        """Raw StreamField data: headings, paragraphs, now and then a quote."""
        r = self.rng
        blocks: list[dict[str, Any]] = []
        for _ in range(r.randint(2, 4)):
            heading = _cap(r.choice(TOPICS[r.choice(topics)]))
            blocks.append({"type": "heading", "value": heading, "id": str(uuid.uuid4())})
            for _ in range(r.randint(1, 2)):
                text = _escape(self.sentences(topics, r.randint(3, 5)))
                blocks.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())})
        if r.random() < 0.3:
            quote = {"text": self.sentences(topics, 1), "source": r.choice(ATTRIBUTIONS)}
            blocks.append({"type": "quote", "value": quote, "id": str(uuid.uuid4())})
        return blocks


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- The page tree and the corpus (Django from here on) ----------------------------------------


@dataclass
class Skeleton:
    """The real page tree the resources hang under, and the ids rows need."""

    bases: list[Any]
    themes: list[Any]
    principles: list[Any]
    collections: list[Any]
    content_type_id: int
    locale_id: int
    tag_ids: list[int]


COLLECTIONS = (
    ("edition-nationale-2022", "Édition nationale 2022", "national_edition", 2022),
    ("edition-nationale-2024", "Édition nationale 2024", "national_edition", 2024),
    ("nec-locaux", "NEC locaux", "local_necs", None),
    ("podcast-numerique-en-communs", "Podcast Numérique en Commun[s]", "podcast", None),
    ("la-revue-nec", "La revue NEC", "review", None),
    ("sobriete-et-reemploi", "Sobriété et réemploi : une sélection", "thematic", None),
)


def build_skeleton() -> Skeleton:
    """Home page, the 2 bases, 4 themes, 7 principles and a few collections, published as editors do."""
    ctx = builder.Context()
    for step in (builder.build_home, builder.build_bases, builder.build_themes, builder.build_principles):
        step(ctx)
    index = builder.upsert_page(
        ctx, ctx.pages["home"], CollectionIndexPage, slug="collections", title="Collections",
        introduction="Les sélections de l'équipe éditoriale.",
    )
    collections = [
        builder.upsert_page(
            ctx, index, CollectionPage, slug=slug, title=title, kind=kind, edition_year=year,
            introduction=f"{title} : les ressources choisies par l'équipe éditoriale.",
            licence_id="cc-by-sa-4.0", attribution=ATTRIBUTIONS[0],
        )
        for slug, title, kind, year in COLLECTIONS
    ]
    tag_ids = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk for name in TAGS]
    home = ctx.pages["home"]
    return Skeleton(
        bases=[ctx.pages["base_nec"], ctx.pages["base_local"]],
        themes=list(ctx.themes.values()),
        principles=list(ctx.principles.values()),
        collections=collections,
        content_type_id=ContentType.objects.get_for_model(ResourcePage).pk,
        locale_id=home.locale_id,
        tag_ids=tag_ids,
    )


@dataclass
class ResourceSpec:
    """One generated resource before it is written."""

    title: str
    summary: str
    body: list[dict[str, Any]]
    base_index: int
    resource_type: str
    licence_id: str
    territory_id: int | None
    published: datetime
    date: date  # the resource's own date
    theme_ids: list[int]
    principle_ids: list[int]
    collection_ids: list[int]
    tag_ids: list[int]


class CorpusGenerator:
    """Writes resources in bulk, with treebeard-correct paths under the bases."""

    def __init__(self, skeleton: Skeleton, rng: random.Random):
        self.skeleton = skeleton
        self.rng = rng
        self.text = TextFactory(rng)
        if Territory.objects.with_keys(TERRITORY_KEYS).count() < len(TERRITORY_KEYS):
            load_territories(read_rows(sample_data_dir()))
        self.territory_ids = list(Territory.objects.with_keys(TERRITORY_KEYS).values_list("pk", flat=True))
        # Children already under each base (the next path step follows them).
        self.children = [Page.objects.get(pk=base.pk).numchild for base in skeleton.bases]
        self.serial = sum(self.children)

    def spec(self) -> ResourceSpec:
        r, s = self.rng, self.skeleton
        topics = self.text.pick_topics()
        return ResourceSpec(
            title=self.text.title(topics[0]),
            summary=self.text.summary(topics),
            body=self.text.body(topics),
            base_index=0 if r.random() < 0.7 else 1,
            resource_type=r.choices(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))[0],
            licence_id=r.choices(list(LICENCE_WEIGHTS), list(LICENCE_WEIGHTS.values()))[0],
            territory_id=r.choice(self.territory_ids) if r.random() < 0.7 else None,
            published=PUBLISHED_FROM + timedelta(days=r.random() * PUBLISHED_SPAN_DAYS),
            date=(PUBLISHED_FROM - timedelta(days=r.random() * 4 * PUBLISHED_SPAN_DAYS)).date(),
            theme_ids=[t.pk for t in r.sample(s.themes, r.choice((1, 1, 1, 2)))],
            principle_ids=[p.pk for p in r.sample(s.principles, r.choice((0, 1, 1, 2, 3)))],
            collection_ids=[c.pk for c in r.sample(s.collections, r.choices((0, 1, 2), (80, 16, 4))[0])],
            tag_ids=r.sample(s.tag_ids, r.randint(0, 3)),
        )

    def grow_to(self, target: int, chunk_size: int = GENERATION_CHUNK) -> None:
        """Add resources until ``target`` exist, chunk by chunk, with progress."""
        started = time.perf_counter()
        missing = target - self.serial
        done = 0
        while done < missing:
            count = min(chunk_size, missing - done)
            with transaction.atomic():
                self._write([self.spec() for _ in range(count)])
            done += count
            elapsed = time.perf_counter() - started
            print(f"  generated {self.serial:>7}/{target} resources ({done / elapsed:,.0f}/s)", flush=True)
        if missing > 0 and connection.vendor == "postgresql":
            # What autovacuum does in production after such a load (it may be off here):
            # without statistics the planner took tables of 100,000 pages for small ones.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _write(self, specs: list[ResourceSpec]) -> None:
        page_ids = self._insert_pages(specs)
        self._insert_resource_rows(page_ids, specs)
        self._insert_relations(page_ids, specs)

    def _insert_pages(self, specs: list[ResourceSpec]) -> list[int]:
        """Page rows (bulk_create) and the bases' numchild; returns the new ids in order."""
        pages, added = [], [0] * len(self.skeleton.bases)
        for spec in specs:
            base = self.skeleton.bases[spec.base_index]
            self.children[spec.base_index] += 1
            added[spec.base_index] += 1
            self.serial += 1
            slug = f"{slugify(spec.title)[:60]}-{self.serial}"
            pages.append(
                Page(
                    title=spec.title, draft_title=spec.title, slug=slug,
                    path=Page._get_path(base.path, base.depth + 1, self.children[spec.base_index]),
                    depth=base.depth + 1, numchild=0, url_path=f"{base.url_path}{slug}/",
                    content_type_id=self.skeleton.content_type_id, locale_id=self.skeleton.locale_id,
                    live=True, has_unpublished_changes=False,
                    first_published_at=spec.published, last_published_at=spec.published,
                )
            )
        created = Page.objects.bulk_create(pages, batch_size=1_000)
        for base, count in zip(self.skeleton.bases, added, strict=True):
            if count:
                Page.objects.filter(pk=base.pk).update(numchild=F("numchild") + count)
        return [page.pk for page in created]

    def _insert_resource_rows(self, page_ids: list[int], specs: list[ResourceSpec]) -> None:
        """The resources_resourcepage rows: Django has no bulk_create for multi-table children."""
        fields = ResourcePage._meta.local_concrete_fields
        values = {
            "page_ptr": lambda pk, spec: pk,
            "licence": lambda pk, spec: spec.licence_id,
            "attribution": lambda pk, spec: self.rng.choice(ATTRIBUTIONS),
            "source_url": lambda pk, spec: "",
            "summary": lambda pk, spec: spec.summary,
            "resource_type": lambda pk, spec: spec.resource_type,
            "cover_image": lambda pk, spec: None,
            "body": lambda pk, spec: spec.body,
            "territory": lambda pk, spec: spec.territory_id,
            "date": lambda pk, spec: spec.date,
            "date_precision": lambda pk, spec: "day",
        }
        missing = {f.name for f in fields} - set(values)
        if missing:
            raise RuntimeError(f"ResourcePage has columns this generator does not fill: {sorted(missing)}")
        rows = [
            [f.get_db_prep_save(values[f.name](pk, spec), connection) for f in fields]
            for pk, spec in zip(page_ids, specs, strict=True)
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(ResourcePage._meta.db_table)} ({columns}) VALUES ({placeholders})", rows
            )

    def _insert_relations(self, page_ids: list[int], specs: list[ResourceSpec]) -> None:
        """Themes, principles, tags and collection items, in bulk."""
        for name, attribute in (("themes", "theme_ids"), ("principles", "principle_ids")):
            relation = ResourcePage._meta.get_field(name)
            through = relation.remote_field.through
            source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                [
                    through(**{source: pk, target: term_id})
                    for pk, spec in zip(page_ids, specs, strict=True)
                    for term_id in getattr(spec, attribute)
                ],
                batch_size=2_000,
            )
        ResourcePageTag.objects.bulk_create(
            [
                ResourcePageTag(content_object_id=pk, tag_id=tag_id)
                for pk, spec in zip(page_ids, specs, strict=True)
                for tag_id in spec.tag_ids
            ],
            batch_size=2_000,
        )
        items = []
        for pk, spec in zip(page_ids, specs, strict=True):
            for collection_id in spec.collection_ids:
                items.append(CollectionItem(collection_id=collection_id, resource_id=pk, sort_order=pk, note=""))
        CollectionItem.objects.bulk_create(items, batch_size=2_000)


def verify_corpus(expected: int) -> None:
    """The index-to-be holds exactly ``expected`` resources, and generated pages behave as pages."""
    count = indexable_resources().count()
    if count != expected:
        raise SystemExit(f"indexable_resources().count() is {count}, expected {expected}")
    ids = list(ResourcePage.objects.order_by("pk").values_list("pk", flat=True))
    for pk in (ids[0], ids[len(ids) // 2], ids[-1]):
        page = Page.objects.get(pk=pk).specific
        if not isinstance(page, ResourcePage) or not page.url or not page.themes.exists() or not len(page.body):
            raise SystemExit(f"Generated page {pk} does not load as a resource with a URL, themes and a body")
    problems = Page.find_problems()
    if any(problems):
        raise SystemExit(f"treebeard finds problems in the generated tree: {problems}")
    print(f"  verified: {count} indexable resources; e.g. {page.url}")


# --- Query mix ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MixQuery:
    label: str
    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sort: str = "relevance"
    page: int = 1

    def search_query(self, page_size: int):
        return SearchQuery(text=self.text, filters=dict(self.filters), sort=self.sort, page=self.page,
                           page_size=page_size)


def query_mix(skeleton: Skeleton) -> list[MixQuery]:
    """20 queries: words with and without accents, phrases, misspellings, facets, sorts, a deep page."""
    theme = skeleton.themes[0].slug
    other_theme = skeleton.themes[3].slug
    principle = skeleton.principles[2].slug
    base = skeleton.bases[1].slug
    return [
        MixQuery("médiation", "médiation"),
        MixQuery("mediation (no accent)", "mediation"),
        MixQuery("écologique", "écologique"),
        MixQuery("sobriete (no accent)", "sobriete"),
        MixQuery("bibliothèques", "bibliothèques"),
        MixQuery("« données ouvertes »", "données ouvertes"),
        MixQuery("« fracture numérique »", "fracture numérique"),
        MixQuery("« tiers-lieux ruraux »", "tiers-lieux ruraux"),
        MixQuery("mediaton (misspelt)", "mediaton"),
        MixQuery("acessibilité (misspelt)", "acessibilité"),
        MixQuery("no text, theme", filters=(("theme", (theme,)),)),
        MixQuery("no text, type + year", filters=(("type", ("guide", "video")), ("year", ("2023",)))),
        MixQuery("no text, territory + licence", filters=(("territory", ("reg-76",)), ("licence", ("cc0-1.0",)))),
        MixQuery("numérique + theme + principle", "numérique",
                 filters=(("theme", (other_theme,)), ("principle", (principle,)))),
        MixQuery("médiation + base + type", "médiation", filters=(("base", (base,)), ("type", ("article",)))),
        MixQuery("communs, newest", "communs", sort="newest"),
        MixQuery("jeunes, title", "jeunes", sort="title"),
        MixQuery("no text, title", sort="title"),
        MixQuery("numérique, page 20", "numérique", page=20),
        MixQuery("no text, newest, page 40", sort="newest", page=40),
    ]


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """What one backend measured at one size."""

    name: str
    indexed: int = 0
    index_seconds: float = 0.0
    samples: dict[str, list[float]] = field(default_factory=dict)  # label → ms per round
    totals: dict[str, int | None] = field(default_factory=dict)
    queries_10: dict[str, int] = field(default_factory=dict)
    queries_100: dict[str, int] = field(default_factory=dict)
    queries_timed: dict[str, int] = field(default_factory=dict)  # at the timed page size (slow backends)
    slow: int = 0  # searches over the backend's production timeout (Elasticsearch)
    capped: int = 0  # searches stopped at the per-search cap (the peer)
    top10: dict[str, list[int]] = field(default_factory=dict)  # label → ids of the first 10 hits

    @property
    def rate(self) -> float:
        return self.indexed / self.index_seconds if self.index_seconds else 0.0

    def all_samples(self, labels: Iterable[str] | None = None) -> list[float]:
        wanted = set(self.samples) if labels is None else set(labels)
        return [ms for label, values in self.samples.items() if label in wanted for ms in values]


def percentile(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def time_document_build() -> tuple[int, float]:
    """Building the documents alone (no backend): the share of a rebuild spent in Python and reads."""
    started = time.perf_counter()
    ids = list(indexable_resources().order_by("pk").values_list("pk", flat=True))
    built = sum(1 for _ in documents_in_chunks(ids, REBUILD_BATCH_SIZE))
    return built, time.perf_counter() - started


def time_rebuild(backend, figures: Figures) -> None:
    """``search_index rebuild``'s steps on ``backend``: ids, documents in chunks, backend.rebuild."""
    started = time.perf_counter()
    ids = list(indexable_resources().order_by("pk").values_list("pk", flat=True))
    bar = TextProgressBar(sys.stdout, label=f"  {backend.name} rebuild ", interactive=False)
    report = backend.rebuild(documents_in_chunks(ids, REBUILD_BATCH_SIZE), len(ids), bar)
    bar.finish()
    figures.indexed, figures.index_seconds = report.indexed, time.perf_counter() - started
    print(f"  {backend.name}: {report.indexed} indexed in {figures.index_seconds:.1f}s ({figures.rate:,.0f}/s)")


class Capped(Exception):
    """A search stopped at the per-search cap (its time is a lower bound)."""


@contextlib.contextmanager
def search_cap(seconds: float | None) -> Iterator[None]:
    """Stop a SQLite statement running longer than ``seconds`` (raises ``Capped``).

    PostgreSQL gets a session ``statement_timeout`` instead (see ``postgres_cap``).
    """
    timer = None
    if seconds and connection.vendor == "sqlite":
        connection.ensure_connection()
        timer = threading.Timer(seconds, connection.connection.interrupt)
        timer.start()
    try:
        yield
    except OperationalError as exc:
        if "interrupted" in str(exc) or "statement timeout" in str(exc):
            raise Capped from exc
        raise
    finally:
        if timer is not None:
            timer.cancel()


@contextlib.contextmanager
def postgres_cap(seconds: float | None) -> Iterator[None]:
    """A session statement_timeout on PostgreSQL while the peer runs (outside the query counts)."""
    if not seconds or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def timed_search(figures: Figures, query: MixQuery, run: Callable[[MixQuery, int], Any], page_size: int,
                 cap: float | None, slow_ms: float | None) -> Any:
    """Run one search, record its time in ms; a capped search counts the cap (and is flagged)."""
    started = time.perf_counter()
    result = None
    try:
        with search_cap(cap):
            result = run(query, page_size)
    except Capped:
        figures.capped += 1
    ms = (time.perf_counter() - started) * 1000
    figures.samples.setdefault(query.label, []).append(ms)
    if slow_ms is not None and ms > slow_ms:
        figures.slow += 1
    return result


def time_mix(figures: Figures, mix: list[MixQuery], run: Callable[[MixQuery, int], Any], rounds: int,
             page_size: int, *, count_first_round: bool = False, cap: float | None = None,
             slow_ms: float | None = None) -> None:
    """``rounds`` timed rounds of the whole mix.

    With ``count_first_round`` (slow backends, no separate warm-up), the first
    round also counts database queries (at the timed page size) and hits.
    """
    for number in range(1, rounds + 1):
        for query in mix:
            if count_first_round and number == 1:
                with CaptureQueriesContext(connection) as captured:
                    result = timed_search(figures, query, run, page_size, cap, slow_ms)
                figures.queries_timed[query.label] = len(captured.captured_queries)
                if hasattr(result, "total"):
                    figures.totals[query.label] = result.total
                    figures.top10[query.label] = [hit.id for hit in result.hits[:10]]
            else:
                timed_search(figures, query, run, page_size, cap, slow_ms)
        print(f"  {figures.name}: round {number}/{rounds} done", flush=True)


def count_queries(figures: Figures, mix: list[MixQuery], run: Callable[[MixQuery, int], Any], page_size: int) -> None:
    """Database queries of each search at page size 10 and 100 (untimed: also the warm-up); hits.

    A first, uncounted search reads what the backend keeps per index generation (the
    facet sets), as the first search after every index write does. The first ten hits
    are taken at the timed page size, as for Elasticsearch, so deep pages compare alike.
    """
    run(mix[0], 10)
    for size, found in ((10, figures.queries_10), (100, figures.queries_100)):
        for query in mix:
            with CaptureQueriesContext(connection) as captured:
                result = run(query, size)
            found[query.label] = len(captured.captured_queries)
            figures.totals[query.label] = result.total
        print(f"  {figures.name}: queries counted at page size {size}", flush=True)
    for query in mix:
        figures.top10[query.label] = [hit.id for hit in run(query, page_size).hits[:10]]


def measure_database(mix: list[MixQuery], args: argparse.Namespace) -> Figures:
    """The database backend: rebuild, query counts at page size 10 and 100, then the timed rounds.

    Counted and timed with the per-process result cache off (every search runs its SQL):
    the rounds repeat the same queries, which the cache would otherwise answer. What a
    cached answer costs is timed afterwards and printed on its own line.
    """
    backend = DatabaseBackend()
    figures = Figures(backend.name)
    time_rebuild(backend, figures)

    def run(query: MixQuery, page_size: int):
        return backend.search(query.search_query(page_size))

    with override_settings(SEARCH_RESULT_CACHE_SIZE=0):
        count_queries(figures, mix, run, args.page_size)
        time_mix(figures, mix, run, args.rounds, args.page_size)
    time_cached(mix, run, args.page_size)
    return figures


def time_cached(mix: list[MixQuery], run: Callable[[MixQuery, int], Any], page_size: int) -> None:
    """The mix answered from the result cache (one warm round, then one timed), printed apart."""
    for query in mix:
        run(query, page_size)
    samples, queries = [], 0
    for query in mix:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            run(query, page_size)
            samples.append((time.perf_counter() - started) * 1000)
        queries = max(queries, len(captured))
    print(f"  database, answered from the result cache: p50 {percentile(samples, 50):.1f} ms, "
          f"p95 {percentile(samples, 95):.1f} ms, at most {queries} query per search", flush=True)


def measure_elasticsearch(backend, mix: list[MixQuery], args: argparse.Namespace) -> Figures:
    """Elasticsearch (or noida-db): rebuild, then timed rounds, the first one also counting."""
    figures = Figures(backend.name)
    time_rebuild(backend, figures)

    def run(query: MixQuery, page_size: int):
        return backend.search(query.search_query(page_size))

    time_mix(figures, mix, run, args.es_rounds, args.page_size, count_first_round=True, slow_ms=5_000)
    return figures


def peer_results(query: MixQuery):
    """Wagtail's built-in search over the same pages: text only (it has no facets)."""
    pages = ResourcePage.objects.live().public()
    if query.sort == "newest":
        return pages.order_by("-first_published_at").search(query.text, order_by_relevance=False)
    if query.sort == "title":
        return pages.order_by("title").search(query.text, order_by_relevance=False)
    return pages.search(query.text)


def measure_peer(mix: list[MixQuery], args: argparse.Namespace) -> Figures:
    """Wagtail's ``update_index`` (timed), then the text part of the mix through ``.search()``."""
    figures = Figures("wagtail (peer)")
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    figures.index_seconds = time.perf_counter() - started
    figures.indexed = indexable_resources().count()
    print(f"  wagtail update_index: {figures.index_seconds:.1f}s ({figures.rate:,.0f} resources/s)", flush=True)
    text_mix = [query for query in mix if query.text]

    def run(query: MixQuery, page_size: int) -> list:
        offset = (query.page - 1) * page_size
        return list(peer_results(query)[offset : offset + page_size])

    # Counting the matches is cheap here (no ranking); it shows both sides search the same set.
    figures.totals = {query.label: peer_results(query).count() for query in text_mix}
    with postgres_cap(args.peer_cap):
        time_mix(figures, text_mix, run, args.peer_rounds, args.page_size, count_first_round=True,
                 cap=args.peer_cap)
    return figures


# --- Report ------------------------------------------------------------------------------------


def print_size_report(size: int, figures: list[Figures], mix: list[MixQuery], build: tuple[int, float] | None,
                      page_size: int, minutes: float) -> None:
    text_labels = [query.label for query in mix if query.text]
    print(f"\n### {size:,} resources\n")
    print("| backend | reindex | full mix p50 / p95 (ms) | text-only mix p50 / p95 (ms) | DB queries per search |")
    print("| --- | --- | --- | --- | --- |")
    for fig in figures:
        full_cell = "— (no facets)" if fig.name.startswith("wagtail") else _p50_p95(fig, None)
        print(f"| {fig.name} | {fig.rate:,.0f} res/s ({fig.index_seconds:.0f} s) | {full_cell} "
              f"| {_p50_p95(fig, text_labels)} | {_queries_cell(fig, page_size)} |")
    print(f"\nTimed searches (page size {page_size}): "
          f"{', '.join(f'{f.name} {len(f.all_samples())}' for f in figures)}.")
    if build:
        built, seconds = build
        print(f"Building the documents alone (no backend write): {built / seconds:,.0f} res/s ({seconds:.0f} s).")
    for fig in figures:
        if fig.slow:
            print(f"{fig.name}: {fig.slow} timed searches took longer than the backend's 5 s production timeout.")
        if fig.capped:
            print(f"{fig.name}: {fig.capped} timed searches were stopped at the cap: their figures are lower bounds (≥).")
    print_aims(figures, text_labels)
    print_parity(figures, mix)
    print("\nPer query: median ms (hits)\n")
    print("| query | " + " | ".join(fig.name for fig in figures) + " |")
    print("| --- |" + " --- |" * len(figures))
    for query in mix:
        cells = []
        for fig in figures:
            values = fig.samples.get(query.label)
            total = fig.totals.get(query.label)
            hits = "?" if total is None else f"{total:,}"
            cells.append("—" if not values else f"{statistics.median(values):,.0f} ({hits})")
        print(f"| {query.label} | " + " | ".join(cells) + " |")
    print(f"\nSize {size:,} took {minutes:.1f} min (generation included).", flush=True)


# Parity aims of issue 17, per query of the mix.
TOTAL_GAP_AIM = 0.05
OVERLAP_AIM = 0.8


def print_parity(figures: list[Figures], mix: list[MixQuery]) -> None:
    """Per query: both backends' totals, their gap, and the overlap of their top 10."""
    by_name = {fig.name: fig for fig in figures}
    database, elastic = by_name.get("database"), by_name.get("elasticsearch")
    if not database or not elastic:
        return
    print("\nParity database / elasticsearch, per query (aims: totals within 5 %, top-10 overlap ≥ 80 %)\n")
    print("| query | database total | elasticsearch total | gap | top-10 overlap | verdict |")
    print("| --- | --- | --- | --- | --- | --- |")
    met = 0
    for query in mix:
        ours, theirs = database.totals.get(query.label), elastic.totals.get(query.label)
        if ours is None or theirs is None:
            print(f"| {query.label} | {ours} | {theirs} | — | — | not measured |")
            continue
        gap = abs(ours - theirs) / max(ours, theirs, 1)
        top_ours, top_theirs = database.top10.get(query.label, []), elastic.top10.get(query.label, [])
        wanted = max(len(top_ours), len(top_theirs))
        overlap = len(set(top_ours) & set(top_theirs)) / wanted if wanted else 1.0
        ok = gap <= TOTAL_GAP_AIM and overlap >= OVERLAP_AIM
        met += ok
        print(f"| {query.label} | {ours:,} | {theirs:,} | {gap:.1%} | {overlap:.0%} | {'met' if ok else 'NOT met'} |")
    print(f"\nParity met for {met} of {len(mix)} queries.")


def _p50_p95(fig: Figures, labels: list[str] | None) -> str:
    samples = fig.all_samples(labels)
    bound = "≥ " if fig.capped else ""
    return f"{bound}{percentile(samples, 50):,.0f} / {bound}{percentile(samples, 95):,.0f}"


def print_aims(figures: list[Figures], text_labels: list[str]) -> None:
    """The issue's three aims, met or not, at this size."""
    by_name = {fig.name: fig for fig in figures}
    for fig in figures:
        verdict = "met" if fig.rate >= REINDEX_AIM else "NOT met"
        print(f"Aim reindex ≥ {REINDEX_AIM:,}/s — {fig.name}: {fig.rate:,.0f}/s, {verdict}.")
    database, peer = by_name.get("database"), by_name.get("wagtail (peer)")
    if database and peer and peer.rate:
        ratio = database.rate / peer.rate
        print(f"Aim database reindex ≥ 3× Wagtail's update_index (same run): {database.rate:,.0f} vs "
              f"{peer.rate:,.0f} res/s = {ratio:.1f}×, {'met' if ratio >= 3 else 'NOT met'}.")
    if database and peer:
        ours, theirs = database.all_samples(text_labels), peer.all_samples(text_labels)
        p50 = (percentile(ours, 50), percentile(theirs, 50))
        p95 = (percentile(ours, 95), percentile(theirs, 95))
        verdict = "met" if p50[0] <= p50[1] and p95[0] <= p95[1] else "NOT met"
        bound = "≥ " if peer.capped else ""
        print(f"Aim database (faceted) no slower than Wagtail (unfaceted), same text queries: "
              f"p50 {p50[0]:,.0f} vs {bound}{p50[1]:,.0f} ms, p95 {p95[0]:,.0f} vs {bound}{p95[1]:,.0f} ms, {verdict}.")
    if database:
        same = database.queries_10 == database.queries_100
        print(f"Aim database queries independent of page size: {'met' if same else 'NOT met'}.")


def _queries_cell(fig: Figures, page_size: int) -> str:
    if fig.queries_10:
        low = _span(fig.queries_10.values())
        high = _span(fig.queries_100.values())
        differing = [label for label in fig.queries_10 if fig.queries_10[label] != fig.queries_100.get(label)]
        verdict = "equal for every query" if not differing else f"DIFFER for {', '.join(differing)}"
        return f"{low} at size 10, {high} at size 100 ({verdict})"
    if fig.queries_timed:
        return f"{_span(fig.queries_timed.values())} at size {page_size}"
    return "—"


def _span(values: Iterable[int]) -> str:
    values = list(values)
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}–{high}"


# --- The run (scripts/benchmark_search.py calls measure_all once Django is set up) ------------


def run_size(size: int, generator: CorpusGenerator, mix: list[MixQuery], args: argparse.Namespace,
             es_backend) -> None:
    """Grow the corpus to ``size``, then measure every selected backend on it."""
    started = time.perf_counter()
    print(f"\n== {size:,} resources == (load average {_load()})", flush=True)
    generator.grow_to(size)
    verify_corpus(size)
    figures: list[Figures] = []
    build = None
    if "database" in args.backends:
        built, seconds = time_document_build()
        build = (built, seconds)
        print(f"  documents alone: {built} built in {seconds:.1f}s ({built / seconds:,.0f}/s)")
        figures.append(measure_database(mix, args))
    if es_backend is not None and size <= args.es_max_size:
        figures.append(measure_elasticsearch(es_backend, mix, args))
    elif es_backend is not None:
        print(f"  elasticsearch: skipped above --es-max-size {args.es_max_size:,}")
    if "wagtail" in args.backends:
        figures.append(measure_peer(mix, args))
    print_size_report(size, figures, mix, build, args.page_size, (time.perf_counter() - started) / 60)
    print(f"Load average at the end: {_load()} (the machine is shared: other processes compete).")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def elasticsearch_backend(workspace: Workspace, args: argparse.Namespace) -> tuple[Any, NoidaServer | None]:
    """The Elasticsearch backend on an alias of its own, and noida-db when no cluster was given."""
    server = None
    url = workspace.elasticsearch_url
    if url is None:
        server = NoidaServer(workspace.directory)
        url = server.url
        print(f"Elasticsearch: noida-db on {url} (the stand-in, not Elasticsearch)")
    else:
        print(f"Elasticsearch: {url}")
    backend = ElasticsearchBackend(url=url, alias=f"bench-{uuid.uuid4().hex[:10]}", timeout=args.es_timeout)
    return backend, server


def drop_es_indices(backend) -> None:
    try:
        for name in backend.client.indices.get(index=f"{backend.alias}-*", expand_wildcards="all"):
            backend.client.indices.delete(index=name)
    except Exception as exc:  # cleanup only: report, don't mask the run's outcome
        print(f"Could not delete the benchmark indices {backend.alias}-*: {exc}")


def measure_all(args: argparse.Namespace, workspace: Workspace) -> None:
    """Django is set up and migrated: the page tree, the corpus, then every size's measures."""
    server = es_backend = None
    try:
        if "elasticsearch" in args.backends:
            es_backend, server = elasticsearch_backend(workspace, args)
        print("Building the page tree (home, bases, themes, principles, collections)…", flush=True)
        skeleton = build_skeleton()
        generator = CorpusGenerator(skeleton, random.Random(SEED))
        mix = query_mix(skeleton)
        for size in args.sizes:
            run_size(size, generator, mix, args, es_backend)
    finally:
        if es_backend is not None:
            drop_es_indices(es_backend)
        if server is not None:
            server.stop()
