"""Load and check the relevance set (``judgements.json``); no Django needed.

A judgement names one resource by its slug (demo content or the set's own
resources), or generated resources by a regular expression over their title
folded (lower case, no accents): the generator's titles carry the same words
as the queries, and a generated « Retour d'expérience : les tiers-lieux à
Saint-Étienne » is as relevant to « Saint-Étienne » as a hand-written one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("judgements.json")
GRADES = (1, 2, 3)  # 3: should come first; 2: clearly relevant; 1: relevant
MUST_GRADE = 2  # slugs graded at least this must appear, unless a query lists its own « must »


class RelevanceSetError(ValueError):
    """The judgements file is malformed; the message names the query or resource."""


def fold(text: str) -> str:
    """Lower case, accents folded, typographic apostrophes straightened, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().split())


@dataclass(frozen=True)
class Judgement:
    grade: int
    slug: str | None = None
    title_pattern: re.Pattern | None = None

    def matches(self, slug: str, folded_title: str) -> bool:
        if self.slug is not None:
            return slug == self.slug
        return bool(self.title_pattern and self.title_pattern.search(folded_title))


@dataclass(frozen=True)
class RelevanceQuery:
    id: str
    text: str
    kind: str
    judgements: tuple[Judgement, ...]
    must: tuple[str, ...]

    def gain(self, slug: str, folded_title: str) -> int:
        """The grade of a resource for this query: its best matching judgement, 0 if none."""
        return max((j.grade for j in self.judgements if j.matches(slug, folded_title)), default=0)

    @property
    def judged_slugs(self) -> set[str]:
        return {j.slug for j in self.judgements if j.slug}


@dataclass(frozen=True)
class RelevanceSet:
    queries: tuple[RelevanceQuery, ...]
    resources: tuple[dict[str, Any], ...]
    synonyms: tuple[str, ...]
    generated_count: int
    generated_seed: int

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(query.kind for query in self.queries))


def load(path: Path = DEFAULT_PATH) -> RelevanceSet:
    """The relevance set in ``path``; ``RelevanceSetError`` naming what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise RelevanceSetError(f"{path}: {error}") from None
    resources = tuple(data.get("resources", ()))
    for resource in resources:
        missing = {"slug", "base", "title", "type", "themes", "summary"} - set(resource)
        if missing:
            raise RelevanceSetError(f"resource {resource.get('slug', '?')}: missing {sorted(missing)}")
    queries = tuple(_query(raw) for raw in data.get("queries", ()))
    ids = [query.id for query in queries]
    duplicates = sorted({qid for qid in ids if ids.count(qid) > 1})
    if duplicates:
        raise RelevanceSetError(f"duplicate query ids: {duplicates}")
    generated = data.get("generated", {})
    return RelevanceSet(
        queries=queries,
        resources=resources,
        synonyms=tuple(data.get("synonyms", ())),
        generated_count=int(generated.get("count", 0)),
        generated_seed=int(generated.get("seed", 0)),
    )


def _query(raw: dict[str, Any]) -> RelevanceQuery:
    qid = raw.get("id") or "?"
    if not raw.get("text", "").strip():
        raise RelevanceSetError(f"query {qid}: empty text")
    judgements = tuple(_judgement(qid, item) for item in raw.get("judgements", ()))
    slugs = {j.slug for j in judgements if j.slug}
    if not slugs:
        raise RelevanceSetError(f"query {qid}: judge at least one resource by its slug")
    must = tuple(raw["must"]) if "must" in raw else tuple(j.slug for j in judgements if j.slug and j.grade >= MUST_GRADE)
    if not set(must) <= slugs:
        raise RelevanceSetError(f"query {qid}: « must » names unjudged slugs {sorted(set(must) - slugs)}")
    return RelevanceQuery(id=qid, text=raw["text"], kind=raw.get("kind", ""), judgements=judgements, must=must)


def _judgement(qid: str, item: dict[str, Any]) -> Judgement:
    grade = item.get("grade")
    if grade not in GRADES:
        raise RelevanceSetError(f"query {qid}: grade must be one of {GRADES}, got {grade!r}")
    if ("slug" in item) == ("title_matches" in item):
        raise RelevanceSetError(f"query {qid}: a judgement has either « slug » or « title_matches »")
    if "slug" in item:
        return Judgement(grade=grade, slug=item["slug"])
    try:
        return Judgement(grade=grade, title_pattern=re.compile(item["title_matches"]))
    except re.error as error:
        raise RelevanceSetError(f"query {qid}: bad title_matches {item['title_matches']!r}: {error}") from None
