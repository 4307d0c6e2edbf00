"""The database backend's bulk writes (search/backends/database/bulk.py) and indexing analysis.

The fast paths must store exactly what the ORM path stored (``bulk_create``,
PostgreSQL's own tsvectors), and index the same terms as ``search.french``.
"""

from __future__ import annotations

import gc
import importlib
import random
import unicodedata
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_delete
from django.test.utils import CaptureQueriesContext

from search.backends.database import cache, fulltext
from search.backends.database.backend import DatabaseBackend, _rows, _write
from search.backends.database.bulk import paused_gc
from search.backends.database.fulltext import TABLE, PostgresFullText
from search.backends.database.models import IndexedFacetValue, IndexedResource
from search.backends.database.rows import RESOURCE_FIELDS, document_rows
from search.query import SearchQuery
from search.french import _LIGATURES, fold, terms, token_set
from search import text as search_text
from search.text import analysed
from tests.search.test_database_backend import make_doc, random_docs

pytestmark = pytest.mark.django_db


def stored_tables() -> dict[str, list[tuple]]:
    """Every index row as the database returns it (raw SQL: stored representations, not Python values)."""
    quote = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for model in (IndexedResource, IndexedFacetValue):
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {quote(table)}")
            found[table] = sorted(cursor.fetchall(), key=repr)
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT resource_id, document::text, sort_title FROM {TABLE}")
        else:
            cursor.execute(f"SELECT rowid, title, summary, taxonomy, body FROM {TABLE}")
        found[TABLE] = sorted(cursor.fetchall())
    return found


def insert_with_the_orm(docs) -> None:
    """What the backend wrote before bulk.py: model instances, and tsvectors from UNNEST arrays."""
    rows = [document_rows(doc) for doc in docs]
    IndexedResource.objects.bulk_create([IndexedResource(**dict(zip(RESOURCE_FIELDS, r.resource))) for r in rows])
    IndexedFacetValue.objects.bulk_create(
        [
            IndexedFacetValue(resource_id=resource_id, facet=facet, value=value, label=label)
            for r in rows
            for resource_id, facet, value, label in r.facet_values
        ]
    )
    texts = [r.text for r in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {TABLE} (resource_id, document, sort_title) "
                f"SELECT r.id, {PostgresFullText.DOCUMENT.format(s='r')}, x.sort_title "
                "FROM UNNEST(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                f"AS r(id, title, summary, taxonomy, body) JOIN {IndexedResource._meta.db_table} x ON x.id = r.id",
                [list(column) for column in zip(*texts)],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, summary, taxonomy, body) VALUES (%s, %s, %s, %s, %s)", texts
            )


def test_bulk_writes_store_exactly_what_the_orm_stored():
    docs = random_docs(60) + [
        make_doc(500, "Écologie « sobre »", summary="L’inclusion d'abord", body_text="x " * 3, date=date(2021, 5, 3)),
        make_doc(501, "Sans date", year=None, first_published_at=None),
    ]
    insert_with_the_orm(docs)
    expected = stored_tables()
    DatabaseBackend().delete_documents([doc.id for doc in docs])
    assert all(not rows for rows in stored_tables().values())

    _write(_rows(docs))
    assert stored_tables() == expected
    assert len(expected[TABLE]) == len(docs) and expected[IndexedFacetValue._meta.db_table]


def test_postgres_text_rows_load_outside_any_rebuild_and_leave_the_staging_table_empty():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's COPY path")
    # The resources' rows first: the text rows copy their sort keys.
    IndexedResource.objects.bulk_create(
        [IndexedResource(id=id_, title=f"R{id_}", sort_title=f"r{id_}") for id_ in (1, 2, 3)]
    )
    rows = [(1, " ecolog ", "  ", " them ", " corp texte "), (2, " inclus ", " resum ", "  ", "  ")]
    fulltext.full_text().insert(rows)
    fulltext.full_text().insert([(3, " med ", "  ", "  ", "  ")])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT resource_id FROM {TABLE} ORDER BY resource_id")
        assert [row[0] for row in cursor.fetchall()] == [1, 2, 3]
        cursor.execute(f"SELECT count(*) FROM {fulltext.STAGING}")
        assert cursor.fetchone()[0] == 0
        cursor.execute(f"SELECT sort_title FROM {TABLE} WHERE resource_id = 3")
        assert cursor.fetchone()[0] == "r3"


def test_postgres_text_rows_without_their_resource_are_refused():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's COPY path")
    with pytest.raises(ValueError, match="1 text row"):
        fulltext.full_text().insert([(7, " med ", "  ", "  ", "  ")])


