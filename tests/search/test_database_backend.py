"""The database search backend, on ResourceDocuments built by hand (no pages).

Facet counts, totals and matches are checked against a brute-force
computation in Python over the same documents.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from search.backends import get_backend, reset_backend
from search.backends.database import cache
from search.backends.database.backend import DatabaseBackend
from search.documents import ResourceDocument
from search.french import terms
from search.models import SearchSynonym
from search.query import Facet, SearchQuery, SearchQueryError, Sort, TermRef
from tests.search.fakes import facets_of

pytestmark = pytest.mark.django_db

EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)


def make_doc(id: int, title: str = "Sans titre", **fields) -> ResourceDocument:
    themes = [TermRef(slug, slug.replace("-", " ").capitalize()) for slug in fields.pop("themes", [])]
    facets = {
        "resource_type": "guide",
        "resource_type_label": "Guide",
        "licence": TermRef("etalab-2.0", "Licence Ouverte 2.0"),
        "base": TermRef("nec", "Numérique en Commun[s]"),
        "principles": [],
        "collections": [],
        "territory": "",
        "year": 2023,
    }
    facets.update({name: fields.pop(name) for name in list(facets) if name in fields})
    values = {
        "summary": "",
        "body_text": "",
        "url": f"https://bases.example/r/{id}/",
        "tags": [],
        "first_published_at": EPOCH + timedelta(days=id),
        "last_published_at": None,
        **fields,
    }
    return ResourceDocument(id=id, title=title, facets=facets_of(themes=themes, **facets), **values)


@pytest.fixture
def backend() -> DatabaseBackend:
    return DatabaseBackend()


def ids(result) -> list[int]:
    return [hit.id for hit in result.hits]


def search(backend, text="", **kwargs):
    return backend.search(SearchQuery(text=text, **kwargs))


# --- French matching ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "indexed"),
    [
        ("ecologie", "Écologie et territoires"),
        ("ÉCOLOGIE", "ecologie"),
        ("territoires", "Un territoire"),
        ("territoire", "Des territoires"),
        ("l'inclusion", "Inclusion numérique"),
        ("inclusion", "De l’inclusion"),
        ("numériques", "Le numérique"),
        ("médiatrices", "Médiateur numérique"),
        ("inclusives", "Un projet inclusif"),
        ("œuvre", "Oeuvres libres"),
    ],
)
def test_french_forms_match(backend, text, indexed):
    backend.index_documents([make_doc(1, indexed), make_doc(2, "Rien à voir")])
    assert ids(search(backend, text)) == [1]


def test_stop_words_alone_match_nothing(backend):
    backend.index_documents([make_doc(1, "Le guide de la médiation")])
    assert search(backend, "le de la").total == 0
    assert ids(search(backend, "le guide")) == [1]


def test_every_field_is_searched(backend):
    backend.index_documents(
        [
            make_doc(1, "Un", summary="tiers-lieu"),
            make_doc(2, "Deux", body_text="un tiers-lieu rural"),
            make_doc(3, "Trois", tags=["tiers-lieu"]),
            make_doc(4, "Quatre", themes=["tiers-lieu"]),
            make_doc(5, "Cinq", event_text="Atelier au tiers-lieu de Brest"),
            make_doc(6, "Six"),
        ]
    )
    assert sorted(ids(search(backend, "tiers-lieux"))) == [1, 2, 3, 4, 5]


def test_all_terms_must_match(backend):
    backend.index_documents(
        [
            make_doc(1, "Écologie", body_text="inclusion"),
            make_doc(2, "Écologie"),
            make_doc(3, "Inclusion"),
        ]
    )
    assert ids(search(backend, "écologie inclusion")) == [1]
    assert search(backend, "écologie inclusion introuvable").total == 0


# --- synonyms -------------------------------------------------------------


def test_synonyms_expand_single_and_multi_word_terms(backend):
    backend.index_documents(
        [
            make_doc(1, "Numérique en Commun[s] 2023 à Lyon"),
            make_doc(2, "Retour sur NEC Marseille"),
            make_doc(3, "Le numérique"),
        ]
    )
    assert sorted(ids(search(backend, "NEC"))) == [2]
    # Added after indexing: applies at query time, no reindex.
    SearchSynonym.objects.create(terms="NEC, Numérique en Commun[s]")
    assert sorted(ids(search(backend, "NEC"))) == [1, 2]
    assert sorted(ids(search(backend, "numérique en communs"))) == [1, 2]
    assert sorted(ids(search(backend, "nec lyon"))) == [1]
    assert sorted(ids(search(backend, "numérique"))) == [1, 3]


def test_disabled_synonyms_are_ignored(backend):
    backend.index_documents([make_doc(1, "Tiers-lieu"), make_doc(2, "Fablab")])
    SearchSynonym.objects.create(terms="fablab, tiers-lieu", enabled=False)
    assert ids(search(backend, "fablab")) == [2]
    SearchSynonym.objects.update(enabled=True)
    assert sorted(ids(search(backend, "fablab"))) == [1, 2]


# --- relevance and sorts --------------------------------------------------


def test_relevance_ranks_title_over_summary_over_taxonomy_over_body(backend):
    backend.index_documents(
        [
            make_doc(1, "Un", body_text="médiation"),
            make_doc(2, "Deux", themes=["mediation"]),
            make_doc(3, "Trois", summary="médiation"),
            make_doc(4, "Médiation"),
        ]
    )
    result = search(backend, "médiation")
    assert ids(result) == [4, 3, 2, 1]
    assert [hit.score for hit in result.hits] == sorted((hit.score for hit in result.hits), reverse=True)


def test_relevance_ties_go_to_the_newest(backend):
    backend.index_documents([make_doc(i, "Médiation") for i in (3, 1, 2)])
    assert ids(search(backend, "médiation")) == [3, 2, 1]


def test_sorts(backend):
    backend.index_documents(
        [
            make_doc(1, "Zèbre", first_published_at=EPOCH + timedelta(days=5)),
            make_doc(2, "Écologie", first_published_at=EPOCH + timedelta(days=9)),
            make_doc(3, "avenir", first_published_at=EPOCH + timedelta(days=1)),
            make_doc(4, "Donnees", first_published_at=None),
        ]
    )
    assert ids(search(backend, sort=Sort.NEWEST)) == [2, 1, 3, 4]
    assert ids(search(backend, sort=Sort.OLDEST)) == [3, 1, 2, 4]
    assert ids(search(backend, sort=Sort.TITLE)) == [3, 4, 2, 1]
    assert ids(search(backend, sort=Sort.RELEVANCE)) == [2, 1, 3, 4]  # no text: newest first


def test_text_search_can_sort_by_title(backend):
    backend.index_documents([make_doc(1, "Zinc et écologie"), make_doc(2, "Arbres et écologie"), make_doc(3, "Autre")])
    assert ids(search(backend, "écologie", sort=Sort.TITLE)) == [2, 1]


# --- filters and facets ---------------------------------------------------


def test_filters_or_inside_a_facet_and_across_facets(backend):
    backend.index_documents(
        [
            make_doc(1, themes=["ecologie"], territory="Bretagne"),
            make_doc(2, themes=["inclusion"], territory="Bretagne"),
            make_doc(3, themes=["inclusion"], territory="Occitanie"),
            make_doc(4, themes=["donnees"], territory="Bretagne"),
        ]
    )
    either = {Facet.THEME: ["ecologie", "inclusion"]}
    assert sorted(ids(search(backend, filters=either))) == [1, 2, 3]
    both = {**either, Facet.TERRITORY: ["Bretagne"]}
    result = search(backend, filters=both)
    assert sorted(ids(result)) == [1, 2]
    themes = {v.value: (v.count, v.selected) for v in result.facets[Facet.THEME]}
    # Theme counts ignore the theme filter but keep the territory one.
    assert themes == {"ecologie": (1, True), "inclusion": (1, True), "donnees": (1, False)}
    territories = {v.value: (v.count, v.selected) for v in result.facets[Facet.TERRITORY]}
    assert territories == {"Bretagne": (2, True), "Occitanie": (1, False)}


def test_selected_values_show_with_zero_count_and_their_label(backend):
    backend.index_documents(
        [make_doc(1, "Écologie", themes=["ecologie"]), make_doc(2, "Autre", themes=["inclusion"])]
    )
    result = search(backend, "écologie", filters={Facet.THEME: ["inclusion", "inconnu"]})
    assert result.total == 0
    themes = {v.value: (v.label, v.count, v.selected) for v in result.facets[Facet.THEME]}
    assert themes == {
        "ecologie": ("Ecologie", 1, False),
        "inclusion": ("Inclusion", 0, True),
        "inconnu": ("inconnu", 0, True),
    }


def test_facet_values_are_ordered_by_count_then_label(backend):
    backend.index_documents(
        [
            make_doc(1, themes=["b", "a"]),
            make_doc(2, themes=["c", "b"]),
            make_doc(3, themes=["c"]),
        ]
    )
    facet = search(backend).facets[Facet.THEME]
    assert [(v.value, v.count) for v in facet] == [("b", 2), ("c", 2), ("a", 1)]
    assert set(search(backend).facets) == set(Facet)


# Brute force over the documents: the reference the backend is checked against.


def brute_matches(doc: ResourceDocument, text: str, synonyms: dict[str, set[str]] | None = None) -> bool:
    fields = (doc.title, doc.summary, doc.taxonomy_text, doc.body_text, doc.event_text)
    doc_terms = {term for field in fields for term in terms(field)}
    return all(({term} | (synonyms or {}).get(term, set())) & doc_terms for term in terms(text))


def brute_values(doc: ResourceDocument, facet: Facet) -> set[str]:
    return {term.value for term in doc.facet_terms()[facet]}


def brute_force(docs, text: str, filters: dict[Facet, list[str]]):
    def passes(doc, skip=None):
        return all(brute_values(doc, f) & set(values) for f, values in filters.items() if f is not skip)

    matching = [doc for doc in docs if brute_matches(doc, text)]
    hits = {doc.id for doc in matching if passes(doc)}
    facets = {}
    for facet in Facet:
        counts: dict[str, int] = {}
        for doc in matching:
            if passes(doc, skip=facet):
                for value in brute_values(doc, facet):
                    counts[value] = counts.get(value, 0) + 1
        for value in filters.get(facet, []):
            counts.setdefault(value, 0)
        facets[facet] = counts
    return hits, facets


def assert_same_as_brute_force(backend, docs, text, filters):
    expected_hits, expected_facets = brute_force(docs, text, filters)
    result = search(backend, text, filters=filters, page_size=100)
    assert result.total == len(expected_hits), (text, filters)
    if len(expected_hits) <= 100:
        assert set(ids(result)) == expected_hits, (text, filters)
    for facet in Facet:
        got = {v.value: v.count for v in result.facets[facet]}
        assert got == expected_facets[facet], (facet, text, filters)
        assert {v.value for v in result.facets[facet] if v.selected} == set(filters.get(facet, []))


def test_facet_counts_match_brute_force_on_a_small_set(backend):
    docs = [
        make_doc(1, "Écologie", themes=["ecologie"], territory="Bretagne", year=2022),
        make_doc(2, "Inclusion", themes=["inclusion", "ecologie"], territory="Bretagne", year=2023),
        make_doc(3, "Écologie et inclusion", themes=["inclusion"], territory="Occitanie", year=2023),
        make_doc(4, "Données", themes=["donnees"], year=2021, resource_type="podcast"),
    ]
    backend.index_documents(docs)
    for text in ("", "écologie", "inclusion", "données"):
        for filters in (
            {},
            {Facet.THEME: ["ecologie"]},
            {Facet.THEME: ["ecologie", "donnees"], Facet.YEAR: ["2023"]},
            {Facet.TERRITORY: ["Bretagne"], Facet.RESOURCE_TYPE: ["guide", "podcast"]},
        ):
            assert_same_as_brute_force(backend, docs, text, filters)


WORDS = (
    "écologie inclusion numérique territoire médiation données communs tiers-lieu formation "
    "citoyenneté accessibilité sobriété réemploi atelier podcast revue politique publique"
).split()
THEMES = ["ecologie", "inclusion", "donnees", "communs", "gouvernance"]
TERRITORIES = ["Bretagne", "Occitanie", "Grand Est", "Île-de-France", ""]
TYPES = ["guide", "podcast", "compte-rendu", "outil"]
LICENCES = ["etalab-2.0", "cc-by-4.0", "cc-by-sa-4.0"]


def random_docs(count: int, seed: int = 20231121) -> list[ResourceDocument]:
    rng = random.Random(seed)

    def sentence(n):
        return " ".join(rng.choice(WORDS) for _ in range(n))

    return [
        make_doc(
            i,
            sentence(rng.randint(1, 4)).capitalize(),
            summary=sentence(rng.randint(0, 8)),
            body_text=sentence(rng.randint(0, 40)),
            themes=rng.sample(THEMES, rng.randint(0, 3)),
            territory=rng.choice(TERRITORIES),
            resource_type=rng.choice(TYPES),
            licence=TermRef(lic := rng.choice(LICENCES), lic.upper()),
            year=rng.choice([2019, 2020, 2021, 2022, 2023, None]),
            first_published_at=EPOCH + timedelta(hours=rng.randint(0, 50_000)),
        )
        for i in range(1, count + 1)
    ]


def test_facet_counts_match_brute_force_on_random_documents(backend):
    docs = random_docs(300)
    backend.index_documents(docs)
    rng = random.Random(7)
    for _ in range(25):
        text = " ".join(rng.sample(WORDS, rng.randint(0, 2)))
        filters = {}
        for facet, choices in (
            (Facet.THEME, THEMES),
            (Facet.TERRITORY, TERRITORIES[:-1]),
            (Facet.RESOURCE_TYPE, TYPES),
            (Facet.YEAR, ["2019", "2021", "2023"]),
            (Facet.LICENCE, LICENCES),
        ):
            if rng.random() < 0.4:
                filters[facet] = rng.sample(choices, rng.randint(1, 2))
        assert_same_as_brute_force(backend, docs, text, filters)


# --- pagination and query count -------------------------------------------


def test_pages_follow_each_other_without_overlap(backend):
    docs = random_docs(57)
    backend.index_documents(docs)
    everything = ids(search(backend, sort=Sort.TITLE, page_size=100))
    pages = [ids(search(backend, sort=Sort.TITLE, page=page, page_size=10)) for page in range(1, 7)]
    assert [len(page) for page in pages] == [10, 10, 10, 10, 10, 7]
    assert [i for page in pages for i in page] == everything
    beyond = search(backend, sort=Sort.TITLE, page=7, page_size=10)
    assert beyond.hits == [] and beyond.total == 57


@pytest.mark.parametrize(
    "text,filters",
    [
        ("", {}),
        ("numérique", {Facet.THEME: ["ecologie", "inclusion"], Facet.YEAR: ["2023"]}),
        ("écologie médiation", {}),
    ],
)
def test_query_count_does_not_grow_with_page_size(backend, text, filters):
    backend.index_documents(random_docs(120))
    counts = []
    for page_size in (5, 50):
        cache.clear()  # each search cold: the second must not reuse the first's prepared text
        with CaptureQueriesContext(connection) as queries:
            result = search(backend, text, filters=filters, page_size=page_size)
        assert len(result.hits) == min(page_size, result.total)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # Generation + synonyms, the facet sets (two) and the three orders (once per generation),
    # with text the vocabulary and every match, the page's cards.
    assert counts[0] == (7 if not text else 9)


# --- highlights and suggestions -------------------------------------------


def test_highlights_are_escaped_and_marked(backend):
    body = "Introduction. " * 40 + "Le <script>tiers-lieu</script> & la médiation numérique. " + "Fin. " * 40
    backend.index_documents(
        [make_doc(1, "Médiation <b>numérique</b>", summary="Guide de médiation & co", body_text=body)]
    )
    hit = search(backend, "médiation").hits[0]
    assert hit.highlights["title"] == ["<mark>Médiation</mark> &lt;b&gt;numérique&lt;/b&gt;"]
    assert hit.highlights["summary"] == ["Guide de <mark>médiation</mark> &amp; co"]
    [excerpt] = hit.highlights["body_text"]
    assert "&lt;script&gt;tiers-lieu&lt;/script&gt; &amp; la <mark>médiation</mark> numérique" in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…") and len(excerpt) < 300
    assert "<script>" not in excerpt


def test_highlights_mark_synonyms_and_only_matched_fields(backend):
    SearchSynonym.objects.create(terms="NEC, Numérique en Commun[s]")
    backend.index_documents([make_doc(1, "Numérique en Commun[s] Lyon", summary="Un compte rendu")])
    hit = search(backend, "NEC").hits[0]
    assert hit.highlights == {"title": ["<mark>Numérique</mark> en <mark>Commun</mark>[s] Lyon"]}
    assert search(backend).hits[0].highlights == {}


def test_hits_carry_the_result_card(backend):
    backend.index_documents(
        [make_doc(7, "Écologie", themes=["ecologie"], year=2021, licence=TermRef("cc-by-4.0", "CC BY 4.0"))]
    )
    hit = search(backend, "écologie").hits[0]
    assert (hit.id, hit.title, hit.url, hit.resource_type, hit.licence) == (
        7,
        "Écologie",
        "https://bases.example/r/7/",
        "guide",
        "cc-by-4.0",
    )
    assert hit.base == TermRef("nec", "Numérique en Commun[s]")
    assert hit.themes == [TermRef("ecologie", "Ecologie")]
    assert hit.year == 2021 and hit.first_published_at == EPOCH + timedelta(days=7)
    assert hit.score > 0
    assert search(backend).hits[0].score is None


def test_suggestion_corrects_a_misspelling(backend):
    backend.index_documents([make_doc(1, "Écologie"), make_doc(2, "Territoires ruraux")])
    result = search(backend, "ecolgie")
    # The typo finds the known word, and says which.
    assert [hit.id for hit in result.hits] == [1]
    assert result.suggestion == "ecologie"
    assert search(backend, "territoires ecolgie").suggestion == "territoires ecologie"
    assert search(backend, "écologie").suggestion is None  # every word is known
    assert search(backend, "xqzw").suggestion is None  # nothing close
    assert search(backend).suggestion is None


def test_no_suggestion_with_enough_results(backend):
    backend.index_documents([make_doc(i, "Écologie", body_text="ecolgie") for i in range(1, 4)])
    assert search(backend, "ecolgie").suggestion is None


def test_title_suggestions_complete_any_word(backend):
    backend.index_documents(
        [
            make_doc(1, "Numérique en Commun[s] 2023"),
            make_doc(2, "L'inclusion numérique"),
            make_doc(3, "Écologie"),
            make_doc(4, "Autre numérique"),
        ]
    )
    assert backend.suggest("numeri") == ["Numérique en Commun[s] 2023", "Autre numérique", "L'inclusion numérique"]
    assert backend.suggest("Numérique en co") == ["Numérique en Commun[s] 2023"]
    assert backend.suggest("ÉCO") == ["Écologie"]
    assert backend.suggest("numérique", limit=1) == ["Numérique en Commun[s] 2023"]
    assert backend.suggest("  ") == []
    with pytest.raises(SearchQueryError) as error:
        backend.suggest("num", limit=0)
    assert error.value.parameter == "limit"
    with pytest.raises(SearchQueryError) as error:
        backend.suggest("n" * 201)
    assert error.value.parameter == "q"


# --- indexing -------------------------------------------------------------


def test_index_documents_replaces_and_delete_removes(backend):
    assert backend.index_documents([make_doc(1, "Écologie", themes=["ecologie"]), make_doc(2, "Inclusion")]) == 2
    backend.index_documents([make_doc(1, "Médiation", themes=["inclusion"])])
    assert search(backend, "écologie").total == 0
    assert ids(search(backend, "médiation")) == [1]
    assert {v.value for v in search(backend).facets[Facet.THEME]} == {"inclusion"}
    backend.delete_documents([2, 99])
    assert backend.indexed_ids() == {1} and backend.count() == 1


def test_rebuild_replaces_everything_and_reports_progress(backend, monkeypatch):
    monkeypatch.setattr("search.backends.database.backend.CHUNK_SIZE", 100)
    backend.index_documents([make_doc(9999, "Ancienne ressource")])
    docs = random_docs(250)
    calls = []
    report = backend.rebuild(iter(docs), total=250, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(100, 250), (200, 250), (250, 250)]
    assert report.indexed == 250
    assert backend.count() == 250 and backend.indexed_ids() == set(range(1, 251))
    assert search(backend, "ancienne ressource").total == 0
    assert_same_as_brute_force(backend, docs, "numérique", {Facet.THEME: ["ecologie"]})


def test_rebuild_is_atomic(backend):
    backend.index_documents([make_doc(1, "Écologie")])

    def failing():
        yield make_doc(2, "Inclusion")
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        backend.rebuild(failing(), total=2, progress=lambda done, total: None)
    assert backend.indexed_ids() == {1}


def test_ping_and_selection(backend):
    assert backend.ping() is True
    with override_settings(ELASTICSEARCH_URL=""):
        reset_backend()
        try:
            assert isinstance(get_backend(), DatabaseBackend)
        finally:
            reset_backend()
