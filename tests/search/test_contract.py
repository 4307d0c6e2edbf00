"""One contract, two backends: the same real pages, the same expectations.

Every test runs on the database backend and on Elasticsearch (a real cluster
when ELASTICSEARCH_URL is set, the noida-db stand-in otherwise). Pages are
created through Wagtail; the index is fed by the outbox, as in production.
"""

from __future__ import annotations

import random
from collections import Counter
from itertools import product

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from curation.models import CollectionItem
from resources.models import ResourcePage
from search import backends, indexing, outbox
from search.documents import build_documents, indexable_resources
from search.models import SearchSynonym
from search.query import Facet, SearchQuery, Sort
from tests import factories


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, monkeypatch, db):
    """The backend under test, installed as the hub's configured backend."""
    if request.param == "database":
        from search.backends.database.backend import DatabaseBackend

        engine = DatabaseBackend()
    else:
        engine = request.getfixturevalue("es_backend")
    monkeypatch.setattr(backends, "get_backend", lambda: engine)
    return engine


def sync(engine) -> None:
    """What the sync task does after a commit: drain the outbox into the engine."""
    report = indexing.drain(backend=engine)
    assert report is not None
    assert outbox.backlog()[0] == 0


def titles(engine, text: str = "", **filters) -> set[str]:
    result = engine.search(SearchQuery(text=text, filters=filters, page_size=100))
    return {hit.title for hit in result.hits}


def agrees_with_database(engine) -> bool:
    return engine.indexed_ids() == set(indexable_resources().values_list("pk", flat=True))


# --- French text -----------------------------------------------------------------


@pytest.fixture
def french_corpus(backend):
    # A neutral theme, so that taxonomy labels do not match the words searched.
    neutral = [factories.ThemePageFactory(title="Thème neutre", slug="neutre")]
    for title, summary in [
        ("Écologie du numérique", "Réduire l'empreinte des services."),
        ("Cartographier un territoire", "Les données locales au service de tous."),
        ("Médiation et inclusion", "Accompagner les publics éloignés."),
        ("Numérique en Commun[s] à Metz", "Le compte rendu d'une journée."),
    ]:
        factories.ResourcePageFactory(title=title, summary=summary, themes=neutral)
    sync(backend)
    return backend


def test_accents_are_folded(french_corpus):
    assert titles(french_corpus, "ecologie") == {"Écologie du numérique"}


def test_plural_finds_singular(french_corpus):
    assert titles(french_corpus, "territoires") == {"Cartographier un territoire"}


def test_elision_is_removed(french_corpus):
    assert titles(french_corpus, "l'inclusion") == {"Médiation et inclusion"}


def test_a_misspelt_word_finds_the_known_word_and_suggests_it(french_corpus):
    result = french_corpus.search(SearchQuery(text="l'ecolgie"))
    assert [hit.title for hit in result.hits] == ["Écologie du numérique"]
    assert result.hits[0].highlights["title"] == ["<mark>Écologie</mark> du numérique"]
    assert result.suggestion == "l'ecologie"


def test_typos_are_corrected_only_within_the_allowed_edits(french_corpus):
    # Two edits in an 8-letter word are allowed, three are not; short words are never corrected.
    assert titles(french_corpus, "mediatoin") == {"Médiation et inclusion"}
    assert titles(french_corpus, "mdeiatoni") == set()
    assert titles(french_corpus, "metx") == set()
    assert french_corpus.search(SearchQuery(text="médiation")).suggestion is None


def test_synonym_added_in_admin_takes_effect_after_reindex(french_corpus):
    assert titles(french_corpus, "NEC") == set()
    SearchSynonym.objects.create(terms="NEC, Numérique en Commun[s]")
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    assert titles(french_corpus, "NEC") == {"Numérique en Commun[s] à Metz"}


def test_text_inside_body_blocks_and_event_facts_is_found(backend):
    factories.ResourcePageFactory(
        title="Guide",
        themes=[factories.ThemePageFactory(title="Thème neutre", slug="neutre")],
        body=[("quote", {"text": "Une citation sur la sobriété énergétique", "source": ""})],
    )
    factories.EventReportPageFactory(title="Rencontre", venue="Bliida", city="Metz")
    sync(backend)
    assert titles(backend, "sobriete") == {"Guide"}
    assert titles(backend, "bliida") == {"Rencontre"}


# --- Visibility --------------------------------------------------------------------


