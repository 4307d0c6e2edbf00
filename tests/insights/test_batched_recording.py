"""Searches recorded in batches (INSIGHTS_SEARCH_BATCH_SIZE > 1, as in production): every one
reaches the database — when the batch is full, after FLUSH_SECONDS, or when the process stops."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insights import recording
from insights.models import RecordedSearch
from tests.insights.conftest import VISITOR

API = "/api/v3/search/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def empty_buffer():
    recording.searches.flush()
    yield
    recording.searches.flush()


@pytest.fixture
def batches(settings):
    settings.INSIGHTS_SEARCH_BATCH_SIZE = 3
    settings.INSIGHTS_SEARCH_FLUSH_SECONDS = 3600


@pytest.mark.django_db
def test_searches_wait_until_the_batch_is_full_then_are_written_in_one_insert(client, hub, batches):
    for text in ("lieux", "podcast"):
        assert client.get(API, {"q": text}, **VISITOR).status_code == 200
    assert not RecordedSearch.objects.exists() and len(recording.searches) == 2
    with CaptureQueriesContext(connection) as captured:
        client.get(API, {"q": "communs", "theme": "inclusion-emancipation"}, **VISITOR)
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and RecordedSearch._meta.db_table in inserts[0]
    assert sorted(RecordedSearch.objects.values_list("query", flat=True)) == ["communs", "lieux", "podcast"]
    assert RecordedSearch.objects.get(query="communs").filters == {"theme": ["inclusion-emancipation"]}
    assert len(recording.searches) == 0


@pytest.mark.django_db
def test_flushing_writes_what_waits_and_what_is_not_counted_never_waits(client, hub, batches):
    client.get(API, {"q": "lieux"}, **VISITOR)
    client.get(API, {"q": "lieux"}, HTTP_USER_AGENT="Googlebot")
    client.get(API, {"q": "lieux", "page": 2, "page_size": 1}, **VISITOR)
    assert len(recording.searches) == 1
    assert recording.searches.flush() == 1
    assert list(RecordedSearch.objects.values_list("query", "channel")) == [("lieux", "api")]
    assert recording.searches.flush() == 0


@pytest.mark.django_db(transaction=True)
def test_a_search_waits_at_most_flush_seconds(client, migrated, hub, settings, monkeypatch):
    settings.INSIGHTS_SEARCH_BATCH_SIZE = 100
    settings.INSIGHTS_SEARCH_FLUSH_SECONDS = 0
    timers: list[threading.Timer] = []

    class Kept(threading.Timer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            timers.append(self)

    monkeypatch.setattr(threading, "Timer", Kept)
    client.get(API, {"q": "lieux"}, **VISITOR)
    client.get(API, {"q": "communs"}, **VISITOR)
    for timer in timers:
        timer.join(timeout=30)
    assert timers and all(timer.daemon and timer.interval == 0 for timer in timers)
    assert sorted(RecordedSearch.objects.values_list("query", flat=True)) == ["communs", "lieux"]


# What a process exiting normally does with its waiting searches, run in a process of its
# own: a plain exit (manage.py, the task worker), and a gunicorn worker's worker_exit hook,
# which ends with os._exit. The writes are replaced by a print, so no database is needed.
EXITING = """
import os, sys
import django
django.setup()
from insights import recording
from insights.models import RecordedSearch
from search.query import SearchQuery
from django.test import RequestFactory

recording.schedule_retention = lambda: None
RecordedSearch.objects.bulk_create = lambda rows: print("WRITTEN", sorted(row.query for row in rows), flush=True)
for text in ("lieux", "communs"):
    request = RequestFactory().get("/api/v3/search/", HTTP_USER_AGENT="Firefox")
    recording.record_search(None, request=request, query=SearchQuery(text=text), total=1, channel="api")
print("WAITING", len(recording.searches), flush=True)
if sys.argv[1] == "gunicorn":
    import runpy
    runpy.run_path("gunicorn.conf.py")["worker_exit"](None, None)
"""


@pytest.mark.parametrize("how", ["exit", "gunicorn"])
def test_a_normal_stop_writes_the_searches_still_waiting(how):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bases.settings.test",
        "INSIGHTS_SEARCH_BATCH_SIZE": "50",
        "INSIGHTS_SEARCH_FLUSH_SECONDS": "3600",
    }
    done = subprocess.run(
        [sys.executable, "-c", EXITING, how], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["WAITING 2", "WRITTEN ['communs', 'lieux']"], done.stderr[-2000:]