def test_deleting_index_rows_loads_none_and_sends_no_signal():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(40))
    received = []
    receiver = lambda sender, **kwargs: received.append(sender)  # noqa: E731
    post_delete.connect(receiver, weak=False)
    try:
        with CaptureQueriesContext(connection) as queries:
            backend.delete_documents(list(range(1, 41)))
    finally:
        post_delete.disconnect(receiver)
    assert backend.count() == 0 and not received
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    # The index generation replaced first (the result cache's token, and the lock ordering
    # index writes), the facet values the resources had, one DELETE per index table, then
    # the facet sets concerned read and, as nobody carries their values any more, deleted.
    generation, carried, *deletes, sets, emptied = statements
    assert generation.startswith("INSERT") and "ON CONFLICT" in generation
    assert carried.startswith("SELECT") and "hubsearch_indexedfacetvalue" in carried
    assert len(deletes) == 3 and all(sql.startswith("DELETE") for sql in deletes)
    assert sets.startswith("SELECT") and "hubsearch_indexedfacetset" in sets
    assert emptied.startswith("DELETE") and "hubsearch_indexedfacetset" in emptied


def test_rebuild_over_a_full_index_replaces_it():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(30))
    docs = random_docs(20)
    report = backend.rebuild(iter(docs), total=20, progress=lambda done, total: None)
    assert report.indexed == 20 and backend.indexed_ids() == {doc.id for doc in docs}


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector_after_an_error(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError), paused_gc():
            assert not gc.isenabled()
            raise RuntimeError("load failed")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_rebuild_pauses_the_collector_and_restores_it():
    states = []

    def documents():
        states.append(gc.isenabled())
        yield from random_docs(5)

    assert gc.isenabled()
    DatabaseBackend().rebuild(documents(), total=5, progress=lambda done, total: None)
    assert states == [False] and gc.isenabled()


SAMPLE_TEXTS = [
    "",
    "   ",
    "L'inclusion numérique, d’abord : les médiatrices et médiateurs — aujourd'hui !",
    "Œuvre\u00a0écologique\u2003des tiers-lieux ruraux; données ouvertes (2024) snake_case x",
    "numérique numérique Numérique, NUMÉRIQUE… et le numérique",
    "qu'elle lorsqu’il jusqu'au 1er 3e a b c 12",
]


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_analysed_indexes_each_term_of_the_text_once_in_order(text):
    words: set[str] = set()
    indexed = analysed(text, words)
    expected = list(dict.fromkeys(terms(text)))
    assert indexed == f" {' '.join(expected)} "
    assert words == token_set(text)


def test_analysed_stays_right_when_its_cache_is_emptied():
    first = [analysed(text, set()) for text in SAMPLE_TEXTS]
    search_text._chunk_terms.cache_clear()
    search_text._chunk_tokens.cache_clear()
    assert [analysed(text, set()) for text in SAMPLE_TEXTS] == first
    assert first == [f" {' '.join(dict.fromkeys(terms(text)))} " for text in SAMPLE_TEXTS]


def test_the_analysis_caches_are_bounded():
    for cached in (search_text._chunk_terms, search_text._chunk_tokens):
        assert cached.cache_info().maxsize == search_text.MAX_CACHED_CHUNKS


def reference_fold(text: str) -> str:
    """``fold`` as first written: NFKD, then each combining mark tested and dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_fold_matches_its_reference_on_every_character_and_random_texts():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert fold(everything) == reference_fold(everything)
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(chr(rng.randrange(0x2FFFF)) for _ in range(40))
        if not any(0xD800 <= ord(ch) < 0xE000 for ch in text):
            assert fold(text) == reference_fold(text)
    assert fold("Œuvre Écologique ﬁ ß") == "oeuvre ecologique fi ss"


def test_the_migrations_give_an_index_made_before_them_its_sort_title():
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL's text rows carry the sort title")
    DatabaseBackend().index_documents(random_docs(25))
    expected = stored_tables()[TABLE]
    carry = importlib.import_module("search.migrations.0007_text_rows_carry_sort_keys")
    keep_title = importlib.import_module("search.migrations.0008_text_rows_keep_only_the_sort_title")
    # PostgreSQL's DDL is transactional: the test's rollback restores the table either way.
    editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    keep_title.add_dates(apps, editor)  # both migrations undone: the rows as before 0007
    carry.drop_sort_keys(apps, editor)
    carry.add_sort_keys(apps, editor)
    keep_title.drop_dates(apps, editor)
    assert stored_tables()[TABLE] == expected


def test_text_rows_a_flush_leaves_behind_are_dropped_after_migrate():
    """``flush`` empties the model tables, not the full-text one; post_migrate drops the rest."""
    DatabaseBackend().index_documents([make_doc(i, f"Médiation {i}") for i in range(1, 6)])
    IndexedResource.objects.filter(id__in=[1, 2]).delete()  # as a flush would, for two of them
    fulltext.forget_orphans(using=connection.alias)
    column = "resource_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {TABLE} ORDER BY 1")
        assert [row[0] for row in cursor.fetchall()] == [3, 4, 5]
    cache.clear()
    assert {hit.id for hit in DatabaseBackend().search(SearchQuery(text="médiation")).hits} == {3, 4, 5}