def test_only_live_public_pages_are_found_after_each_transition(backend):
    base = factories.default_base()
    visible = factories.ResourcePageFactory(title="Visible")
    factories.ResourcePageFactory(title="Brouillon", live=False)
    unpublished = factories.ResourcePageFactory(title="Dépubliée")
    private = factories.ResourcePageFactory(title="Privée")
    deleted = factories.ResourcePageFactory(title="Supprimée")
    sync(backend)
    assert titles(backend) == {"Visible", "Dépubliée", "Privée", "Supprimée"}

    unpublished.unpublish()
    sync(backend)
    assert "Dépubliée" not in titles(backend) and agrees_with_database(backend)

    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    sync(backend)
    assert "Privée" not in titles(backend) and agrees_with_database(backend)

    deleted.delete()
    sync(backend)
    assert titles(backend) == {"Visible"} and agrees_with_database(backend)

    restriction = PageViewRestriction.objects.create(
        page=base, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    sync(backend)
    assert titles(backend) == set() and agrees_with_database(backend)
    restriction.delete()
    sync(backend)
    assert titles(backend) == {"Visible"}

    # A draft edit of a live page leaves the live version in the index.
    draft = visible.get_latest_revision_as_object()
    draft.title = "Titre en brouillon"
    draft.save_revision()
    sync(backend)
    assert titles(backend) == {"Visible"}


def test_publishing_survives_an_outage_and_the_backlog_drains(backend, monkeypatch):
    from search.backends.base import SearchUnavailable

    def down(*args, **kwargs):
        raise SearchUnavailable("engine stopped")

    with monkeypatch.context() as stopped:
        stopped.setattr(type(backend), "index_documents", down)
        stopped.setattr(type(backend), "delete_documents", down)
        page = factories.ResourcePageFactory(title="Publiée pendant la panne")
        assert ResourcePage.objects.get(pk=page.pk).live
        indexing.drain(backend=backend)
        assert outbox.backlog()[0] >= 1
    sync(backend)
    assert titles(backend) == {"Publiée pendant la panne"} and agrees_with_database(backend)


# --- Facets -------------------------------------------------------------------------


def expected_counts(facet: Facet, filters: dict[Facet, tuple[str, ...]]) -> Counter:
    """Brute force over the database: each facet counts with every filter but its own."""
    documents = list(build_documents(indexable_resources().values_list("pk", flat=True)))
    counts: Counter = Counter()
    for document in documents:
        terms = document.facet_terms()
        if all(
            {t.value for t in terms[other]} & set(values)
            for other, values in filters.items()
            if other is not facet
        ):
            counts.update(t.value for t in terms[facet])
    return counts


def assert_facets_exact(engine, filters: dict[Facet, tuple[str, ...]]) -> None:
    result = engine.search(SearchQuery(filters=filters, page_size=5))
    for facet in Facet:
        got = {value.value: value.count for value in result.facets.get(facet, []) if value.count}
        assert got == dict(expected_counts(facet, filters)), facet
        for value in result.facets.get(facet, []):
            assert value.selected == (value.value in filters.get(facet, ()))
            assert value.label
    matching = [d for d in build_documents(indexable_resources().values_list("pk", flat=True))
                if all({t.value for t in d.facet_terms()[f]} & set(v) for f, v in filters.items())]
    assert result.total == len(matching)


def generate_library(count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    themes = [factories.ThemePageFactory(title=f"Thème {i}") for i in range(3)]
    principles = [factories.PrinciplePageFactory(title=f"Principe {i}") for i in range(3)]
    bases = [factories.default_base(), factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")]
    collections = [factories.CollectionPageFactory(title=f"Collection {i}") for i in range(2)]
    # Communes, départements and régions: each resource counts under its territory and their ancestors.
    territories = [factories.territory(key) for key in ("com-57463", "dep-30", "com-30346", "com-33281", "reg-76")]
    for i in range(count):
        page = factories.ResourcePageFactory(
            parent=rng.choice(bases),
            title=f"Ressource générée {i}",
            themes=rng.sample(themes, rng.randint(1, 2)),
            principles=rng.sample(principles, rng.randint(0, 2)),
            licence_id=rng.choice(["cc-by-sa-4.0", "cc-by-4.0", "etalab-2.0"]),
            resource_type=rng.choice(["guide", "article", "video"]),
            territory=rng.choice([None, *territories]),
        )
        for collection in collections:
            if rng.random() < 0.4:
                CollectionItem.objects.create(collection=collection, resource=page)
    for collection in collections:
        collection.save_revision().publish()


def test_facet_counts_are_exact_and_disjunctive_on_generated_data(backend):
    generate_library(40)
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    all_values = {f: sorted(expected_counts(f, {})) for f in Facet}
    assert_facets_exact(backend, {})
    rng = random.Random(3)
    pairs = product([Facet.THEME, Facet.LICENCE, Facet.COLLECTION, Facet.TERRITORY], [Facet.RESOURCE_TYPE, Facet.BASE])
    for first, second in [*pairs, (Facet.TERRITORY, Facet.YEAR)]:
        filters = {
            first: tuple(rng.sample(all_values[first], min(2, len(all_values[first])))),
            second: (rng.choice(all_values[second]),),
        }
        assert_facets_exact(backend, filters)


def test_facet_counts_on_the_demo_content(backend):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    assert agrees_with_database(backend)
    assert_facets_exact(backend, {})
    theme = sorted(expected_counts(Facet.THEME, {}))[0]
    assert_facets_exact(backend, {Facet.THEME: (theme,)})
    assert_facets_exact(backend, {Facet.THEME: (theme,), Facet.BASE: ("nec-locaux",)})


def test_collection_facet_follows_membership(backend):
    collection = factories.CollectionPageFactory(title="Sélection")
    page = factories.ResourcePageFactory(title="Membre")
    sync(backend)
    assert titles(backend, collection=(collection.slug,)) == set()
    CollectionItem.objects.create(collection=collection, resource=page)
    collection.save_revision().publish()
    sync(backend)
    assert titles(backend, collection=(collection.slug,)) == {"Membre"}


# --- Sorting and paging ----------------------------------------------------------------


def test_sorts_and_pages_cover_every_result_once(backend):
    for name in ["Bravo", "alpha", "Écho", "Delta", "charlie"]:
        factories.ResourcePageFactory(title=name)
    sync(backend)
    by_title = backend.search(SearchQuery(sort=Sort.TITLE, page_size=10))
    assert [hit.title for hit in by_title.hits] == ["alpha", "Bravo", "charlie", "Delta", "Écho"]
    newest = backend.search(SearchQuery(sort=Sort.NEWEST, page_size=10))
    oldest = [hit.title for hit in backend.search(SearchQuery(sort=Sort.OLDEST, page_size=10)).hits]
    assert oldest == ["Bravo", "alpha", "Écho", "Delta", "charlie"]
    assert [hit.title for hit in newest.hits] == oldest[::-1]
    paged = [
        hit.title
        for page in (1, 2, 3)
        for hit in backend.search(SearchQuery(sort=Sort.TITLE, page=page, page_size=2)).hits
    ]
    assert paged == [hit.title for hit in by_title.hits]


def test_highlights_mark_the_matched_words(backend):
    factories.ResourcePageFactory(title="Écologie et territoires", summary="Sobriété <b>numérique</b>")
    sync(backend)
    hit = backend.search(SearchQuery(text="ecologie")).hits[0]
    assert "<mark>" in " ".join(hit.highlights.get("title", []))
    summary_hit = backend.search(SearchQuery(text="numerique")).hits[0]
    assert "<b>" not in " ".join(summary_hit.highlights.get("summary", []))


def test_suggest_completes_titles(backend):
    factories.ResourcePageFactory(title="Numérique responsable")
    factories.ResourcePageFactory(title="Données ouvertes")
    sync(backend)
    assert backend.suggest("numer") == ["Numérique responsable"]


# --- Every hit says why; one ranking ----------------------------------------------------


def test_a_hit_found_through_a_tag_or_a_theme_shows_it_marked(backend):
    ecology = factories.ThemePageFactory(title="Écologie", slug="ecologie")
    neutral = factories.ThemePageFactory(title="Thème neutre", slug="neutre")
    tagged = factories.ResourcePageFactory(title="La revue NEC n°1", summary="Un numéro.", themes=[neutral])
    tagged.tags.add("Sobriété")
    tagged.save_revision().publish()
    factories.ResourcePageFactory(title="Empreinte écologique des services", summary="Mesurer.", themes=[neutral])
    factories.ResourcePageFactory(title="Un atelier", summary="Réparer.", themes=[ecology])
    sync(backend)

    hit = backend.search(SearchQuery(text="sobriete")).hits
    assert [h.title for h in hit] == ["La revue NEC n°1"]
    assert hit[0].highlights == {"tags": ["<mark>Sobriété</mark>"]}

    result = backend.search(SearchQuery(text="écologie"))
    by_title = {h.title: h.highlights for h in result.hits}
    # Snowball French: « écologie » finds « écologique », marked where it stands.
    assert by_title["Empreinte écologique des services"]["title"] == ["Empreinte <mark>écologique</mark> des services"]
    assert by_title["Un atelier"] == {"taxonomy": ["<mark>Écologie</mark>"]}
    # Title before taxonomy.
    assert [h.title for h in result.hits] == ["Empreinte écologique des services", "Un atelier"]


def test_ranking_exact_title_then_title_summary_taxonomy_body(backend):
    theme = factories.ThemePageFactory(title="Médiation", slug="mediation")
    neutral = factories.ThemePageFactory(title="Thème neutre", slug="neutre")
    factories.ResourcePageFactory(
        title="Dans le corps", summary="Rien.", themes=[neutral],
        body=[("paragraph", RichText("<p>La médiation au quotidien.</p>"))],
    )
    factories.ResourcePageFactory(title="Par le thème", summary="Rien.", themes=[theme])
    factories.ResourcePageFactory(title="Par le résumé", summary="Une médiation.", themes=[neutral])
    factories.ResourcePageFactory(title="La médiation en pratique", summary="Rien.", themes=[neutral])
    factories.ResourcePageFactory(title="Médiation", summary="Rien.", themes=[neutral])
    sync(backend)
    assert [h.title for h in backend.search(SearchQuery(text="mediation")).hits] == [
        "Médiation", "La médiation en pratique", "Par le résumé", "Par le thème", "Dans le corps",
    ]


def test_both_backends_find_and_order_the_same_resources(db, es_backend):
    """Parity: the same documents in both engines give the same totals, order and highlights."""
    from search.backends.database.backend import DatabaseBackend

    generate_library(30)
    for i, (title, summary) in enumerate([
        ("Tiers-lieux ruraux : un guide", "Les données ouvertes des territoires ruraux."),
        ("Accessibilité des services publics", "Médiation et accessibilité."),
        ("Données ouvertes et médiation", "Une médiatrice témoigne."),
        ("Empreinte écologique du numérique", "Sobriété et réemploi."),
    ]):
        page = factories.ResourcePageFactory(title=title, summary=summary)
        page.tags.add(["tiers-lieu", "données", "médiation", "écologie"][i])
        page.save_revision().publish()
    database = DatabaseBackend()
    documents = list(build_documents(indexable_resources().values_list("pk", flat=True)))
    database.rebuild(documents, len(documents), lambda done, total: None)
    es_backend.rebuild(documents, len(documents), lambda done, total: None)
    queries = ["médiation", "écologie", "sobriete", "acessibilité", "tiers-lieux ruraux", "données ouvertes",
               "ressource générée", "thème", "numérique", "introuvable"]
    for text in queries:
        for sort in (Sort.RELEVANCE, Sort.TITLE):
            query = SearchQuery(text=text, sort=sort, page_size=10)
            ours, theirs = database.search(query), es_backend.search(query)
            assert ours.total == theirs.total, text
            assert [h.id for h in ours.hits] == [h.id for h in theirs.hits], text
            assert [h.highlights for h in ours.hits] == [h.highlights for h in theirs.hits], text
            assert ours.suggestion == theirs.suggestion, text
    assert database.search(SearchQuery(text="acessibilité")).total >= 1


def test_the_demo_queries_of_issue_17_say_why_they_match(backend):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    revue = "La revue NEC #1 : Empreinte écologique du numérique"

    ecology = {hit.title: hit for hit in backend.search(SearchQuery(text="écologie", page_size=100)).hits}
    assert "<mark>écologique</mark>" in ecology[revue].highlights["title"][0]

    sobriety = {hit.title: hit for hit in backend.search(SearchQuery(text="sobriete", page_size=100)).hits}
    assert sobriety[revue].highlights["tags"] == ["<mark>sobriété</mark>"]
    # Every hit shows at least one marked fragment: none is found without a reason.
    for text in ("écologie", "sobriete", "acessibilité", "tiers-lieux ruraux", "données ouvertes", "médiation"):
        for hit in backend.search(SearchQuery(text=text, page_size=100)).hits:
            assert any("<mark>" in fragment for fragments in hit.highlights.values() for fragment in fragments), (
                text, hit.title)
