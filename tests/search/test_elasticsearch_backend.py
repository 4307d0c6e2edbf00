"""What only the Elasticsearch backend does: versioned indices behind an alias,
French analysis, synonyms, highlights, suggestions, facets, outages.

Runs against ELASTICSEARCH_URL when set, else the noida-db stand-in (see the
``elasticsearch_url`` fixture). Documents are built by hand: no pages needed.
"""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend, sort_key
from search.documents import ResourceDocument
from search.models import SearchSynonym
from search.query import MAX_RESULT_WINDOW, Facet, SearchQuery, SearchQueryError, Sort, TermRef
from tests.search.fakes import facets_of

# Every index creation reads the editors' synonyms from the database.
pytestmark = pytest.mark.django_db

ECOLOGY = TermRef("ecologie", "Écologie")
INCLUSION = TermRef("inclusion", "Inclusion numérique")
COMMONS = TermRef("communs", "Communs")
CC_BY_SA = TermRef("cc-by-sa-4.0", "CC BY-SA 4.0")
CC_BY = TermRef("cc-by-4.0", "CC BY 4.0")
NORD = TermRef("base-nord", "Base Nord")


def make_doc(pk: int, title: str, **fields) -> ResourceDocument:
    facets = {
        "resource_type": "guide",
        "resource_type_label": "Guide",
        "licence": CC_BY_SA,
        "base": NORD,
        "themes": [],
        "principles": [],
        "collections": [],
        "territory": "",
        "year": 2023,
    }
    facets.update({name: fields.pop(name) for name in list(facets) if name in fields})
    values = {
        "id": pk,
        "title": title,
        "summary": "",
        "body_text": "",
        "url": f"https://example.test/ressources/{pk}/",
        "tags": [],
        "first_published_at": datetime(2023, 1, pk % 28 + 1, tzinfo=UTC),
        "last_published_at": None,
        "facets": facets_of(**facets),
    }
    values.update(fields)
    return ResourceDocument(**values)


def ids(result) -> list[int]:
    return [hit.id for hit in result.hits]


def search(backend, text="", **kwargs):
    return backend.search(SearchQuery(text=text, **kwargs))


def facet(result, name: Facet) -> dict[str, tuple[str, int, bool]]:
    return {v.value: (v.label, v.count, v.selected) for v in result.facets[name]}


def no_progress(done: int, total: int) -> None:
    pass


# Versioned indices behind the alias


def test_first_write_creates_an_index_behind_the_alias(es_backend):
    assert es_backend.count() == 0
    assert es_backend.indexed_ids() == set()
    assert search(es_backend, "rien").total == 0

    assert es_backend.index_documents([make_doc(1, "Un"), make_doc(2, "Deux")]) == 2

    assert list(es_backend.client.indices.get_alias(name=es_backend.alias)) == [f"{es_backend.alias}-initial"]
    assert es_backend.count() == 2
    assert es_backend.indexed_ids() == {1, 2}


def test_index_replaces_and_delete_ignores_missing_ids(es_backend):
    es_backend.index_documents([make_doc(1, "Ancien titre"), make_doc(2, "Deux")])
    es_backend.index_documents([make_doc(1, "Nouveau titre")])
    es_backend.delete_documents([2, 999])

    assert es_backend.indexed_ids() == {1}
    assert [hit.title for hit in search(es_backend).hits] == ["Nouveau titre"]


def test_delete_before_any_index_is_a_no_op(es_backend):
    es_backend.delete_documents([1, 2])
    assert es_backend.count() == 0


def test_rebuild_loads_a_new_index_swaps_the_alias_and_drops_the_old_one(es_backend):
    es_backend.index_documents([make_doc(1, "Un"), make_doc(5000, "Retiré depuis")])
    first = list(es_backend.client.indices.get_alias(name=es_backend.alias))
    calls = []

    report = es_backend.rebuild(
        (make_doc(pk, f"Ressource {pk}") for pk in range(1, 1201)),
        1200,
        lambda done, total: calls.append((done, total)),
    )

    assert report.indexed == 1200
    assert report.index_name.startswith(f"{es_backend.alias}-")
    assert report.index_name not in first
    assert report.dropped == first
    assert list(es_backend.client.indices.get_alias(name=es_backend.alias)) == [report.index_name]
    assert not es_backend.client.indices.exists(index=first[0])
    assert es_backend.count() == 1200
    assert 5000 not in es_backend.indexed_ids()
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]

    second = es_backend.rebuild([make_doc(1, "Un")], 1, no_progress)
    assert second.index_name != report.index_name
    assert second.dropped == [report.index_name]
    assert es_backend.indexed_ids() == {1}


