"""Assertion helpers shared by the suite (no fixtures here: see conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import importlib

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from wagtail.models import Collection, Locale, Page

# The licence that sits in the register but may never be chosen.
CLOSED_LICENCE = "cc-by-nc-sa-4.0"
# The open licences the register is seeded with.
SEEDED_OPEN_LICENCES = {"etalab-2.0", "cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0", "odbl-1.0"}


def messages_for(error: ValidationError, field: str) -> list[str]:
    """The messages a ValidationError holds for one field."""
    assert hasattr(error, "error_dict"), f"expected errors keyed by field, got {error!r}"
    assert field in error.message_dict, f"no error on {field!r}: {error.message_dict}"
    return error.message_dict[field]


def assert_lists_open_licences(message: str) -> None:
    """A refusal must list every open licence and not the closed one as allowed."""
    for licence_id in SEEDED_OPEN_LICENCES:
        assert licence_id in message, f"{licence_id} missing from {message!r}"
    allowed_part = message.split("Licences autorisées", 1)[-1]
    assert "Licences autorisées" in message, message
    assert CLOSED_LICENCE not in allowed_part, message


class _Accepted(Exception):
    """Raised to roll back a raw write that the database accepted."""


def surface_deferred_constraints() -> None:
    """Check deferred constraints now instead of at COMMIT.

    Django creates foreign keys DEFERRABLE INITIALLY DEFERRED (PostgreSQL) or
    deferred (SQLite): a violating row is only refused at COMMIT, which a test
    wrapped in a transaction never reaches. ``check_constraints`` runs that
    check now (``SET CONSTRAINTS ALL IMMEDIATE`` on PostgreSQL,
    ``PRAGMA foreign_key_check`` on SQLite) and raises ``IntegrityError``.
    """
    connection.check_constraints()


def db_refuses(write: Callable[[], object]) -> bool:
    """Run a raw write in a savepoint; True if the database refuses it.

    Immediate constraints (CHECK, NOT NULL, UNIQUE) refuse the statement itself;
    deferred foreign keys are checked before the savepoint is left. The
    savepoint is always rolled back, so the test's transaction stays usable
    (PostgreSQL aborts a transaction after an error) and nothing is kept.
    """
    try:
        with transaction.atomic():
            write()
            surface_deferred_constraints()
            raise _Accepted
    except IntegrityError:
        return True
    except _Accepted:
        return False


def restore_migrated_data() -> None:
    """Put back what migrations created (the licence register and its URIs, Wagtail's
    locale, root page and root collection): a transactional test flushes the tables,
    and the next transactional test (a live server's) finds them empty. The cache goes
    too: Wagtail keeps the sites' root paths there, which named the flushed tree."""
    cache.clear()
    importlib.import_module("licensing.migrations.0002_seed_licences").seed_licences(apps, None)
    importlib.import_module("licensing.migrations.0003_licence_canonical_uri").fill_canonical_uris(apps, None)
    Locale.objects.get_or_create(language_code="fr")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
