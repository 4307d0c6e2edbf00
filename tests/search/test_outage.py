"""A real outage: the Elasticsearch stand-in is stopped, pages are published,
then it comes back and the backlog drains until the index agrees again."""

from __future__ import annotations

import os
import time

import pytest

from search import backends, indexing, outbox, tasks
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import indexable_resources
from tests import factories
from search.noida import free_loopback_port, stop_group
from tests.search.conftest import start_noida

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("ELASTICSEARCH_URL")), reason="stops its own noida-db server; a shared cluster is left alone"
)


def test_publishing_while_elasticsearch_is_stopped_then_the_backlog_drains(
    db, tmp_path, monkeypatch, simulate_commit
):
    port = free_loopback_port()
    data_dir, log = tmp_path / "data", tmp_path / "noida.log"
    server = start_noida(port, data_dir, log)
    engine = ElasticsearchBackend(url=f"http://127.0.0.1:{port}", alias="outage-test")
    monkeypatch.setattr(backends, "get_backend", lambda: engine)
    tasks.resume()
    try:
        factories.ResourcePageFactory(title="Avant la panne")
        simulate_commit()
        assert engine.count() == 1

        stop_group(server)
        started = time.monotonic()
        during = [factories.ResourcePageFactory(title=f"Pendant la panne {i}") for i in range(3)]
        simulate_commit()  # the sync task runs, finds the engine down, keeps the entries
        elapsed = time.monotonic() - started
        assert all(page.live for page in during)
        assert outbox.backlog()[0] >= 3
        # Publishing never waits long on a dead engine (short timeouts, then a pause).
        assert elapsed < 15, f"publishing during the outage took {elapsed:.1f}s"

        server = start_noida(port, data_dir, log)
        tasks.resume()
        report = indexing.drain(backend=engine)
        assert report is not None
        assert outbox.backlog()[0] == 0
        assert engine.indexed_ids() == set(indexable_resources().values_list("pk", flat=True))
        assert engine.count() == 4
    finally:
        stop_group(server)
        tasks.resume()