def test_rebuild_swaps_the_alias_in_one_atomic_call(es_backend, monkeypatch):
    es_backend.index_documents([make_doc(1, "Un")])
    old = list(es_backend.client.indices.get_alias(name=es_backend.alias))
    calls = []
    original = es_backend.client.indices.update_aliases

    def recording(**kwargs):
        calls.append(kwargs["actions"])
        return original(**kwargs)

    monkeypatch.setattr(es_backend.client.indices, "update_aliases", recording)
    report = es_backend.rebuild([make_doc(1, "Un")], 1, no_progress)

    assert calls == [
        [
            {"remove": {"index": old[0], "alias": es_backend.alias}},
            {"add": {"index": report.index_name, "alias": es_backend.alias}},
        ]
    ]


def test_failed_rebuild_keeps_the_live_index_and_leaves_no_orphan(es_backend):
    es_backend.index_documents([make_doc(1, "Un")])
    before = set(es_backend.client.indices.get(index=f"{es_backend.alias}-*"))

    def broken():
        yield make_doc(2, "Deux")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        es_backend.rebuild(broken(), 2, no_progress)

    assert set(es_backend.client.indices.get(index=f"{es_backend.alias}-*")) == before
    assert es_backend.indexed_ids() == {1}


def test_index_refuses_pages_past_the_result_window(es_backend):
    es_backend.index_documents([make_doc(1, "Un")])
    (index,) = es_backend.client.indices.get_alias(name=es_backend.alias)
    settings = es_backend.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert int(settings["max_result_window"]) == MAX_RESULT_WINDOW
    with pytest.raises(SearchQueryError):
        SearchQuery(page=MAX_RESULT_WINDOW // 20 + 1, page_size=20)
    # The deepest page allowed is served.
    assert search(es_backend, page=MAX_RESULT_WINDOW // 100, page_size=100).hits == []


# French analysis


@pytest.fixture
def french_corpus(es_backend):
    es_backend.rebuild(
        [
            make_doc(1, "Écologie et numérique", summary="Sobriété des usages"),
            make_doc(2, "Fabriquer un territoire apprenant"),
            make_doc(3, "Inclusion numérique en médiathèque"),
            make_doc(4, "Guide pratique", body_text="L’accessibilité des services publics"),
            make_doc(5, "Les tiers-lieux", themes=[COMMONS], principles=[TermRef("ouverture", "Ouverture")]),
        ],
        5,
        no_progress,
    )
    return es_backend


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ecologie", [1]),  # accents folded
        ("ÉCOLOGIE", [1]),  # case folded
        ("territoires", [2]),  # plural stemmed to the singular
        ("l'inclusion", [3]),  # elision
        ("l’inclusion", [3]),  # typographic apostrophe
        ("d'accessibilite", [4]),  # elision + folding, in the body
        ("sobriete", [1]),  # summary
        ("communs ouverture", [5]),  # taxonomy labels, words across fields
        ("inclusion ecologie", []),  # every word must match
    ],
)
def test_french_analysis(french_corpus, text, expected):
    assert ids(search(french_corpus, text)) == expected


def test_title_weighs_more_than_body(es_backend):
    es_backend.index_documents(
        [
            make_doc(1, "Guide", body_text="Un mot sur la médiation numérique parmi d'autres."),
            make_doc(2, "La médiation numérique"),
        ]
    )
    assert ids(search(es_backend, "médiation")) == [2, 1]


# Synonyms


