"""Fixtures of the insights tests: the API tests' small hub on the database backend."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.api.conftest import engine, hidden, hub, index  # noqa: F401 - fixtures

__all__ = ["index"]

VISITOR = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail keeps site root paths in the cache, and the retention task runs once a day per cache.
    cache.clear()
    yield
    cache.clear()
