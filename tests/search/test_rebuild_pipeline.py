"""A rebuild builds the next chunk while the database writes the last (search/backends/database/pipeline.py)."""

from __future__ import annotations

import contextvars
import threading

import pytest
from django.db import connection, transaction

from search.backends.database import backend as database_backend
from search.backends.database.backend import DatabaseBackend
from search.backends.database.pipeline import ahead, can_build_ahead
from tests.search.test_database_backend import random_docs
from tests.search.test_database_bulk import stored_tables


def test_items_come_in_order_each_built_in_the_worker():
    built_in: list[str] = []

    def items():
        for n in range(7):
            built_in.append(threading.current_thread().name)
            yield n

    assert list(ahead(items(), depth=2)) == list(range(7))
    assert set(built_in) == {"search-rebuild-ahead"}


def test_an_error_in_the_worker_is_raised_to_the_consumer_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("document 3 cannot be built")

    received = []
    with pytest.raises(ValueError, match="document 3"):
        for item in ahead(items()):
            received.append(item)
    assert received == [1, 2]


def test_a_consumer_that_stops_early_stops_the_worker():
    produced = []

    def endless():
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    threads_before = threading.active_count()
    for item in ahead(endless(), depth=2):
        if item == 3:
            break
    # The generator was closed on break: the worker was joined, it no longer runs.
    assert threading.active_count() == threads_before
    assert len(produced) <= 3 + 1 + 2 + 1  # what was consumed, the queue's depth and one in hand


@pytest.mark.django_db
def test_never_inside_a_transaction_nor_on_sqlite():
    # The test's own transaction is open: a worker's connection could not see its rows.
    assert connection.in_atomic_block and not can_build_ahead()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_only_postgresql_builds_ahead():
    assert can_build_ahead() == (connection.vendor == "postgresql")


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_built_ahead_stores_what_a_rebuild_in_turn_stores(monkeypatch):
    docs = random_docs(120, seed=17)
    backend = DatabaseBackend()
    monkeypatch.setattr(database_backend, "CHUNK_SIZE", 25)  # several chunks, so some are built ahead
    monkeypatch.setattr(database_backend, "can_build_ahead", lambda: False)
    assert backend.rebuild(iter(docs), len(docs), lambda done, total: None).indexed == 120
    in_turn = stored_tables()

    seen: list[str] = []

    def tracked():
        for doc in docs:
            seen.append(threading.current_thread().name)
            yield doc

    monkeypatch.setattr(database_backend, "can_build_ahead", lambda: True)
    assert backend.rebuild(tracked(), len(docs), lambda done, total: None).indexed == 120
    assert set(seen) == {"search-rebuild-ahead"}
    assert stored_tables() == in_turn


@pytest.mark.django_db(transaction=True)
def test_a_failing_document_leaves_the_old_index_whole(monkeypatch):
    backend = DatabaseBackend()
    old = random_docs(30, seed=3)
    backend.rebuild(iter(old), len(old), lambda done, total: None)
    before = stored_tables()

    def failing():
        yield from random_docs(40, seed=4)
        raise RuntimeError("a page could not be read")

    monkeypatch.setattr(database_backend, "CHUNK_SIZE", 10)
    monkeypatch.setattr(database_backend, "can_build_ahead", lambda: True)
    with pytest.raises(RuntimeError, match="could not be read"):
        backend.rebuild(failing(), 40, lambda done, total: None)
    assert not connection.in_atomic_block
    assert stored_tables() == before
    with transaction.atomic():  # the connection is usable after the failure
        assert backend.count() == 30


def test_the_worker_runs_in_the_callers_context():
    marker: contextvars.ContextVar[str] = contextvars.ContextVar("marker", default="unset")
    marker.set("set by the caller")

    def items():
        yield marker.get()

    assert list(ahead(items())) == ["set by the caller"]