def test_synonyms_take_effect_at_once(es_backend):
    documents = [
        make_doc(1, "Numérique en Commun[s] 2023 à Bordeaux"),
        make_doc(2, "Retour sur le NEC de Bordeaux"),
        make_doc(3, "Numérique responsable"),
    ]
    es_backend.rebuild(documents, 3, no_progress)
    assert ids(search(es_backend, "NEC")) == [2]

    SearchSynonym.objects.create(terms="NEC, Numérique en Commun[s]")
    SearchSynonym.objects.create(terms="tiers-lieu, fablab", enabled=False)
    # Applied at query time (search.text), as on the database: no rebuild needed.
    assert set(ids(search(es_backend, "NEC"))) == {1, 2}
    assert set(ids(search(es_backend, "Numérique en Commun[s]"))) == {1, 2}
    assert set(ids(search(es_backend, "nec bordeaux"))) == {1, 2}
    assert ids(search(es_backend, "fablab")) == []


def test_a_synonym_that_analysis_empties_does_not_break_the_index(es_backend):
    SearchSynonym.objects.create(terms="le, la")  # stop words only
    SearchSynonym.objects.create(terms="CNNum, Conseil national du numérique")
    es_backend.rebuild([make_doc(1, "Avis du Conseil national du numérique")], 1, no_progress)
    assert ids(search(es_backend, "cnnum")) == [1]


# Highlights, suggestions


def test_highlights_mark_matches_and_escape_html(es_backend):
    es_backend.index_documents(
        [
            make_doc(
                1,
                "Écologie <et> numérique",
                summary="Pour une écologie du numérique",
                body_text="Début. " + "Texte de remplissage. " * 30 + "Ici l'écologie revient. " + "Fin. " * 30,
            )
        ]
    )
    (hit,) = search(es_backend, "ecologie").hits
    assert hit.highlights["title"] == ["<mark>Écologie</mark> &lt;et&gt; numérique"]
    assert hit.highlights["summary"] == ["Pour une <mark>écologie</mark> du numérique"]
    # The elided article belongs to the token; the html encoder escapes the quote.
    assert any("<mark>l&#x27;écologie</mark>" in fragment for fragment in hit.highlights["body_text"])
    assert all(len(fragment) < 400 for fragment in hit.highlights["body_text"])


def test_suggest_completes_titles(es_backend):
    es_backend.index_documents(
        [
            make_doc(1, "Numérique en Commun[s] 2023"),
            make_doc(2, "Inclusion numérique"),
            make_doc(3, "L'écologie des territoires"),
            make_doc(4, "Numérique en Commun[s] 2023"),
        ]
    )
    assert es_backend.suggest("numérique en c") == ["Numérique en Commun[s] 2023"]
    assert es_backend.suggest("ECO") == ["L'écologie des territoires"]
    assert es_backend.suggest("l’éco") == ["L'écologie des territoires"]
    assert set(es_backend.suggest("num")) == {"Numérique en Commun[s] 2023", "Inclusion numérique"}
    assert es_backend.suggest("num", limit=1) in (["Numérique en Commun[s] 2023"], ["Inclusion numérique"])
    assert es_backend.suggest("zzz") == []
    assert es_backend.suggest("  ") == []


def test_spelling_suggestion_for_unknown_words(es_backend):
    es_backend.index_documents(
        [
            make_doc(1, "Écologie et numérique"),
            make_doc(2, "Les territoires"),
            make_doc(3, "Écologie urbaine"),
            make_doc(4, "Écologie des données"),
        ]
    )
    assert search(es_backend, "ecolgie").suggestion == "ecologie"
    assert search(es_backend, "l'ecolgie des teritoires").suggestion == "l'ecologie des territoires"
    assert search(es_backend, "ecologie").suggestion is None  # a known word
    assert search(es_backend, "").suggestion is None


def test_analysed_terms_are_indexed_and_hits_carry_only_what_they_show(es_backend):
    es_backend.index_documents([make_doc(1, "Écologie des territoires", body_text="Un long texte")])
    (stored,) = es_backend.client.search(index=es_backend.alias)["hits"]["hits"]
    assert stored["_source"]["title_terms"] == " ecolog territoir "
    hit = search(es_backend, "territoire").hits[0]
    assert hit.highlights["title"] == ["Écologie des <mark>territoires</mark>"]


