#!/usr/bin/env python
"""Visibility benchmark: the rule « what the public may see » as drafts grow.

    python scripts/benchmark_visibility.py --size 10000
    python scripts/benchmark_visibility.py --size 10000 --database-url postgres://postgres@127.0.0.1:5432/lbvis

Not a test: it prints figures. It generates resources as the search benchmark
does (in a throwaway SQLite file, or a PostgreSQL database it creates and drops),
adds one unpublished base with a child (so the rule has an ancestor to look for),
then unpublishes 0, 100 and 1,000 resources and times, for each, listing the ids
of the visible resources with ``core.visibility.visible`` and with the rule the
search index used before the apps were layered (one ``OR`` per non-live page),
best of 5. Both must find the same resources.
"""

from __future__ import annotations

import argparse
import random
import time
from functools import reduce
from operator import or_

from benchmark_search import cleanup, prepare_environment, setup_django

DRAFT_STEPS = (0, 100, 1000)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000, help="Resources generated.")
    parser.add_argument("--database-url", help="postgres://… database to create and use (default: temp SQLite).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated database (and say where).")
    return parser.parse_args()


def best_ms(run, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


if __name__ == "__main__":
    args = parse_args()
    workspace = prepare_environment(args)
    try:
        setup_django(workspace)
        # Late on purpose: models can only be imported after django.setup(), whose
        # settings come from the command line parsed above.
        from django.db.models import Q  # noqa: E402
        from wagtail.models import Page  # noqa: E402

        import benchmark_search_measure as corpus  # noqa: E402
        from bases.models import BasePage, HomePage  # noqa: E402
        from core.visibility import visible  # noqa: E402
        from resources.models import ResourcePage  # noqa: E402

        def previous_rule(queryset):
            """The search index's rule before the redesign: one OR per non-live page."""
            paths = list(Page.objects.filter(live=False).exclude(depth=1).values_list("path", flat=True))
            queryset = queryset.live().public()
            return queryset.exclude(reduce(or_, (Q(path__startswith=p) for p in paths))) if paths else queryset

        generator = corpus.CorpusGenerator(corpus.build_skeleton(), random.Random(7))
        generator.grow_to(args.size)
        hidden = HomePage.objects.get().add_child(instance=BasePage(title="Base retirée", slug="base-retiree", live=False))
        hidden.add_child(instance=Page(title="Page sous la base retirée", slug="dessous", live=True))
        ids = list(ResourcePage.objects.order_by("pk").values_list("pk", flat=True))
        print(f"{len(ids)} resources; one unpublished base with a child")
        for drafts in DRAFT_STEPS:
            ResourcePage.objects.filter(pk__in=ids[:drafts]).update(live=False)
            current = visible(ResourcePage.objects.all())
            shown = current.count()
            now_ms = best_ms(lambda: list(visible(ResourcePage.objects.all()).values_list("pk", flat=True)))
            line = f"drafts {drafts:>5}: {shown} visible; visible() {now_ms:7.1f} ms, SQL {len(str(current.query))} chars"
            try:
                before = previous_rule(ResourcePage.objects.all())
                assert before.count() == shown, "the two rules disagree"
                before_ms = best_ms(lambda: list(previous_rule(ResourcePage.objects.all()).values_list("pk", flat=True)))
                line += f" | previous rule {before_ms:7.1f} ms, SQL {len(str(before.query))} chars"
            except Exception as exc:  # SQLite refuses the previous rule's SQL past ~1,000 clauses
                line += f" | previous rule FAILED: {type(exc).__name__}: {str(exc)[:70]}"
            print(line, flush=True)
    finally:
        cleanup(workspace, args.keep)
