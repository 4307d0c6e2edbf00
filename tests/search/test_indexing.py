"""The indexing pipeline: every transition reaches the index, nothing is lost.

After each change the test drains the outbox (what the sync task does after
the commit) and checks that the index holds exactly the resources the public
may see, as the database says.
"""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from curation.models import CollectionItem
from licensing.models import Licence
from search import indexing, outbox, tasks
from search.documents import build_documents, indexable_resources
from search.models import IndexOutboxEntry
from search.indexing import drain
from search.outbox import enqueue
from search.query import Facet
from tests import factories

pytestmark = pytest.mark.django_db


def indexable_ids() -> set[int]:
    return set(indexable_resources().values_list("pk", flat=True))


def assert_in_sync(backend) -> None:
    """Drain, then the index must equal the public resources and the outbox be empty."""
    report = drain()
    assert report.ok, report.error
    assert backend.indexed_ids() == indexable_ids()
    assert not IndexOutboxEntry.objects.exists()


def collection_slugs(backend, resource_id: int) -> list[str]:
    """The collections the indexed document of a resource names."""
    return [term.value for term in backend.documents[resource_id].facet_terms()[Facet.COLLECTION]]


def sync_callbacks() -> int:
    return sum(1 for entry in connection.run_on_commit if entry[1] is outbox._sync_after_commit)


@pytest.fixture
def world(fake_search_backend, base_page, theme):
    """Two bases with resources (one an event report), all indexed."""
    other_base = factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")
    resources = [
        factories.ResourcePageFactory(parent=base_page, themes=[theme]),
        factories.ResourcePageFactory(parent=base_page, themes=[theme]),
        factories.EventReportPageFactory(parent=other_base, themes=[theme]),
    ]
    assert_in_sync(fake_search_backend)
    assert fake_search_backend.indexed_ids() == {r.pk for r in resources}
    return {"base": base_page, "other_base": other_base, "resources": resources, "theme": theme}


# --- Transitions -----------------------------------------------------------------


def test_creating_resources_indexes_them(world, fake_search_backend):
    report_document = fake_search_backend.documents[world["resources"][2].pk]
    assert report_document.resource_type == "event_report"
    assert report_document.base.value == "nec-locaux"


def test_publishing_a_draft_indexes_it(world, fake_search_backend, base_page):
    draft = factories.ResourcePageFactory(parent=base_page, live=False)
    assert_in_sync(fake_search_backend)
    assert draft.pk not in fake_search_backend.indexed_ids()

    draft.save_revision().publish()

    assert_in_sync(fake_search_backend)
    assert draft.pk in fake_search_backend.indexed_ids()


def test_unpublishing_a_resource_removes_it(world, fake_search_backend):
    resource = world["resources"][0]
    resource.unpublish()

    assert_in_sync(fake_search_backend)
    assert resource.pk not in fake_search_backend.indexed_ids()


def test_unpublishing_a_base_hides_its_resources_and_republishing_shows_them(world, fake_search_backend):
    base = world["base"]
    base.unpublish()

    assert_in_sync(fake_search_backend)
    assert fake_search_backend.indexed_ids() == {world["resources"][2].pk}

    base.save_revision().publish()
    assert_in_sync(fake_search_backend)
    assert fake_search_backend.indexed_ids() == {r.pk for r in world["resources"]}


def test_deleting_a_resource_removes_it(world, fake_search_backend):
    resource = world["resources"][1]
    resource.delete()

    assert_in_sync(fake_search_backend)
    assert resource.pk not in fake_search_backend.indexed_ids()


def test_deleting_a_base_removes_every_resource_below_it(world, fake_search_backend):
    world["base"].delete()

    assert_in_sync(fake_search_backend)
    assert fake_search_backend.indexed_ids() == {world["resources"][2].pk}


def test_moving_a_resource_to_another_base_updates_its_base(world, fake_search_backend):
    resource = world["resources"][0]
    resource.move(world["other_base"], pos="last-child")

    assert_in_sync(fake_search_backend)
    document = fake_search_backend.documents[resource.pk]
    assert document.base.value == "nec-locaux"
    assert "/nec-locaux/" in document.url


