"""Pages cut from the index's orders (search/backends/database/ordering.py) against the database's own ORDER BY."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from search.backends.database import cache, ordering
from search.backends.database.backend import DatabaseBackend
from search.backends.database.models import IndexedResource
from search.models import SearchSynonym
from search.query import Facet, SearchQuery, Sort
from tests.search.test_database_backend import WORDS, random_docs

# The database's ORDER BY of each sort, through the ORM: the reference the cut pages must equal.
REFERENCE = {
    Sort.NEWEST: [F("date").desc(nulls_last=True), F("first_published_at").desc(nulls_last=True), F("id").desc()],
    Sort.OLDEST: [F("date").asc(nulls_last=True), F("first_published_at").asc(nulls_last=True), F("id").asc()],
    Sort.TITLE: ["sort_title", "id"],
}


def bitset(ids) -> int:
    return sum(1 << id_ for id_ in set(ids))


def test_members_of_lists_a_bitset_ascending():
    ids = [0, 1, 7, 8, 63, 64, 65, 1000, 4097]
    assert ordering.members_of(bitset(ids)) == ids
    assert ordering.members_of(0) == []


@pytest.mark.parametrize("density", [1.0, 0.5, 0.05, 0.002])  # dense groups are scanned, sparse ones listed
def test_pages_of_one_group_follow_the_order(density):
    rng = random.Random(int(density * 1000))
    ids = list(range(1, 5001))
    rng.shuffle(ids)
    order = ordering.Order.of(ids, max(ids))
    members = [id_ for id_ in ids if rng.random() < density]
    everyone = ordering.page([bitset(members)], order, 0, len(members))
    assert everyone == members  # in the order's sequence, none missing
    for offset, size in [(0, 20), (7, 13), (len(members) - 3, 20), (len(members), 5), (len(members) + 40, 5)]:
        assert ordering.page([bitset(members)], order, offset, size) == members[offset : offset + size]


def test_pages_run_across_groups_best_first():
    ids = list(range(1, 301))
    random.Random(3).shuffle(ids)
    order = ordering.Order.of(ids, 300)
    groups = [[i for i in ids if i % 50 == 0], [i for i in ids if i % 2 == 0 and i % 50], [i for i in ids if i % 2]]
    expected = [id_ for group in groups for id_ in group]
    for offset in (0, 4, 6, 10, 149, 150, 299, 300):
        assert ordering.page([bitset(group) for group in groups], order, offset, 10) == expected[offset : offset + 10]


@pytest.mark.django_db
def test_the_orders_are_the_databases_own():
    DatabaseBackend().index_documents(random_docs(200))
    orders = ordering.read()
    for sort, reference in REFERENCE.items():
        expected = list(IndexedResource.objects.order_by(*reference).values_list("id", flat=True))
        assert list(orders.of(sort).ids) == expected
        assert all(orders.of(sort).rank[id_] == position for position, id_ in enumerate(expected))


@pytest.mark.django_db
def test_search_pages_equal_the_databases_order_of_the_matches():
    """Every sort, with and without text and filters, paged: as the database orders the same matches."""
    backend = DatabaseBackend()
    backend.index_documents(random_docs(300))
    rng = random.Random(11)
    for _ in range(30):
        text = " ".join(rng.sample(WORDS, rng.randint(0, 2)))
        filters = {Facet.THEME: ["ecologie"]} if rng.random() < 0.5 else {}
        sort = rng.choice(list(Sort))
        everything = backend.search(SearchQuery(text=text, filters=filters, sort=sort, page_size=100))
        matched = [hit.id for hit in everything.hits]
        assert len(matched) == min(everything.total, 100)
        if sort is Sort.RELEVANCE:
            if text:  # best score first; equal scores in the newest order
                scores = {hit.id: hit.score for hit in everything.hits}
                newest = IndexedResource.objects.filter(id__in=matched).order_by(*REFERENCE[Sort.NEWEST])
                expected = sorted(newest.values_list("id", flat=True), key=lambda id_: -scores[id_])
            else:
                expected = IndexedResource.objects.order_by(*REFERENCE[Sort.NEWEST]).values_list("id", flat=True)
                expected = [id_ for id_ in expected if id_ in set(matched)]
        else:
            expected = list(
                IndexedResource.objects.filter(id__in=matched).order_by(*REFERENCE[sort]).values_list("id", flat=True)
            )
        assert matched == expected, (text, filters, sort)
        pages = [
            hit.id
            for page in range(1, 16)
            for hit in backend.search(SearchQuery(text=text, filters=filters, sort=sort, page=page, page_size=7)).hits
        ]
        assert pages[:100] == matched and len(pages) == min(everything.total, 105)


@pytest.mark.django_db
def test_a_texts_other_pages_sorts_and_filters_need_no_full_text_query():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(120))
    cache.clear()
    first = backend.search(SearchQuery(text="numérique"))
    with CaptureQueriesContext(connection) as queries:
        other = backend.search(SearchQuery(text="numérique", sort=Sort.TITLE, page=2, filters={Facet.THEME: ["ecologie"]}))
    # The generation + synonyms and the page's cards: the matches, sets and orders are kept.
    assert len(queries) == 2 and "hubsearch_text" not in " ".join(query["sql"] for query in queries)
    assert other.total <= first.total and other.hits


@pytest.mark.django_db
def test_a_synonym_edit_does_not_read_the_orders_and_sets_again():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(40))
    cache.clear()
    before = backend.search(SearchQuery(text="numérique"))
    SearchSynonym.objects.create(terms="numérique, digital")
    with CaptureQueriesContext(connection) as queries:
        after = backend.search(SearchQuery(text="digital"))
    assert after.total == before.total > 0
    sql = [query["sql"] for query in queries]
    assert not [q for q in sql if "hubsearch_indexedfacetset" in q or q.startswith(f"SELECT id FROM {ordering.RESOURCES}")]
    assert any("hubsearch_text" in q for q in sql)  # the new synonyms do apply: the text is matched again
