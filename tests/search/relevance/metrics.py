"""nDCG@k and recall, on the gains of a ranked list (no Django needed)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def dcg(gains: Sequence[int]) -> float:
    """Discounted cumulative gain with exponential gains: (2^g − 1) / log2(rank + 1)."""
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg(ranked_gains: Sequence[int], all_gains: Sequence[int], k: int = 10) -> float:
    """DCG of the first k ranked gains over the DCG of the best possible order of all gains.

    1.0 when nothing is relevant in the corpus and nothing is returned (a
    vacuous query), which the set never has: every query judges a resource.
    """
    ideal = dcg(sorted(all_gains, reverse=True)[:k])
    if ideal == 0:
        return 1.0
    return dcg(list(ranked_gains)[:k]) / ideal


def recall(found: Sequence[str], required: Sequence[str]) -> float:
    """Share of the required items present in ``found``."""
    if not required:
        return 1.0
    present = set(found)
    return sum(1 for item in required if item in present) / len(required)
