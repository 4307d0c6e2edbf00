"""Relevance floor of both search backends over the relevance set (tests/search/relevance/).

The set: 47 French queries (accents, elision, plurals and feminines, hyphenated
place names, multi-word typos, synonyms, the seeds' vocabulary) with graded
judgements over the demo content, 19 resources of the set's own and 300
generated distractors. ``scripts/relevance.py`` prints the scores per query.

First measurement (2026-12-02, main at 97c09b2, SQLite, noida-db stand-in for
Elasticsearch; scores do not depend on machine load):

    backend         mean nDCG@10   mean recall (« must » in the first 100 hits)
    database        0.805          0.89
    elasticsearch   0.840          0.91

Both failed every multi-word typo but one (0.08 and 0.33 on that kind).

After issue 17's engine (FTS5/tsvector, one analysis with Snowball and
overrides, shared typo and synonym rules; same run of scripts/relevance.py,
the calendar judged as events):

    backend         mean nDCG@10   mean recall
    database        0.915          0.98
    elasticsearch   0.915          0.98

identical per query (11 queries still under 0.9 on both; plurals and feminines
0.786 is the weakest kind). The issue's goal is nDCG@10 ≥ 0.9 on both. The
floors below sit slightly under the last measurement: a change that makes
relevance worse fails here; raise them when a backend gets better.
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import transaction

from tests.search.relevance import judgements
from tests.search.relevance.corpus import build_corpus, drop_indices, index_corpus, make_backend
from tests.search.relevance.evaluate import evaluate
from tests.search.relevance.metrics import dcg, ndcg, recall

FLOORS = {  # backend: (mean nDCG@10, mean recall)
    "database": (0.90, 0.96),
    "elasticsearch": (0.90, 0.96),
}


@pytest.fixture(scope="module")
def relevance_set() -> judgements.RelevanceSet:
    return judgements.load()


@pytest.fixture(scope="module")
def corpus(relevance_set, django_db_setup, django_db_blocker):
    """The corpus, built once for the module and rolled back at its end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_corpus(relevance_set, report=lambda line: None)
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def engine(request, corpus, django_db_blocker):
    """The backend named by the test's parameter, its index rebuilt from the corpus."""
    url = request.getfixturevalue("elasticsearch_url") if request.param == "elasticsearch" else None
    backend = make_backend(request.param, url, alias=f"test-relevance-{uuid.uuid4().hex[:8]}")
    with django_db_blocker.unblock():
        assert index_corpus(backend) == len(corpus)
    yield backend
    drop_indices(backend)


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["database", "elasticsearch"], indirect=True)
def test_relevance_stays_above_the_floor(engine, relevance_set, corpus):
    scores = evaluate(engine, relevance_set, corpus)
    floor_ndcg, floor_recall = FLOORS[engine.name]
    detail = json.dumps({s.query.id: round(s.ndcg, 3) for s in scores.scores if s.ndcg < 0.9}, ensure_ascii=False)
    assert scores.mean_ndcg >= floor_ndcg, f"{engine.name}: mean nDCG@10 {scores.mean_ndcg:.3f}; weak: {detail}"
    assert scores.mean_recall >= floor_recall, f"{engine.name}: mean recall {scores.mean_recall:.3f}"


@pytest.mark.django_db
def test_the_floor_fails_a_backend_that_ranks_badly(relevance_set, corpus):
    """The check can fail: a backend answering with the least relevant resources scores under every floor."""
    from search.query import SearchResult
    from tests.search.fakes import FakeBackend

    class Unhelpful(FakeBackend):
        name = "unhelpful"

        def search(self, query):
            ids = sorted(corpus.slugs)[-query.page_size :]  # generated distractors, whatever the text
            hits = [type("Hit", (), {"id": pk})() for pk in ids]
            return SearchResult(query=query, total=len(hits), hits=hits, facets={})

    scores = evaluate(Unhelpful(), relevance_set, corpus)
    assert scores.mean_ndcg < min(floor for floor, _ in FLOORS.values())
    assert scores.mean_recall < min(floor for _, floor in FLOORS.values())


# --- The set and its metrics, without a database ---------------------------------


def test_the_set_covers_every_kind_of_query(relevance_set):
    assert len(relevance_set.queries) >= 40
    assert set(relevance_set.kinds) == {
        "accents", "elision", "plurals and feminines", "hyphenated places", "multi-word typos", "synonyms",
        "seeds' vocabulary",
    }
    assert all(query.must for query in relevance_set.queries)


def test_a_malformed_set_is_refused_with_the_query_named(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"queries": [{"id": "q1", "text": "x", "judgements": [{"slug": "a", "grade": 5}]}]}))
    with pytest.raises(judgements.RelevanceSetError, match="q1: grade must be one of"):
        judgements.load(path)
    path.write_text(json.dumps({"queries": [{"id": "q2", "text": "x", "judgements": [{"slug": "a", "grade": 3}],
                                             "must": ["b"]}]}))
    with pytest.raises(judgements.RelevanceSetError, match="q2: « must » names unjudged slugs"):
        judgements.load(path)


def test_gains_take_the_best_judgement_of_a_resource(relevance_set):
    query = next(q for q in relevance_set.queries if q.id == "place-saint-etienne")
    assert query.gain("tiers-lieux-ruraux-saint-etienne", "tiers-lieux ruraux autour de saint-etienne") == 3
    assert query.gain("generated-1", judgements.fold("Atelier au NEC de Saint-Étienne")) == 3
    assert query.gain("generated-2", "les fablabs") == 0


def test_ndcg_and_recall():
    assert ndcg([3, 1], [1, 3]) == pytest.approx(dcg([3, 1]) / dcg([3, 1]))
    assert ndcg([1, 3], [3, 1]) == pytest.approx((1 + 7 / 1.5849625) / (7 + 1 / 1.5849625))
    assert ndcg([], [3]) == 0.0
    assert ndcg([0] * 10 + [3], [3]) == 0.0  # past the first 10
    assert recall(["a", "c"], ["a", "b"]) == 0.5