# Facets, filters, sorts


@pytest.fixture
def faceted(es_backend):
    es_backend.index_documents(
        [
            make_doc(1, "Un", themes=[ECOLOGY], licence=CC_BY_SA, year=2021),
            make_doc(2, "Deux", themes=[ECOLOGY, INCLUSION], licence=CC_BY, year=2022),
            make_doc(3, "Trois", themes=[INCLUSION], licence=CC_BY_SA, year=2022),
            make_doc(4, "Quatre", themes=[COMMONS], licence=CC_BY_SA, year=2023, base=None),
            make_doc(
                5, "Cinq", themes=[], licence=CC_BY, year=None, resource_type="outil", resource_type_label="Outil"
            ),
        ]
    )
    return es_backend


def test_facet_counts_without_filters(faceted):
    result = search(faceted)
    assert result.total == 5
    assert facet(result, Facet.THEME) == {
        "ecologie": ("Écologie", 2, False),
        "inclusion": ("Inclusion numérique", 2, False),
        "communs": ("Communs", 1, False),
    }
    assert [v.value for v in result.facets[Facet.THEME]] == ["ecologie", "inclusion", "communs"]
    assert facet(result, Facet.LICENCE) == {
        "cc-by-sa-4.0": ("CC BY-SA 4.0", 3, False),
        "cc-by-4.0": ("CC BY 4.0", 2, False),
    }
    assert facet(result, Facet.YEAR) == {
        "2021": ("2021", 1, False),
        "2022": ("2022", 2, False),
        "2023": ("2023", 1, False),
    }
    assert facet(result, Facet.BASE) == {"base-nord": ("Base Nord", 4, False)}
    assert facet(result, Facet.RESOURCE_TYPE) == {"guide": ("Guide", 4, False), "outil": ("Outil", 1, False)}


def test_facet_counts_are_disjunctive(faceted):
    result = search(faceted, filters={Facet.THEME: ["ecologie"]})
    assert sorted(ids(result)) == [1, 2]
    # The theme's own counts ignore the theme selection...
    assert facet(result, Facet.THEME) == {
        "ecologie": ("Écologie", 2, True),
        "inclusion": ("Inclusion numérique", 2, False),
        "communs": ("Communs", 1, False),
    }
    # ...other facets count within it.
    assert facet(result, Facet.LICENCE) == {
        "cc-by-sa-4.0": ("CC BY-SA 4.0", 1, False),
        "cc-by-4.0": ("CC BY 4.0", 1, False),
    }


def test_or_inside_a_facet_and_across_facets(faceted):
    result = search(faceted, filters={Facet.THEME: ["ecologie", "communs"], Facet.LICENCE: ["cc-by-sa-4.0"]})
    assert sorted(ids(result)) == [1, 4]
    assert facet(result, Facet.THEME) == {
        "ecologie": ("Écologie", 1, True),
        "inclusion": ("Inclusion numérique", 1, False),
        "communs": ("Communs", 1, True),
    }
    assert facet(result, Facet.LICENCE) == {
        "cc-by-sa-4.0": ("CC BY-SA 4.0", 2, True),
        "cc-by-4.0": ("CC BY 4.0", 1, False),
    }
    assert facet(result, Facet.YEAR) == {"2021": ("2021", 1, False), "2023": ("2023", 1, False)}


def test_selected_values_without_hits_are_listed_with_zero(faceted):
    result = search(faceted, filters={Facet.THEME: ["communs"], Facet.LICENCE: ["cc-by-4.0"], Facet.YEAR: ["1999"]})
    assert result.total == 0
    assert facet(result, Facet.THEME)["communs"] == ("Communs", 0, True)
    assert facet(result, Facet.LICENCE)["cc-by-4.0"] == ("CC BY 4.0", 0, True)
    assert facet(result, Facet.YEAR)["1999"] == ("1999", 0, True)
    assert result.facets[Facet.THEME][-1].value == "communs"


def test_facets_apply_to_the_text_query(faceted):
    result = search(faceted, "deux")
    assert ids(result) == [2]
    assert facet(result, Facet.THEME) == {
        "ecologie": ("Écologie", 1, False),
        "inclusion": ("Inclusion numérique", 1, False),
    }


