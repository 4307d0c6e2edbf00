"""The hub run the way it is deployed, checked through HTTP only: gunicorn with
gunicorn.conf.py and the production settings on a fresh PostgreSQL database, the
queued task backend with a real ``db_worker``, noida-db as Elasticsearch.

It runs on CI's PostgreSQL pass (skipped, saying why, when DATABASE_URL is not
PostgreSQL). Every wait is bounded; the fixture stops every process even on failure.
"""

from __future__ import annotations

import gzip
import re
import time
import urllib.parse
import uuid

from tests.production.conftest import SEEDED_RESOURCES, THEME_SLUG, wait_until

INDEX_TIMEOUT = 120  # seconds for the worker to bring the index in line
HASHED_CSS = re.compile(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"')


def new_resource(stack, title: str) -> dict:
    return {
        "meta": {"type": "resources.ResourcePage", "parent_id": stack.seed["base"], "action": "publish"},
        "title": title,
        "summary": "Une ressource publiée par le test de mise en production.",
        "resource_type": "guide",
        "date": "2024-10-01",
        "date_precision": "day",
        "attribution": "Collectif NEC",
        "themes": [stack.seed["theme"]],
    }


def search(stack, **params) -> dict:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    response = stack.get(f"/api/v3/search/?{query}")
    assert response.status == 200, response.body[:500]
    return response.json()


def found(stack, word: str) -> int:
    response = stack.get(f"/api/v3/search/?q={word}")
    return response.json()["total"] if response.status == 200 else 0


def all_resource_ids(stack) -> list[int]:
    """Every resource id the pages API lists (the public truth), 50 a page."""
    ids, offset = [], 0
    while True:
        page = stack.get(f"/api/v3/pages/?type=resources.ResourcePage&limit=50&offset={offset}").json()
        ids += [item["id"] for item in page["items"]]
        offset += 50
        if offset >= page["count"]:
            return ids


def all_indexed_ids(stack) -> list[int]:
    """Every hit of the search API (no text), 100 a page, duplicates kept."""
    ids, page = [], 1
    while True:
        result = search(stack, page_size=100, page=page, sort="title")
        ids += [hit["id"] for hit in result["results"]]
        if page * 100 >= result["total"]:
            return ids
        page += 1


def test_static_css_is_served_hashed_and_compressed(production_stack):
    home = production_stack.get("/")
    assert home.status == 200, home.body[:500]
    stylesheets = HASHED_CSS.findall(home.body.decode())
    assert any("dsfr" in href for href in stylesheets), f"no hashed DSFR stylesheet in {stylesheets}"
    href = next(href for href in stylesheets if "dsfr" in href)

    plain = production_stack.get(href)
    assert plain.status == 200 and plain.headers["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in plain.headers.get("Cache-Control", "")  # hashed: cached for good
    zipped = production_stack.get(href, {"Accept-Encoding": "gzip"})
    assert zipped.status == 200 and zipped.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(zipped.body) == plain.body and len(zipped.body) < len(plain.body)


def test_media_on_disk_are_served_by_the_app(production_stack):
    media = production_stack.workdir / "media" / "documents"
    media.mkdir(parents=True, exist_ok=True)
    (media / "sonde.txt").write_text("fichier déposé")
    response = production_stack.get("/media/documents/sonde.txt")
    assert response.status == 200 and response.body.decode() == "fichier déposé"
    assert production_stack.get("/media/../settings.py").status in (400, 404)


def test_readyz_is_ready_and_healthz_alive(production_stack):
    ready = production_stack.get("/readyz")
    assert ready.status == 200, ready.body
    body = ready.json()
    assert body["checks"]["database"]["ok"] and body["checks"]["search"] == {"ok": True, "engine": "elasticsearch"}
    assert "no-store" in ready.headers["Cache-Control"]
    assert str(production_stack.engine_port) not in ready.body.decode()
    assert production_stack.get("/healthz").json() == {"status": "ok"}


def test_a_resource_published_through_the_api_is_found_once_the_worker_ran(production_stack):
    word = f"Publiee{uuid.uuid4().hex[:8]}"
    response = production_stack.write("POST", "/api/v3/pages/", new_resource(production_stack, f"Guide {word}"))
    assert response.status == 201, response.body[:1000]
    wait_until(lambda: found(production_stack, word) == 1, INDEX_TIMEOUT, f"« {word} » in the search API",
               lambda: production_stack.tail("worker"))


def test_a_stored_page_shows_a_publish_at_once_on_every_worker(production_stack):
    stack = production_stack
    word = f"Cachee{uuid.uuid4().hex[:8]}"
    created = stack.write("POST", "/api/v3/pages/", new_resource(stack, f"Guide {word}"))
    assert created.status == 201, created.body[:1000]
    page_id = created.json()["id"]
    path = urllib.parse.urlsplit(stack.get(f"/api/v3/pages/{page_id}/").json()["meta"]["html_url"]).path
    # Enough requests that both gunicorn workers store and serve the page.
    served = [stack.get(path) for _ in range(8)]
    assert all(r.status == 200 and word in r.body.decode() for r in served)
    assert sum(r.headers.get("X-Response-Cache") == "HIT" for r in served) >= 6

    renamed = stack.write("PATCH", f"/api/v3/pages/{page_id}/",
                          {"meta": {"action": "publish"}, "title": f"Guide {word} revu"})
    assert renamed.status == 200, renamed.body[:1000]
    after = [stack.get(path) for _ in range(8)]
    assert all(f"Guide {word} revu" in r.body.decode() for r in after), "a worker served the old page"


def test_an_engine_outage_does_not_hold_publishes_and_the_index_heals_by_itself(production_stack):
    stack = production_stack
    log_start = len(stack.log("worker").read_text(errors="replace"))
    stack.stop_engine()
    try:
        word = f"Panne{uuid.uuid4().hex[:8]}"
        started = time.monotonic()
        response = stack.write("POST", "/api/v3/pages/", new_resource(stack, f"Écrit pendant la panne {word}"))
        elapsed = time.monotonic() - started
        assert response.status == 201, response.body[:1000]
        assert elapsed < 5, f"the publish waited {elapsed:.1f}s on a dead engine"

        ready = stack.get("/readyz")
        assert ready.status == 503
        assert ready.json()["checks"]["search"]["ok"] is False and ready.json()["checks"]["database"]["ok"] is True
        # The worker found the engine down, kept the update, and its first retry failed
        # too and scheduled the next one, later (0.5 s, then 1 s: the back-off of this stack).
        wait_until(lambda: "retry 2 scheduled" in stack.log("worker").read_text(errors="replace")[log_start:],
                   60, "a failed retry to schedule the next one", lambda: stack.tail("worker"))
        assert stack.backlog() >= 1
    finally:
        stack.start_engine()  # same port, same data
    # No command: the scheduled retries find the engine back and drain the outbox.
    wait_until(lambda: found(stack, word) == 1, INDEX_TIMEOUT, f"« {word} » indexed after the engine came back",
               lambda: stack.tail("worker"))
    assert stack.backlog() == 0
    assert stack.get("/readyz").status == 200


def test_a_worker_killed_during_a_drain_loses_and_duplicates_nothing(production_stack):
    stack = production_stack
    for attempt in range(3):
        # Renaming the theme re-queues every resource under it: one transaction, hundreds of rows.
        word = f"Renomme{uuid.uuid4().hex[:8]}"
        response = stack.write("PATCH", f"/api/v3/pages/{stack.seed['theme']}/",
                               {"meta": {"action": "publish"}, "title": f"Données {word}"})
        assert response.status == 200, response.body[:1000]
        pending = stack.backlog()
        assert pending >= SEEDED_RESOURCES, pending
        # Kill the worker once it has applied some batches, not all (10 entries per transaction).
        in_drain = wait_until(lambda: 0 < stack.backlog() < pending and "yes", 60, "the drain to start",
                              lambda: stack.tail("worker"), interval=0.02)
        assert in_drain
        stack.kill_worker()
        left = stack.backlog()
        if left > 0:
            break
        stack.start_worker()  # the drain finished before the kill landed: try again
    assert left > 0, "could not kill the worker in the middle of a drain"

    time.sleep(1)
    assert stack.backlog() == left  # nobody drains while the worker is down
    stack.start_worker()
    wait_until(lambda: stack.backlog() == 0, INDEX_TIMEOUT, "the restarted worker to drain the outbox",
               lambda: stack.tail("worker"))

    expected = all_resource_ids(stack)
    indexed = all_indexed_ids(stack)
    assert len(indexed) == len(set(indexed)), "a resource is indexed twice"
    assert sorted(indexed) == sorted(expected), "the index and the pages API disagree"
    # Every resource of the theme carries its new name: each update was applied.
    assert search(stack, q=word, theme=THEME_SLUG, page_size=1)["total"] == len(expected)


def test_the_app_server_stops_within_a_container_stop_timeout(production_stack):
    """A container stop sends SIGTERM, then SIGKILL after 10 s: gunicorn must be gone before."""
    stack = production_stack
    assert stack.get("/api/v3/licences/").status == 200  # workers have served and hold connections
    assert stack.terminate_app() < 10
    stack.start_app()  # for the tests after this one, whatever their order
    assert stack.get("/healthz").status == 200
