"""The search backend on the database (no server): SQLite or PostgreSQL.

Resources are copied into two plain tables (models.py: the card and sort
fields, the facet values) and their analysed words into the database's own
full-text engine (fulltext.py: FTS5 on SQLite, tsvector + GIN on
PostgreSQL). Query text is prepared as for Elasticsearch (``search.text``,
``search.vocabulary``: the same terms, synonyms, typos and ranking), so both
backends find and order the same resources.

A search runs a fixed number of SQL queries whatever the page size: the
index generation with the synonyms (cache.py), with text the vocabulary and
every match (matches.py: scored once, as bitsets of ids per score), and the
page's resources. The total and the facet counts come from the index's facet
sets (facet_sets.py), the page from the index's orders (ordering.py), both
read once per generation. A search already answered under the same generation
is served from the process's cache after the first query; a text's matches
are kept too, for its other pages, sorts and filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction
from django.db.models import Case, Q, Value, When

from core.sql import IdIn
from search import vocabulary
from search.backends.base import ProgressCallback, RebuildReport
from search.backends.database import cache, facet_sets, ordering
from search.backends.database.bulk import delete_rows, insert_rows, paused_gc, prepared_rows
from search.backends.database.fulltext import TABLE as TEXT_TABLE
from search.backends.database.fulltext import full_text
from search.backends.database.models import IndexedFacetValue, IndexedResource
from search.backends.database.pipeline import ahead, can_build_ahead
from search.backends.database.rows import FACET_VALUE_FIELDS, RESOURCE_FIELDS, Rows, document_rows, sort_title
from search.documents import ResourceDocument
from search.highlight import hit_highlights
from search.query import (
    MAX_TEXT_LENGTH,
    Facet,
    FacetValue,
    Hit,
    SearchQuery,
    SearchQueryError,
    SearchResult,
    Sort,
    TermRef,
)
from search.text import TextQuery

# Documents written per bulk insert (and per rebuild progress report).
CHUNK_SIZE = 2_000
MAX_SUGGESTIONS = 20


class DatabaseBackend:
    name = "database"

    # --- searching -------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        """From this process's result cache while the index is unchanged (cache.py)."""
        return cache.search(query, self._search)

    def _search(self, query: SearchQuery, text: TextQuery | None) -> SearchResult:
        # The facet sets and the orders do not change with the synonyms: an edit of those
        # does not make every process read them again.
        key = cache.index_part(cache.serving_key())
        sets = facet_sets.current(key)
        found = cache.text_matches(text) if text is not None else None
        kept, counts = facet_sets.tally(sets, sets.everything if found is None else found.everything, query.filters)
        if found is not None and query.sort is Sort.RELEVANCE:
            groups = [members & kept for _, members in found.tiers]  # best score first
        else:
            groups = [kept]
        page = ordering.page(groups, ordering.current(key).of(query.sort), query.offset, query.page_size)
        # Card fields are read for the page only. A resource deleted since the orders were
        # read (another process's write, committed meanwhile) is left out.
        cards = IndexedResource.objects.in_bulk(page) if page else {}
        hits = [
            self._hit(cards[id_], found.score(id_) if found is not None else None, text)
            for id_ in page
            if id_ in cards
        ]
        facets = self._facets(query, counts, sets)
        suggestion = text.suggestion if text is not None else None
        return SearchResult(query=query, total=kept.bit_count(), hits=hits, facets=facets, suggestion=suggestion)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        if len(prefix) > MAX_TEXT_LENGTH:
            raise SearchQueryError("q", f"at most {MAX_TEXT_LENGTH} characters (got {len(prefix)}).")
        if not 1 <= limit <= MAX_SUGGESTIONS:
            raise SearchQueryError("limit", f"must be between 1 and {MAX_SUGGESTIONS}.")
        folded = sort_title(prefix)
        if not folded:
            return []
        # Titles starting with the prefix first, then titles with a word starting with it.
        titles = (
            IndexedResource.objects.filter(Q(sort_title__startswith=folded) | Q(sort_title__contains=f" {folded}"))
            .annotate(rank=Case(When(sort_title__startswith=folded, then=Value(0)), default=Value(1)))
            .order_by("rank", "sort_title", "id")
            .values_list("title", flat=True)
        )
        return list(dict.fromkeys(titles[: limit * 3]))[:limit]

    def _facets(self, query: SearchQuery, counted: list[dict], sets: facet_sets.FacetSets) -> dict[Facet, list[FacetValue]]:
        """Every facet's values with their counts; a selected value that no resource carries counts 0."""
        found: dict[Facet, dict[str, FacetValue]] = {facet: {} for facet in Facet}
        for row in counted:
            facet = Facet(row["facet"])
            selected = row["value"] in query.selected(facet)
            found[facet][row["value"]] = FacetValue(row["value"], row["label"], row["count"], selected)
        for facet, values in query.filters.items():
            for value in values:
                if value not in found[facet]:
                    label = sets.labels.get((facet.value, value), value)
                    found[facet][value] = FacetValue(value, label, 0, True)
        return {
            facet: sorted(values.values(), key=lambda v: (-v.count, v.label.casefold(), v.value))
            for facet, values in found.items()
        }

    def _hit(self, resource: IndexedResource, score: int | None, text: TextQuery | None) -> Hit:
        card = resource.card
        hit = Hit(
            id=resource.id,
            title=resource.title,
            summary=resource.summary,
            url=card["url"],
            resource_type=card["resource_type"],
            licence=card["licence"],
            base=TermRef(*card["base"]) if card["base"] else None,
            themes=[TermRef(*theme) for theme in card["themes"]],
            year=resource.year,
            first_published_at=resource.first_published_at,
            date=resource.date,
            date_precision=card.get("date_precision", "day"),
            score=float(score) if score is not None else None,
        )
        if text is not None:
            hit.highlights = hit_highlights(
                text.all_terms,
                title=resource.title,
                summary=resource.summary,
                body_text=resource.body_text,
                taxonomy=card.get("taxonomy", []),
                tags=card.get("tags", []),
            )
        return hit

    # --- indexing --------------------------------------------------------

    def index_documents(self, documents: Iterable[ResourceDocument]) -> int:
        written = 0
        with transaction.atomic():
            # First: the generation row's lock orders concurrent index writes, so each
            # reads the facet sets the previous one committed (facet_sets.update).
            cache.bump_generation()
            for chunk in _chunks(documents):
                ids = [doc.id for doc in chunk]
                before = _carried(ids)
                _delete(ids)
                rows = _rows(chunk)
                written += _write(rows)
                facet_sets.update(before, [value for r in rows for value in r.facet_values])
                vocabulary.add_words(set().union(*(r.words for r in rows)))
        return written

    def delete_documents(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        with transaction.atomic():
            cache.bump_generation()  # first, as in index_documents
            for start in range(0, len(ids), CHUNK_SIZE):
                chunk = ids[start : start + CHUNK_SIZE]
                before = _carried(chunk)
                _delete(chunk)
                facet_sets.update(before, [])

    def rebuild(self, documents: Iterable[ResourceDocument], total: int, progress: ProgressCallback) -> RebuildReport:
        """Replace the whole index in one transaction: readers see the old one until commit.

        On PostgreSQL, outside a transaction, the next chunk's documents and rows are
        built while the server takes the last one (pipeline.py).
        """
        done = 0
        words: set[str] = set()
        # Chosen before the transaction opens: the rows are built ahead in a worker only
        # outside the caller's transactions (pipeline.py).
        row_chunks = map(_rows, _chunks(documents))
        if can_build_ahead():
            row_chunks = ahead(row_chunks)
        sets = facet_sets.SetsBuilder()
        with transaction.atomic(), paused_gc():
            # First, as in index_documents: a write waiting for this one must not hold the
            # generation row while this one waits for the rows that write holds.
            cache.bump_generation()
            _delete(None)
            for rows in row_chunks:
                done += _write(rows)
                sets.add(value for r in rows for value in r.facet_values)
                words.update(*(r.words for r in rows))
                progress(done, total)
            sets.save()
            vocabulary.replace_words(words)
            full_text().optimise()
            _refresh_statistics()
        _vacuum()
        return RebuildReport(indexed=done, index_name=IndexedResource._meta.db_table, dropped=[])

    def count(self) -> int:
        return IndexedResource.objects.count()

    def indexed_ids(self) -> set[int]:
        return set(IndexedResource.objects.values_list("id", flat=True))

    def ping(self) -> bool:
        return True


def _chunks(documents: Iterable[ResourceDocument]) -> Iterator[list[ResourceDocument]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, CHUNK_SIZE)):
        yield chunk