def test_hits_carry_what_a_card_needs(faceted):
    (hit,) = search(faceted, "deux").hits
    assert hit.title == "Deux"
    assert hit.url == "https://example.test/ressources/2/"
    assert hit.resource_type == "guide"
    assert hit.licence == "cc-by-4.0"
    assert hit.base == NORD
    assert hit.themes == [ECOLOGY, INCLUSION]
    assert hit.year == 2022
    assert hit.first_published_at == datetime(2023, 1, 3, tzinfo=UTC)
    assert hit.score and hit.score > 0


def test_sorts_and_pages(es_backend):
    es_backend.index_documents(
        [
            make_doc(1, "Zèbre", first_published_at=datetime(2022, 5, 1, tzinfo=UTC)),
            make_doc(2, "écologie", first_published_at=datetime(2024, 5, 1, tzinfo=UTC)),
            make_doc(3, "Eau", first_published_at=datetime(2023, 5, 1, tzinfo=UTC)),
            make_doc(4, "abeille", first_published_at=None),
            make_doc(5, "Ecole", first_published_at=datetime(2021, 5, 1, tzinfo=UTC)),
        ]
    )
    assert ids(search(es_backend, sort=Sort.TITLE)) == [4, 3, 5, 2, 1]
    assert ids(search(es_backend, sort=Sort.NEWEST)) == [2, 3, 1, 5, 4]
    assert ids(search(es_backend, sort=Sort.OLDEST)) == [5, 1, 3, 2, 4]
    assert ids(search(es_backend, sort=Sort.RELEVANCE)) == [2, 3, 1, 5, 4]  # no text: newest first
    page_two = search(es_backend, sort=Sort.TITLE, page=2, page_size=2)
    assert page_two.total == 5
    assert ids(page_two) == [5, 2]


def test_sort_key_folds_case_and_accents():
    assert sort_key("Écologie") == "ecologie"
    assert sort_key("Œuvre") == "œuvre"


# Outages


@pytest.fixture
def dead_backend():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port once the socket is closed.
    return ElasticsearchBackend(url=f"http://127.0.0.1:{port}", alias="dead")


@pytest.mark.parametrize(
    "call",
    [
        lambda b: b.search(SearchQuery(text="x")),
        lambda b: b.suggest("x"),
        lambda b: b.index_documents([make_doc(1, "Un")]),
        lambda b: b.delete_documents([1]),
        lambda b: b.rebuild([make_doc(1, "Un")], 1, no_progress),
        lambda b: b.count(),
        lambda b: b.indexed_ids(),
    ],
    ids=["search", "suggest", "index", "delete", "rebuild", "count", "indexed_ids"],
)
def test_unreachable_cluster_raises_search_unavailable_quickly(dead_backend, call):
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        call(dead_backend)
    assert time.monotonic() - started < 3


def _api_error(status: int) -> ApiError:
    meta = ApiResponseMeta(status, "1.1", HttpHeaders(), 0.0, NodeConfig("http", "127.0.0.1", 9200))
    return ApiError(f"status {status}", meta=meta, body={"error": {"type": "x"}})


@pytest.mark.parametrize("status", [429, 500, 503])
def test_overloaded_or_failing_cluster_raises_search_unavailable(es_backend, monkeypatch, status):
    def failing(**kwargs):
        raise _api_error(status)

    monkeypatch.setattr(es_backend.client, "count", failing)
    with pytest.raises(SearchUnavailable):
        es_backend.count()


def test_a_wrong_request_is_not_an_outage(es_backend, monkeypatch):
    def failing(**kwargs):
        raise _api_error(400)

    monkeypatch.setattr(es_backend.client, "count", failing)
    with pytest.raises(ApiError):
        es_backend.count()


def test_ping(es_backend, dead_backend):
    assert es_backend.ping() is True
    assert dead_backend.ping() is False


def test_invalid_alias_is_refused():
    with pytest.raises(ValueError):
        ElasticsearchBackend(url="http://127.0.0.1:9", alias="Not Valid")
