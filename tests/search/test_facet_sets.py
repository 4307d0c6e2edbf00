"""The stored facet sets follow every index write, equal to what the facet-value rows say."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from search.backends.database import facet_sets
from search.backends.database.backend import DatabaseBackend
from search.backends.database.models import IndexedFacetSet, IndexedFacetValue
from search.backends.base import RebuildReport
from search.query import Facet, TermRef
from tests.search.test_database_backend import make_doc, random_docs

pytestmark = pytest.mark.django_db


def sets_from_values() -> dict[tuple[str, str], tuple[str, int]]:
    """What the sets must be: per (facet, value), the label and the bitset of its carriers."""
    expected: dict[tuple[str, str], tuple[str, int]] = {}
    for resource_id, facet, value, label in IndexedFacetValue.objects.values_list(
        "resource_id", "facet", "value", "label"
    ):
        _, members = expected.get((facet, value), (label, 0))
        expected[facet, value] = (label, members | 1 << resource_id)
    return expected


def stored_sets() -> dict[tuple[str, str], tuple[str, int]]:
    return {
        (row.facet, row.value): (row.label, facet_sets.from_bytes(row.members))
        for row in IndexedFacetSet.objects.all()
    }


def test_the_sets_follow_indexing_reindexing_and_deleting():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(60))
    assert stored_sets() == sets_from_values() != {}
    backend.index_documents(random_docs(15, seed=7))  # resources 1–15 again, with other facets
    assert stored_sets() == sets_from_values()
    backend.delete_documents([3, 4, 40, 999])  # 999: not indexed
    assert stored_sets() == sets_from_values()
    backend.index_documents([make_doc(500, "Nouveau", themes=["inclusion"], year=2031)])
    assert stored_sets() == sets_from_values()
    assert ("year", "2031") in stored_sets()


def test_a_value_nobody_carries_any_more_is_dropped_and_a_label_follows_the_last_write():
    backend = DatabaseBackend()
    backend.index_documents([make_doc(1, "Un", year=2031), make_doc(2, "Deux", themes=["ecologie"])])
    backend.index_documents([make_doc(1, "Un", year=2030)])
    assert ("year", "2031") not in stored_sets()
    renamed = make_doc(2, "Deux")
    renamed.facets[Facet.THEME] = [TermRef("ecologie", "Écologie et sobriété")]
    backend.index_documents([renamed])
    assert stored_sets()["theme", "ecologie"] == ("Écologie et sobriété", 1 << 2)
    assert stored_sets() == sets_from_values()


def test_a_rebuild_writes_every_set_afresh():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(20))
    report = backend.rebuild(random_docs(40, seed=3), 40, lambda done, total: None)
    assert isinstance(report, RebuildReport) and report.indexed == 40
    assert stored_sets() == sets_from_values()
    assert set(IndexedFacetValue.objects.values_list("resource_id", flat=True)) <= set(range(1, 41))


def test_the_searches_read_the_stored_sets():
    backend = DatabaseBackend()
    backend.index_documents(random_docs(30))
    sets = facet_sets.read()
    assert {pair: (sets.labels[pair], members) for pair, members in sets.members.items()} == sets_from_values()
    assert sets.everything == sum(1 << doc.id for doc in random_docs(30))


def test_the_migration_builds_the_sets_of_an_index_made_before_it():
    DatabaseBackend().index_documents(random_docs(25))
    expected = stored_sets()
    IndexedFacetSet.objects.all().delete()
    migration = importlib.import_module("search.migrations.0006_facet_sets")
    migration.build_sets(apps, SimpleNamespace(connection=connection))
    assert stored_sets() == expected
