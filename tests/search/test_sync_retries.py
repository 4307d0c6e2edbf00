"""The sync task retries by itself after an engine failure, with a bounded back-off,
on a task backend that can defer (DummyBackend here, django-tasks-db in production);
on the ImmediateBackend it pauses instead. Nothing is lost either way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from search import tasks
from search.documents import indexable_resources
from search.models import IndexOutboxEntry
from tests import factories

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queued(fake_search_backend):
    """The DummyBackend as the task backend: tasks are recorded, not run."""
    with override_settings(TASKS=DUMMY, SEARCH_SYNC_RETRY_BASE_SECONDS=5, SEARCH_SYNC_RETRY_MAX_SECONDS=60):
        default_task_backend.clear()
        yield default_task_backend
        default_task_backend.clear()
    tasks.resume()


def sync_results(backend) -> list:
    return [result for result in backend.results if result.task.name == "sync_search_index"]


def run(result) -> dict:
    """Run a recorded task the way the worker would."""
    return result.task.call(*result.args, **result.kwargs)


def test_the_back_off_doubles_and_is_bounded():
    with override_settings(SEARCH_SYNC_RETRY_BASE_SECONDS=5, SEARCH_SYNC_RETRY_MAX_SECONDS=60):
        assert [tasks.retry_delay(attempt) for attempt in range(1, 8)] == [5, 10, 20, 40, 60, 60, 60]
        assert tasks.retry_delay(10_000) == 60


def test_an_outage_reschedules_the_sync_until_the_outbox_drains(queued, fake_search_backend, base_page, theme):
    fake_search_backend.down = True
    pages = [factories.ResourcePageFactory(parent=base_page, themes=[theme]) for _ in range(3)]
    assert IndexOutboxEntry.objects.count() >= 3
    [first] = sync_results(queued) or [None]
    assert first is None  # the test transaction never commits: no after-commit sync yet

    before = timezone.now()
    report = tasks.sync_search_index.call()
    assert report["error"] and report["remaining"] >= 3 and report["retry"] == 0
    [retry] = sync_results(queued)
    assert retry.kwargs == {"retry": 1}
    assert before + timedelta(seconds=5) <= retry.task.run_after <= timezone.now() + timedelta(seconds=5)

    # Each failed retry schedules the next one, later and later, never past the maximum.
    delays = []
    for attempt in range(1, 7):
        started = timezone.now()
        report = run(sync_results(queued)[-1])
        assert report["retry"] == attempt and report["remaining"] >= 3
        following = sync_results(queued)[-1]
        assert following.kwargs == {"retry": attempt + 1}
        delays.append(round((following.task.run_after - started).total_seconds()))
    assert delays == [10, 20, 40, 60, 60, 60]

    # The engine is back: the next retry drains everything and schedules nothing more.
    fake_search_backend.down = False
    count = len(sync_results(queued))
    report = run(sync_results(queued)[-1])
    assert report["error"] is None and report["remaining"] == 0 and report["next_retry_at"] is None
    assert len(sync_results(queued)) == count
    assert set(fake_search_backend.documents) == set(indexable_resources().values_list("pk", flat=True))
    assert {page.pk for page in pages} <= set(fake_search_backend.documents)
    assert not tasks.retry_pending()


def test_publishes_during_a_pending_retry_leave_their_rows_to_it(queued, fake_search_backend, base_page, theme):
    fake_search_backend.down = True
    factories.ResourcePageFactory(parent=base_page, themes=[theme])
    tasks.sync_search_index.call()
    assert tasks.retry_pending()
    calls = len(fake_search_backend.calls)

    factories.ResourcePageFactory(parent=base_page, themes=[theme])
    report = tasks.sync_search_index.call()  # the sync a publish queues
    assert report == {"postponed": True, "retry": 0}
    assert len(fake_search_backend.calls) == calls  # the dead engine was not asked again
    assert len(sync_results(queued)) == 1  # and no second retry chain was started
    assert IndexOutboxEntry.objects.count() >= 2


def test_the_immediate_backend_pauses_instead_of_deferring(fake_search_backend, base_page, theme, simulate_commit):
    fake_search_backend.down = True
    factories.ResourcePageFactory(parent=base_page, themes=[theme])
    simulate_commit()  # ImmediateBackend: the sync ran in-process and failed
    assert IndexOutboxEntry.objects.exists()
    assert not tasks.retry_pending()
    calls = len(fake_search_backend.calls)
    factories.ResourcePageFactory(parent=base_page, themes=[theme])
    simulate_commit()
    assert len(fake_search_backend.calls) == calls  # paused: the publish did not wait on the engine
    tasks.resume()
    fake_search_backend.down = False
    assert tasks.sync_search_index.call()["remaining"] == 0


def test_a_worker_starting_with_a_backlog_queues_a_sync(queued, fake_search_backend, base_page, theme, monkeypatch):
    from django.core.management import get_commands
    from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

    from bases.management.commands.db_worker import Command

    assert get_commands()["db_worker"] == "bases"  # the shell's command wins over django-tasks-db's
    ran = []
    # The worker loop itself is django-tasks-db's (it runs for real in tests/production).
    monkeypatch.setattr(DatabaseWorkerCommand, "handle", lambda self, *args, **options: ran.append(options))
    Command().handle(batch=True)
    assert ran and sync_results(queued) == []  # no backlog: nothing queued

    factories.ResourcePageFactory(parent=base_page, themes=[theme])
    Command().handle(batch=True)
    [sync] = sync_results(queued)
    assert sync.kwargs == {} and sync.task.run_after is None