def _delete(ids: list[int] | None) -> None:
    """Delete resources and their rows (all when ``ids`` is None), children first.

    One DELETE per table, in SQL (bulk.py): the foreign keys neither cascade nor
    constrain (see models.py) and no signal concerns these rows.
    """
    full_text().delete(ids)
    for model, field in ((IndexedFacetValue, "resource_id"), (IndexedResource, "id")):
        delete_rows(model._meta.db_table, model._meta.get_field(field).column, ids)


def _refresh_statistics() -> None:
    """ANALYZE the index tables after a bulk load.

    Without fresh statistics PostgreSQL planned facet counts for a handful of
    rows over tens of thousands (60 ms instead of 2 ms on 5,000 resources);
    ANALYZE runs inside the transaction on both databases.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (IndexedResource, IndexedFacetValue):
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def _carried(ids: list[int]) -> list[facet_sets.Carried]:
    """The facet values the resources ``ids`` carry in the index now."""
    rows = IndexedFacetValue.objects.filter(IdIn("resource_id", ids))
    return list(rows.values_list("resource_id", "facet", "value"))


def _vacuum() -> None:
    """VACUUM the rebuilt tables on PostgreSQL, when no transaction is open (VACUUM cannot run in one).

    A rebuild rewrites every row: until vacuumed, no page is marked all-visible and
    index-only scans (the orders' indexes, ordering.py) read the rows anyway. Autovacuum
    would get there later; a search right after a rebuild should not wait for it.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in (IndexedResource._meta.db_table, IndexedFacetValue._meta.db_table, TEXT_TABLE):
            cursor.execute(f"VACUUM {quote(table)}")


def _rows(documents: list[ResourceDocument]) -> list[Rows]:
    """The index rows of documents; a document given twice in one batch: the last one wins, as an upsert would."""
    return [document_rows(doc) for doc in {doc.id: doc for doc in documents}.values()]


def _write(rows: list[Rows]) -> int:
    """Insert the rows into the three index tables; returns how many documents."""
    _insert_tuples(IndexedResource, RESOURCE_FIELDS, [r.resource for r in rows])
    _insert_tuples(IndexedFacetValue, FACET_VALUE_FIELDS, [v for r in rows for v in r.facet_values])
    full_text().insert([r.text for r in rows])
    return len(rows)


def _insert_tuples(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert plain tuples of ``model``'s fields ``names``, without model instances (bulk.py)."""
    columns = [model._meta.get_field(name).column for name in names]
    insert_rows(model._meta.db_table, columns, prepared_rows(model, names, rows))
