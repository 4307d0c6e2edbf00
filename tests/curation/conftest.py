"""Fixtures of the curation tests: the database search backend fed from the outbox (shared with the API tests)."""

from __future__ import annotations

from tests.api.conftest import engine, index  # noqa: F401  (fixture and helper re-exported)
