"""Fixtures of the curation tests: the database search backend fed from the outbox."""

from __future__ import annotations

import pytest

from search import backends, outbox


@pytest.fixture
def engine(monkeypatch, db):
    """The database search backend, installed as the configured one."""
    from search.backends.database import DatabaseBackend

    backend = DatabaseBackend()
    monkeypatch.setattr(backends, "get_backend", lambda: backend)
    return backend


def index(engine) -> None:
    """What the sync task does after a commit: apply the outbox."""
    report = outbox.drain(backend=engine)
    assert report.ok, report.error
