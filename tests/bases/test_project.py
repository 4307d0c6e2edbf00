"""The project as a whole: system checks pass and no migration is missing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


def test_system_checks_pass():
    out = StringIO()

    # Raises SystemCheckError on any error; --fail-level WARNING makes warnings fail too.
    call_command("check", "--fail-level", "WARNING", stdout=out, stderr=StringIO())

    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_database_checks_pass():
    """Checks that need the database (run against SQLite or PostgreSQL alike)."""
    out = StringIO()

    call_command("check", "--database", "default", "--fail-level", "WARNING", stdout=out, stderr=StringIO())

    assert "no issues" in out.getvalue()


@pytest.mark.django_db  # makemigrations checks the migration history in the database
def test_no_missing_migrations():
    out = StringIO()

    # Exits with SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())

    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_every_migration_is_applied():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())

    assert plan == []
