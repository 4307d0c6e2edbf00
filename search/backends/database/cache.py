"""A per-process cache of the database backend's results, valid while the index is unchanged.

A search first reads, in one cheap query, the index's generation token (the
``IndexGeneration`` row that every index write replaces in its own transaction,
see ``bump_generation``) together with the editors' enabled synonyms (an edit
applies at the next search, without a reindex). A result computed under that
key is served again, in this process, for the same query until either changes;
a commit that changes the index or the synonyms therefore makes every process's
entries unreachable at once, with no message between them.

Only the SQL is spared. The caller still announces and records every search
(``search.events``); the HTTP response cache still never stores a search.

Bounded LRUs (``SEARCH_RESULT_CACHE_SIZE`` entries each, 0 turns caching off):
results by (database, key, query), prepared query texts by (database, key,
text), the synonym groups by key and a text's matches (matches.py) by (key,
text), so a text searched with other filters, sorts or pages skips the
synonym and vocabulary reads and the full-text scan too. The facet sets
(facet_sets.py) and the index's orders (ordering.py) are kept per key as
well, whatever the size.
All are shared by a process's threads (gthread workers), each behind a lock.
The search API keeps its rendered bodies and the filters it found known in
LRUs of the same size (search.api), so 0 turns those off too.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from contextvars import ContextVar
from dataclasses import replace
from typing import Generic, TypeVar

from django.conf import settings
from django.db import connection

from search import vocabulary
from search.backends.database import facet_sets, matches, ordering
from search.backends.database.models import IndexGeneration
from search.query import Facet, SearchQuery, SearchResult
from search.synonyms import SearchSynonym
from search.text import Alternative, TextQuery, synonym_groups

DEFAULT_SIZE = 512

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """A thread-safe mapping that forgets its least recently used entries past ``size``."""

    def __init__(self) -> None:
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V, size: int) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


# The key of the search this thread is computing, for ``memo`` (None: not cached).
_serving: ContextVar[tuple | None] = ContextVar("serving", default=None)

results: LRU[tuple, SearchResult] = LRU()
texts: LRU[tuple, TextQuery] = LRU()
synonyms: LRU[tuple, list[tuple[Alternative, ...]]] = LRU()
matched: LRU[tuple, matches.Matches] = LRU()


def size() -> int:
    """Entries kept per LRU (``SEARCH_RESULT_CACHE_SIZE``; 0: no caching)."""
    return max(0, int(getattr(settings, "SEARCH_RESULT_CACHE_SIZE", DEFAULT_SIZE)))


def bump_generation() -> None:
    """A new generation token, in the caller's transaction: call it from every index write.

    One upsert (the row may be missing after a test database flush). Readers in
    other processes see the new token exactly when they see the write's rows.
    """
    IndexGeneration.objects.bulk_create(
        [IndexGeneration(id=1, token=secrets.token_hex(16))],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )


# The enabled synonym groups' terms in one JSON text, in a stable order, read with the token.
SYNONYMS_JSON = {
    "postgresql": "(SELECT COALESCE(json_agg(terms ORDER BY terms), '[]')::text FROM {table} WHERE enabled)",
    "sqlite": "(SELECT json_group_array(terms) FROM (SELECT terms FROM {table} WHERE enabled ORDER BY terms))",
}


def current_key() -> tuple | None:
    """The index's generation token and the enabled synonyms' terms, in one query.

    The synonyms are part of the key (an edit applies at the next search, without a
    reindex) and read here once rather than by every search that prepares a text.
    None when no generation row exists (none written since a flush): not cached then.
    """
    quote = connection.ops.quote_name
    enabled = SYNONYMS_JSON[connection.vendor].format(table=quote(SearchSynonym._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, {enabled} FROM {quote(IndexGeneration._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    return (connection.alias, connection.settings_dict["NAME"], *row) if row else None


def search(query: SearchQuery, compute: Callable[[SearchQuery, TextQuery | None], SearchResult]) -> SearchResult:
    """``compute(query, text)``'s result, from this process's cache while the key holds."""
    limit = size()
    key = current_key() if limit else None
    if key is None:
        return compute(query, vocabulary.text_query(query.text) if query.text else None)
    entry = (key, query_key(query))
    found = results.get(entry)
    if found is None:
        serving = _serving.set(key)
        try:
            found = compute(query, _text(query.text, key, limit) if query.text else None)
        finally:
            _serving.reset(serving)
        results.put(entry, found, limit)
    # The caller's own query object; the hits and facets are shared, read-only.
    return replace(found, query=query, cached=True)


def serving_key() -> tuple | None:
    """The key of the search being computed: the cache's when on, else read now (one query)."""
    key = _serving.get()
    return key if key is not None else current_key()


def index_part(key: tuple | None) -> tuple | None:
    """``key`` without the synonyms: the key of what depends on the index alone (facet sets, orders)."""
    return key[:-1] if key is not None else None


def _text(typed: str, key: tuple, limit: int) -> TextQuery:
    entry = (key, typed)
    found = texts.get(entry)
    if found is None:
        groups = synonyms.get(key)
        if groups is None:
            # As vocabulary.synonyms() reads them, from the terms read with the token.
            groups = synonym_groups(SearchSynonym(terms=terms).term_list() for terms in json.loads(key[-1]))
            synonyms.put(key, groups, limit)
        found = vocabulary.text_query(typed, groups)
        texts.put(entry, found, limit)
    return found


def text_matches(text: TextQuery) -> matches.Matches:
    """The matches of ``text`` (matches.py), kept under the index part of the search's key.

    The clauses carry the synonyms applied, so a synonym edit keeps the matches of the
    texts it does not change.
    """
    key, limit = index_part(_serving.get()), size()
    if key is None or not limit:
        return matches.find(text)
    entry = (key, text.text, text.clauses)
    found = matched.get(entry)
    if found is None:
        found = matches.find(text)
        matched.put(entry, found, limit)
    return found


def query_key(query: SearchQuery) -> tuple:
    """What the result depends on."""
    return (query.text, filters_key(query.filters), query.sort.value, query.page, query.page_size)


def filters_key(filters: Mapping[Facet, tuple[str, ...]]) -> tuple:
    """The filters in a stable order: values inside a facet are OR'd, so their order does not matter."""
    return tuple(sorted((facet.value, tuple(sorted(values))) for facet, values in filters.items()))


def clear() -> None:
    """Forget every entry of this process (tests; never needed for correctness)."""
    for lru in (results, texts, synonyms, matched):
        lru.clear()
    facet_sets.forget()
    ordering.forget()
