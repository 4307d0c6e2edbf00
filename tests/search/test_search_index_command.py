"""``manage.py search_index rebuild | sync | status``: outputs and exit codes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.documents import indexable_resources
from search.models import IndexOutboxEntry
from search.outbox import enqueue
from core.progress import TextProgressBar
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def indexable_ids() -> set[int]:
    return set(indexable_resources().values_list("pk", flat=True))


@pytest.fixture
def resources(fake_search_backend, base_page, theme):
    """Five public resources and one draft; nothing indexed yet."""
    live = [factories.ResourcePageFactory(parent=base_page, themes=[theme]) for _ in range(5)]
    factories.ResourcePageFactory(parent=base_page, live=False)
    return live


# --- rebuild ---------------------------------------------------------------------


def test_rebuild_indexes_every_public_resource_and_reports_rate(resources, fake_search_backend):
    fake_search_backend.documents = {999_999: None}  # a stale document of the old index

    output = run("rebuild", "--chunk-size", "2")

    assert fake_search_backend.indexed_ids() == {r.pk for r in resources}
    assert "Rebuilding the fake index: 5 indexable resources." in output
    assert "[##############################] 100% 5/5" in output
    assert "Indexed 5 resources into fake-1 in " in output
    assert "resources/s" in output
    assert "Catch-up:" in output and "0 remaining" in output
    assert not IndexOutboxEntry.objects.exists()


def test_rebuild_catches_up_with_changes_made_while_it_ran(resources, fake_search_backend, base_page):
    IndexOutboxEntry.objects.all().delete()
    hidden, added = resources[0], []

    def meanwhile() -> None:
        hidden.unpublish()
        added.append(factories.ResourcePageFactory(parent=base_page))

    fake_search_backend.during_rebuild = meanwhile
    output = run("rebuild", "--chunk-size", "1")

    assert fake_search_backend.indexed_ids() == indexable_ids()
    assert hidden.pk not in fake_search_backend.indexed_ids()
    assert added[0].pk in fake_search_backend.indexed_ids()
    # The unpublished page's document was already in the new index: the catch-up removed it.
    assert "pending update(s) applied (1 indexed, 1 removed); 0 remaining." in output


def test_rebuild_fails_clearly_when_the_engine_is_down(resources, fake_search_backend):
    fake_search_backend.down = True

    with pytest.raises(CommandError, match="unavailable: fake engine is down. The current index was kept."):
        run("rebuild")


# --- sync --------------------------------------------------------------------------


def test_sync_drains_the_outbox(resources, fake_search_backend):
    pending = IndexOutboxEntry.objects.count()  # several per page: creation, then publication

    output = run("sync", "--batch-size", "1000")

    assert f"Processed {pending} pending update(s) (5 indexed, 1 removed); 0 remaining." in output
    assert fake_search_backend.indexed_ids() == indexable_ids()


def test_sync_exits_non_zero_and_keeps_the_backlog_when_the_engine_is_down(resources, fake_search_backend):
    pending = IndexOutboxEntry.objects.count()
    fake_search_backend.down = True

    with pytest.raises(CommandError, match=rf"Search engine unavailable.*{pending} update\(s\) kept for the next sync"):
        run("sync")

    assert IndexOutboxEntry.objects.count() == pending
    fake_search_backend.down = False
    assert "0 remaining" in run("sync")


def test_sync_exits_non_zero_when_the_engine_fails_mid_sync(resources, fake_search_backend, monkeypatch):
    monkeypatch.setattr(fake_search_backend, "ping", lambda: True)  # answers the ping, then drops
    fake_search_backend.down = True
    out = io.StringIO()

    with pytest.raises(CommandError, match="Search engine unavailable: SearchUnavailable: fake engine is down"):
        call_command("search_index", "sync", stdout=out)

    assert "Processed 0 pending update(s)" in out.getvalue()
    kept = IndexOutboxEntry.objects.all()
    assert kept.exists() and all("fake engine is down" in entry.last_error for entry in kept)
    # An outage is not the pages' fault: it never brings them closer to being set aside.
    assert not kept.filter(attempts__gt=0).exists()


def test_sync_exits_non_zero_when_the_engine_is_down_even_without_backlog(fake_search_backend):
    fake_search_backend.down = True

    with pytest.raises(CommandError, match=r"Search engine unavailable \(fake does not answer\). 0 update\(s\) kept"):
        run("sync")


def test_sync_refuses_a_batch_size_below_one(fake_search_backend):
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        run("sync", "--batch-size", "0")


# --- status ------------------------------------------------------------------------------


def test_status_reports_agreement(resources, fake_search_backend):
    run("sync")

    output = run("status", "--check")

    assert "Backend: fake" in output
    assert "Indexable resources in the database: 5" in output
    assert "Documents in the index: 5" in output
    assert "Missing from the index: 0" in output
    assert "Extra in the index: 0" in output
    assert "Pending updates (outbox): 0" in output
    assert "The index agrees with the database." in output


def test_status_check_fails_on_missing_extra_or_backlog(resources, fake_search_backend):
    run("sync")
    fake_search_backend.documents.pop(resources[0].pk)
    fake_search_backend.documents[424242] = None
    enqueue([resources[1].pk], "test")
    out = io.StringIO()

    with pytest.raises(CommandError, match="disagree and 1 update"):
        call_command("search_index", "status", "--check", stdout=out)

    output = out.getvalue()
    assert f"Missing from the index: 1 (ids {resources[0].pk})" in output
    assert "Extra in the index: 1 (ids 424242)" in output
    assert "Pending updates (outbox): 1, oldest " in output


def test_status_without_check_only_reports(resources, fake_search_backend):
    output = run("status")  # nothing indexed yet: no error without --check

    assert "Missing from the index: 5" in output
    assert f"Pending updates (outbox): {IndexOutboxEntry.objects.count()}, oldest " in output


def test_status_fails_when_the_engine_is_down(resources, fake_search_backend):
    fake_search_backend.down = True

    with pytest.raises(CommandError, match="Search engine unavailable"):
        run("status")


# --- bad input and helpers -------------------------------------------------------------------


def test_an_unknown_subcommand_is_an_argparse_error(fake_search_backend):
    with pytest.raises(CommandError, match="invalid choice: 'bogus'"):
        run("bogus")
    with pytest.raises(CommandError):
        run()


def test_an_unknown_subcommand_exits_non_zero_from_the_command_line():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bases.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "search_index", "bogus"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "invalid choice: 'bogus'" in result.stderr


def test_the_progress_bar_writes_lines_off_a_terminal():
    stream = io.StringIO()
    bar = TextProgressBar(stream, width=10, interactive=False)
    for done in range(0, 101):
        bar(done, 100)
    bar.finish()

    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[-1] == "[##########] 100% 100/100"


def test_the_progress_bar_redraws_in_place_on_a_terminal():
    stream = io.StringIO()
    bar = TextProgressBar(stream, width=4, interactive=True)
    bar(1, 2)
    bar(2, 2)
    bar.finish()

    assert stream.getvalue() == "\r[##..]  50% 1/2\r[####] 100% 2/2\n"