def test_moving_a_resource_under_an_unpublished_base_hides_it(world, fake_search_backend):
    hidden_base = factories.BasePageFactory(title="Brouillons", live=False)
    resource = world["resources"][0]
    resource.move(hidden_base, pos="last-child")

    assert_in_sync(fake_search_backend)
    assert resource.pk not in fake_search_backend.indexed_ids()


@pytest.mark.parametrize("on", ["resource", "base"])
def test_a_view_restriction_hides_and_its_removal_shows_again(world, fake_search_backend, on):
    page = world["resources"][0] if on == "resource" else world["base"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert_in_sync(fake_search_backend)
    assert world["resources"][0].pk not in fake_search_backend.indexed_ids()

    restriction.delete()
    assert_in_sync(fake_search_backend)
    assert fake_search_backend.indexed_ids() == {r.pk for r in world["resources"]}


def test_a_draft_of_a_live_page_leaves_the_live_version_indexed(world, fake_search_backend):
    resource = world["resources"][0]
    live_title = resource.title
    resource.title = "Titre du brouillon"
    resource.save_revision()

    # A draft writes no outbox entry: the public page did not change.
    assert not IndexOutboxEntry.objects.exists()
    enqueue([resource.pk], "test: force a refresh")
    assert_in_sync(fake_search_backend)
    assert fake_search_backend.documents[resource.pk].title == live_title


def test_a_publication_scheduled_in_the_future_is_not_indexed(world, fake_search_backend, base_page):
    draft = factories.ResourcePageFactory(parent=base_page, live=False)
    draft.go_live_at = timezone.now() + timedelta(days=3)
    draft.save_revision().publish()

    assert_in_sync(fake_search_backend)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.pk not in fake_search_backend.indexed_ids()


def test_renaming_a_theme_reindexes_its_resources_with_the_new_label(world, fake_search_backend):
    theme = world["theme"]
    theme.title = "Inclusion numérique"
    theme.save_revision().publish()

    assert_in_sync(fake_search_backend)
    for resource in world["resources"]:
        labels = [term.label for term in fake_search_backend.documents[resource.pk].themes]
        assert labels == ["Inclusion numérique"]


def test_adding_then_removing_a_resource_from_a_collection(world, fake_search_backend):
    collection = factories.CollectionPageFactory(title="Édition 2023", slug="edition-2023")
    first, second = world["resources"][0], world["resources"][1]

    collection.items = [CollectionItem(resource=first), CollectionItem(resource=second)]
    collection.save_revision().publish()
    assert_in_sync(fake_search_backend)
    for resource in (first, second):
        assert collection_slugs(fake_search_backend, resource.pk) == ["edition-2023"]

    collection = collection.get_latest_revision_as_object()
    collection.items = [CollectionItem(resource=second)]
    collection.save_revision().publish()
    # The removed resource is re-indexed too (old membership), not only the kept one.
    assert first.pk in set(IndexOutboxEntry.objects.values_list("page_id", flat=True))
    assert_in_sync(fake_search_backend)
    assert collection_slugs(fake_search_backend, first.pk) == []
    assert collection_slugs(fake_search_backend, second.pk) == ["edition-2023"]


def test_unpublishing_a_collection_removes_it_from_its_resources(world, fake_search_backend):
    collection = factories.CollectionPageFactory(title="Podcast", slug="podcast")
    collection.items = [CollectionItem(resource=world["resources"][0])]
    collection.save_revision().publish()
    assert_in_sync(fake_search_backend)

    collection.unpublish()
    assert_in_sync(fake_search_backend)
    assert collection_slugs(fake_search_backend, world["resources"][0].pk) == []


def test_renaming_a_licence_reindexes_the_resources_under_it(world, fake_search_backend):
    licence = Licence.objects.get(pk=world["resources"][0].licence_id)
    licence.short_name = "CC BY-SA 4.0 (renommée)"
    licence.save()

    assert_in_sync(fake_search_backend)
    assert fake_search_backend.documents[world["resources"][0].pk].licence.label == "CC BY-SA 4.0 (renommée)"


# --- Outage and recovery ------------------------------------------------------------


def test_a_publish_succeeds_fast_while_the_engine_is_down_and_nothing_is_lost(
    world, fake_search_backend, base_page, simulate_commit
):
    draft = factories.ResourcePageFactory(parent=base_page, live=False)
    simulate_commit()  # the set-up's own commit
    fake_search_backend.down = True

    started = time.monotonic()
    draft.save_revision().publish()
    simulate_commit()  # the sync task runs, finds the engine down, keeps the entries
    assert time.monotonic() - started < 2

    draft.refresh_from_db()
    assert draft.live
    pending = IndexOutboxEntry.objects.filter(page_id=draft.pk)
    assert pending.exists()
    # The outage is recorded, but not counted against the pages (they are never set aside for it).
    assert all(entry.attempts == 0 and "down" in entry.last_error for entry in pending)

    # While paused, further commits do not even try the dead engine.
    calls = len(fake_search_backend.calls)
    world["resources"][0].save_revision().publish()
    simulate_commit()
    assert len(fake_search_backend.calls) == calls

    fake_search_backend.down = False
    assert_in_sync(fake_search_backend)
    assert draft.pk in fake_search_backend.indexed_ids()


def test_the_sync_task_applies_the_outbox_after_the_commit(world, fake_search_backend, base_page, simulate_commit):
    simulate_commit()
    draft = factories.ResourcePageFactory(parent=base_page, live=False)
    draft.save_revision().publish()
    simulate_commit()

    assert draft.pk in fake_search_backend.indexed_ids()
    assert not IndexOutboxEntry.objects.exists()


def test_a_failing_task_backend_does_not_fail_the_commit(world, monkeypatch, base_page, simulate_commit, caplog):
    simulate_commit()

    def broken_enqueue(*args, **kwargs):
        raise RuntimeError("task queue unreachable")

    monkeypatch.setattr(tasks, "sync_search_index", SimpleNamespace(enqueue=broken_enqueue))
    resource = factories.ResourcePageFactory(parent=base_page)
    simulate_commit()

    assert IndexOutboxEntry.objects.filter(page_id=resource.pk).exists()
    assert "Could not enqueue the search sync task" in caplog.text


def test_a_drain_with_no_backend_reports_instead_of_raising(db, monkeypatch):
    def no_backend():
        raise ImportError("no module named elasticsearch")

    monkeypatch.setattr("search.backends.get_backend", no_backend)
    enqueue([1], "test")

    report = drain()

    assert not report.ok and "ImportError" in report.error
    assert report.remaining == 1


# --- Outbox mechanics ------------------------------------------------------------------


def test_the_outbox_entry_rolls_back_with_its_transaction(world, fake_search_backend, simulate_commit):
    simulate_commit()
    resource = world["resources"][0]

    with pytest.raises(RuntimeError), transaction.atomic():
        resource.unpublish()
        assert IndexOutboxEntry.objects.filter(page_id=resource.pk).exists()
        raise RuntimeError("the request failed after the unpublish")

    assert not IndexOutboxEntry.objects.exists()
    assert sync_callbacks() == 0  # no sync scheduled for a rolled-back change


def test_one_sync_is_scheduled_per_transaction_whatever_the_rows(world, fake_search_backend, simulate_commit):
    simulate_commit()

    with transaction.atomic():
        world["base"].unpublish()  # many rows: the base, each resource, twice over
        enqueue([r.pk for r in world["resources"]], "test")

    assert IndexOutboxEntry.objects.count() > 3
    assert sync_callbacks() == 1


def test_drain_dedupes_page_ids(world, fake_search_backend):
    resource = world["resources"][0]
    enqueue([resource.pk], "a")
    enqueue([resource.pk], "b")
    enqueue([resource.pk], "c")
    fake_search_backend.calls.clear()

    report = drain()

    assert (report.processed, report.indexed, report.removed) == (3, 1, 0)
    assert fake_search_backend.calls == ["index"]


def test_drain_keeps_entries_written_while_it_runs(world, fake_search_backend):
    first, second = world["resources"][0], world["resources"][1]
    enqueue([first.pk], "before")
    original_index = fake_search_backend.index_documents

    def index_while_someone_publishes(documents):
        enqueue([second.pk], "written during the drain")
        return original_index(documents)

    fake_search_backend.index_documents = index_while_someone_publishes
    report = drain(max_batches=1)

    assert report.processed == 1
    assert list(IndexOutboxEntry.objects.values_list("page_id", flat=True)) == [second.pk]


def test_drain_works_in_batches_oldest_first(world, fake_search_backend):
    ids = [r.pk for r in world["resources"]]
    for pk in ids:
        enqueue([pk], "test")
    fake_search_backend.calls.clear()

    report = drain(batch_size=1)

    assert report.processed == 3
    assert fake_search_backend.calls == ["index", "index", "index"]
    assert report.remaining == 0


def test_building_documents_takes_the_same_queries_for_2_or_8_resources(db):
    """No per-resource query: documents are built from rows read in bulk (search/page_rows.py), whatever their number."""
    from django.test.utils import CaptureQueriesContext

    from search.documents import build_documents

    theme = factories.ThemePageFactory(title="Thème", slug="theme")
    report = factories.EventReportPageFactory(title="Rencontre", venue="Bliida", city="Metz")
    pages = [report] + [
        factories.ResourcePageFactory(title=f"Ressource {i}", themes=[theme], territory=factories.territory("reg-44"))
        for i in range(7)
    ]
    for page in pages:
        page.tags.add("atelier")
        page.save_revision().publish()
    counts = []
    for chosen in (pages[:2], pages):
        with CaptureQueriesContext(connection) as queries:
            documents = list(build_documents([page.pk for page in chosen]))
        assert len(documents) == len(chosen)
        assert all(doc.body_text is not None and doc.url and doc.facets[Facet.YEAR] for doc in documents)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


# --- A page whose document cannot be built ------------------------------------------


@pytest.fixture
def one_faulty_page(world, monkeypatch):
    """Three resources changed; building the second one's document raises (a bug, not an outage)."""
    faulty = world["resources"][1]

    def build(ids):
        if faulty.pk in ids:
            raise ValueError(f"cannot build page {faulty.pk}")
        return build_documents(ids)

    monkeypatch.setattr(indexing, "build_documents", build)
    for resource in world["resources"]:
        resource.title = f"{resource.title} (revu)"
        resource.save_revision().publish()
    return faulty


def test_a_faulty_page_does_not_hold_back_the_rest_of_its_batch(one_faulty_page, world, fake_search_backend):
    report = drain()
    assert not report.ok and not report.unavailable
    assert "cannot build page" in report.error
    others = [r for r in world["resources"] if r.pk != one_faulty_page.pk]
    for resource in others:
        assert fake_search_backend.documents[resource.pk].title.endswith("(revu)")
    left = list(IndexOutboxEntry.objects.values_list("page_id", "attempts"))
    assert {page for page, _ in left} == {one_faulty_page.pk}
    assert all(attempts == 1 for _, attempts in left)
    assert IndexOutboxEntry.objects.filter(last_error__contains="cannot build page").exists()


def test_a_page_that_keeps_failing_is_set_aside_and_stops_the_retries(one_faulty_page, settings):
    settings.SEARCH_INDEX_MAX_ATTEMPTS = 3
    reports = [drain() for _ in range(4)]
    assert [r.ok for r in reports] == [False, False, False, True]
    assert reports[-1].set_aside == IndexOutboxEntry.objects.count() >= 1
    assert reports[-1].processed == 0


def test_sync_retry_set_aside_tries_them_again_once_fixed(one_faulty_page, settings, monkeypatch, fake_search_backend):
    settings.SEARCH_INDEX_MAX_ATTEMPTS = 1
    drain()
    status = StringIO()
    call_command("search_index", "status", stdout=status)
    assert f"page {one_faulty_page.pk}: ValueError: cannot build page" in status.getvalue()

    monkeypatch.setattr(indexing, "build_documents", build_documents)  # the bug is fixed
    out = StringIO()
    call_command("search_index", "sync", "--retry-set-aside", stdout=out)
    assert "tried again" in out.getvalue()
    assert not IndexOutboxEntry.objects.exists()
    assert fake_search_backend.documents[one_faulty_page.pk].title.endswith("(revu)")
