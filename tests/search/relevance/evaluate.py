"""Run the relevance set on a backend and score every query (nDCG@10, recall)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from search.backends.base import SearchBackend
from search.query import MAX_PAGE_SIZE, SearchQuery
from tests.search.relevance.corpus import Corpus
from tests.search.relevance.judgements import RelevanceQuery, RelevanceSet
from tests.search.relevance.metrics import ndcg, recall

K = 10  # nDCG@10: the first page a visitor reads
RECALL_DEPTH = MAX_PAGE_SIZE  # « must appear »: within the first 100 hits


@dataclass
class QueryScore:
    query: RelevanceQuery
    ndcg: float
    recall: float
    total: int
    top: list[str]  # slugs of the first K hits
    missing: list[str]  # required slugs absent from the first RECALL_DEPTH hits


@dataclass
class BackendScores:
    backend: str
    scores: list[QueryScore]

    @property
    def mean_ndcg(self) -> float:
        return statistics.fmean(score.ndcg for score in self.scores)

    @property
    def mean_recall(self) -> float:
        return statistics.fmean(score.recall for score in self.scores)

    def by_kind(self) -> dict[str, tuple[float, float]]:
        """Mean nDCG@10 and recall per kind of query."""
        kinds: dict[str, list[QueryScore]] = {}
        for score in self.scores:
            kinds.setdefault(score.query.kind, []).append(score)
        return {
            kind: (statistics.fmean(s.ndcg for s in scores), statistics.fmean(s.recall for s in scores))
            for kind, scores in kinds.items()
        }


def score_query(backend: SearchBackend, query: RelevanceQuery, corpus: Corpus) -> QueryScore:
    """One query: its first 100 hits, their gains, nDCG@10 and the recall of its « must »."""
    result = backend.search(SearchQuery(text=query.text, page_size=RECALL_DEPTH))
    slugs = [corpus.slugs.get(hit.id, f"#{hit.id}") for hit in result.hits]
    gains = [query.gain(corpus.slugs.get(hit.id, ""), corpus.folded_titles.get(hit.id, "")) for hit in result.hits]
    all_gains = [query.gain(slug, corpus.folded_titles[pk]) for pk, slug in corpus.slugs.items()]
    return QueryScore(
        query=query,
        ndcg=ndcg(gains, all_gains, K),
        recall=recall(slugs, query.must),
        total=result.total,
        top=slugs[:K],
        missing=[slug for slug in query.must if slug not in slugs],
    )


def evaluate(backend: SearchBackend, relevance_set: RelevanceSet, corpus: Corpus) -> BackendScores:
    return BackendScores(backend.name, [score_query(backend, query, corpus) for query in relevance_set.queries])
