"""Build the relevance corpus in the database and index it into a backend.

The corpus: the demo content (``bases.demo.builder``), the set's own resources
(published as the demo's are, through ``builder.upsert_resource``), the set's
synonyms, then generated distractors written in bulk by the search
benchmark's generator (``scripts/benchmark_search_measure.py``, seeded) under
the demo's bases, themes, principles and collections.
"""

from __future__ import annotations

import contextlib
from datetime import date
import io
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from taggit.models import Tag

from bases.demo import builder, facts
from bases.models import BasePage, HomePage
from curation.models import CollectionPage
from resources.models import ResourcePage
from territories.dataset import read_rows, sample_data_dir
from territories.loading import load as load_territories
from territories.models import Territory
from search.backends.base import SearchBackend
from search.backends.database.backend import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import build_documents, indexable_resources
from search.models import SearchSynonym
from taxonomy.models import PrinciplePage, ThemePage
from tests.search.relevance.judgements import RelevanceSet, fold

# The benchmark's generator is a script, not a package: reach it by path.
SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
import benchmark_search_measure as generator  # noqa: E402

Report = Callable[[str], None]
INDEX_CHUNK = 500


@dataclass
class Corpus:
    """What the scores need: each indexed resource's slug and folded title."""

    slugs: dict[int, str]
    folded_titles: dict[int, str]

    def __len__(self) -> int:
        return len(self.slugs)


def build_corpus(relevance_set: RelevanceSet, report: Report = print) -> Corpus:
    """Load demo content, the set's resources and synonyms, and the generated distractors."""
    with contextlib.redirect_stdout(io.StringIO()):
        builder.load_demo_content(report=lambda line: None)
    report("  demo content loaded")
    ctx = _context()
    keys = {raw["territory"] for raw in relevance_set.resources if raw.get("territory")}
    if len(Territory.objects.with_keys(keys)) != len(keys):
        load_territories(read_rows(sample_data_dir()))
    ctx.territories = {territory.key: territory for territory in Territory.objects.with_keys(keys)}
    for raw in relevance_set.resources:
        builder.upsert_resource(ctx, ctx.pages[raw["base"]], _resource_fact(raw))
    report(f"  {len(relevance_set.resources)} resources of the set published")
    for terms in relevance_set.synonyms:
        synonym = SearchSynonym(terms=terms)
        synonym.full_clean()
        synonym.save()
    if relevance_set.generated_count:
        distractors = generator.CorpusGenerator(_skeleton(), random.Random(relevance_set.generated_seed))
        with contextlib.redirect_stdout(io.StringIO()):
            distractors.grow_to(distractors.serial + relevance_set.generated_count)
        report(f"  {relevance_set.generated_count} generated distractors written")
    corpus = current_corpus()
    unknown = {
        slug for query in relevance_set.queries for slug in query.judged_slugs
    } - set(corpus.slugs.values())
    if unknown:
        raise ValueError(f"judged slugs missing from the corpus: {sorted(unknown)}")
    return corpus


def current_corpus() -> Corpus:
    """The indexable resources' slugs and folded titles."""
    rows = indexable_resources().values_list("pk", "slug", "title")
    return Corpus(slugs={pk: slug for pk, slug, _ in rows}, folded_titles={pk: fold(title) for pk, _, title in rows})


def index_corpus(backend: SearchBackend) -> int:
    """Rebuild ``backend``'s index from every indexable resource, as ``search_index rebuild`` does."""
    ids = list(indexable_resources().order_by("pk").values_list("pk", flat=True))

    def documents():
        for start in range(0, len(ids), INDEX_CHUNK):
            yield from build_documents(ids[start : start + INDEX_CHUNK])

    return backend.rebuild(documents(), len(ids), lambda done, total: None).indexed


def make_backend(name: str, elasticsearch_url: str | None = None, alias: str = "relevance") -> SearchBackend:
    """The backend called ``name`` (``database`` or ``elasticsearch``, on its own alias)."""
    if name == "database":
        return DatabaseBackend()
    if name == "elasticsearch" and elasticsearch_url:
        # noida-db answers slowly on a loaded machine: a longer timeout than production's.
        return ElasticsearchBackend(url=elasticsearch_url, alias=alias, timeout=60)
    raise ValueError(f"unknown backend « {name} » (or no Elasticsearch URL)")


def drop_indices(backend: SearchBackend) -> None:
    """Delete an Elasticsearch backend's indices (nothing for the database)."""
    if isinstance(backend, ElasticsearchBackend):
        for name in backend.client.indices.get(index=f"{backend.alias}-*", expand_wildcards="all"):
            backend.client.indices.delete(index=name)


def _context() -> builder.Context:
    """A builder context holding the demo's bases, themes and principles."""
    ctx = builder.Context()
    ctx.pages = {page.slug: page for page in BasePage.objects.all()}
    ctx.themes = {theme.slug: theme for theme in ThemePage.objects.all()}
    ctx.principles = {principle.number: principle for principle in PrinciplePage.objects.all()}
    return ctx


def _resource_fact(raw: dict) -> facts.Resource:
    return facts.Resource(
        slug=raw["slug"],
        title=raw["title"],
        summary=raw["summary"],
        resource_type=raw["type"],
        themes=tuple(raw["themes"]),
        principles=tuple(raw.get("principles", ())),
        tags=tuple(raw.get("tags", ())),
        territory=raw.get("territory", ""),
        # The set's resources are dated by the year they are written for (the date matters to no judgement).
        date=date.fromisoformat(raw.get("date", "2024-01-01")),
        date_precision=raw.get("date_precision", "year"),
        attribution=facts.EDITORIAL_TEAM,
        body=tuple(("paragraph", text) for text in raw.get("body", ())),
    )


def _skeleton() -> generator.Skeleton:
    """The benchmark generator's view of the demo tree."""
    home = HomePage.objects.get()
    bases = [BasePage.objects.get(slug=facts.BASE_NEC["slug"]), BasePage.objects.get(slug=facts.BASE_LOCAL["slug"])]
    tag_ids = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk for name in generator.TAGS]
    return generator.Skeleton(
        bases=bases,
        themes=list(ThemePage.objects.order_by("pk")),
        principles=list(PrinciplePage.objects.order_by("number")),
        collections=list(CollectionPage.objects.order_by("pk")),
        content_type_id=ContentType.objects.get_for_model(ResourcePage).pk,
        locale_id=home.locale_id,
        tag_ids=tag_ids,
    )
