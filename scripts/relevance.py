#!/usr/bin/env python
"""Relevance of the search backends over the relevance set: nDCG@10 and recall per query.

    python scripts/relevance.py
    python scripts/relevance.py --backends database --json var/relevance.json
    python scripts/relevance.py --database-url postgres://postgres@127.0.0.1:5432/lbrelevance

The set is ``tests/search/relevance/judgements.json`` (about 40 French queries
with graded judgements over the demo content, the set's own resources and
generated distractors). For each backend (the database backend and
Elasticsearch: ``ELASTICSEARCH_URL`` when set, else noida-db on a free loopback
port) it rebuilds the index from the same corpus and prints, per query,
nDCG@10 and the recall of the resources that must appear in the first 100
hits, then the means per kind of query and overall. The suite's floor is in
``tests/search/test_relevance.py``.

Like scripts/benchmark_search.py it never touches var/db.sqlite3: a throwaway
SQLite file (or a PostgreSQL database it creates and drops) holds the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path

from benchmark_search import cleanup, prepare_environment, setup_django

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("database", "elasticsearch")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default=",".join(BACKENDS), help="Comma-separated subset of database, elasticsearch.")
    parser.add_argument("--database-url", help="postgres://… database to create and use (default: temp SQLite).")
    parser.add_argument("--judgements", type=Path, help="Another judgements file (default: the suite's).")
    parser.add_argument("--json", type=Path, help="Also write every score to this JSON file.")
    parser.add_argument("--keep", action="store_true", help="Keep the generated database (and say where).")
    parser.add_argument("--verbose", action="store_true", help="Print each query's first 10 hits.")
    args = parser.parse_args(argv)
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(args.backends) - set(BACKENDS)
    if unknown or not args.backends:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown)) or '(none)'}; use database, elasticsearch")
    return args


def main() -> None:
    args = parse_args()
    workspace = prepare_environment(args)
    try:
        setup_django(workspace)
        run(args, workspace)
    finally:
        cleanup(workspace, args.keep)


def run(args: argparse.Namespace, workspace) -> None:
    # Late on purpose: models import only once django.setup() has read the settings above.
    from tests.search.relevance import judgements
    from tests.search.relevance.corpus import build_corpus, drop_indices, index_corpus, make_backend
    from tests.search.relevance.evaluate import evaluate

    try:
        relevance_set = judgements.load(args.judgements or judgements.DEFAULT_PATH)
    except judgements.RelevanceSetError as error:
        sys.exit(f"Bad relevance set: {error}")
    print(f"Relevance set: {len(relevance_set.queries)} queries; building the corpus…", flush=True)
    corpus = build_corpus(relevance_set)
    print(f"Corpus: {len(corpus)} indexable resources.", flush=True)
    results = []
    for name in args.backends:
        noida_server = None
        url = workspace.elasticsearch_url
        if name == "elasticsearch" and not url:
            from benchmark_search_measure import NoidaServer

            noida_server = NoidaServer(workspace.directory)
            url = noida_server.url
        backend = make_backend(name, url, alias=f"relevance-{uuid.uuid4().hex[:10]}")
        try:
            started = time.perf_counter()
            indexed = index_corpus(backend)
            print(f"{name}: indexed {indexed} resources in {time.perf_counter() - started:.1f}s", flush=True)
            results.append(evaluate(backend, relevance_set, corpus))
        finally:
            if name == "elasticsearch":
                drop_indices(backend)
            if noida_server is not None:
                noida_server.stop()
    print_report(results, args.verbose)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(as_json(results), ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Scores written to {args.json}")


def print_report(results: list, verbose: bool) -> None:
    names = [result.backend for result in results]
    header = f"{'query':<28} {'kind':<22} " + " ".join(f"{n[:8] + ' nDCG':>13} {'recall':>6}" for n in names)
    print("\n" + header)
    print("-" * len(header))
    for row in zip(*(result.scores for result in results), strict=True):
        query = row[0].query
        cells = " ".join(f"{score.ndcg:13.3f} {score.recall:6.2f}" for score in row)
        print(f"{query.id:<28} {query.kind[:22]:<22} {cells}   « {query.text} »")
        if verbose:
            for result, score in zip(results, row, strict=True):
                missing = f"; missing {', '.join(score.missing)}" if score.missing else ""
                print(f"    {result.backend}: {score.total} hits; top {score.top}{missing}")
    print("-" * len(header))
    for kind in results[0].by_kind():
        cells = " ".join(f"{result.by_kind()[kind][0]:13.3f} {result.by_kind()[kind][1]:6.2f}" for result in results)
        print(f"{'mean: ' + kind:<51} {cells}")
    cells = " ".join(f"{result.mean_ndcg:13.3f} {result.mean_recall:6.2f}" for result in results)
    print(f"{'MEAN over ' + str(len(results[0].scores)) + ' queries':<51} {cells}")
    for result in results:
        weak = [score.query.id for score in result.scores if score.ndcg < 0.9]
        print(f"{result.backend}: {len(weak)} queries below nDCG@10 0.9: {', '.join(weak) or 'none'}")


def as_json(results: list) -> dict:
    return {
        result.backend: {
            "mean_ndcg_at_10": result.mean_ndcg,
            "mean_recall": result.mean_recall,
            "queries": {
                score.query.id: {
                    "text": score.query.text,
                    "kind": score.query.kind,
                    "ndcg_at_10": score.ndcg,
                    "recall": score.recall,
                    "total": score.total,
                    "top": score.top,
                    "missing": score.missing,
                }
                for score in result.scores
            },
        }
        for result in results
    }


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
