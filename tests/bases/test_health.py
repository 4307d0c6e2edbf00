"""/healthz and /readyz: small JSON, never cached, never leaking an address or a secret."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from search import backends
from search.models import IndexOutboxEntry

SECRET_URL = "http://elastic:s3cr3t-pw@search.internal:9200"


def assert_uncached_json(response) -> dict:
    assert response["Content-Type"] == "application/json"
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "public" not in cache_control
    return response.json()


def test_healthz_answers_without_touching_the_database(client):
    # No database access is allowed in this test: a query would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert assert_uncached_json(response) == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_the_database_and_the_outbox_backlog(client, resource):
    IndexOutboxEntry.objects.all().delete()
    entry = IndexOutboxEntry.objects.create(page_id=resource.pk, reason="test")
    IndexOutboxEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    IndexOutboxEntry.objects.create(page_id=resource.pk, reason="test")

    body = assert_uncached_json(response := client.get("/readyz"))
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["search"] == {"ok": True, "engine": "database"}
    outbox = body["checks"]["outbox"]
    assert outbox["pending"] == 2 and 175 <= outbox["oldest_age_seconds"] <= 600

    IndexOutboxEntry.objects.all().delete()
    outbox = client.get("/readyz").json()["checks"]["outbox"]
    assert outbox == {"ok": True, "pending": 0, "oldest_age_seconds": None, "set_aside": 0}


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails_and_hides_the_error_text(client, monkeypatch):
    from bases import health

    class BrokenConnection:
        def cursor(self):
            raise OperationalError('connection to "db.internal" failed: password=hunter2 rejected')

    monkeypatch.setattr(health, "connections", {"default": BrokenConnection()})
    response = client.get("/readyz")
    assert response.status_code == 503
    body = assert_uncached_json(response)
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert "hunter2" not in response.content.decode() and "db.internal" not in response.content.decode()


class SilentEngine:
    name = "elasticsearch"

    def __init__(self, answers: bool):
        self.answers = answers

    def ping(self) -> bool:
        return self.answers


@pytest.mark.django_db
@override_settings(ELASTICSEARCH_URL=SECRET_URL)
def test_readyz_checks_the_engine_when_one_is_configured(client, monkeypatch):
    monkeypatch.setattr(backends, "get_backend", lambda: SilentEngine(True))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == {"ok": True, "engine": "elasticsearch"}

    monkeypatch.setattr(backends, "get_backend", lambda: SilentEngine(False))
    response = client.get("/readyz")
    assert response.status_code == 503
    body = assert_uncached_json(response)
    assert body["checks"]["search"] == {"ok": False, "engine": "elasticsearch", "error": "no answer"}
    assert body["checks"]["database"]["ok"] is True
    for secret in ("s3cr3t-pw", "search.internal", "9200", "elastic:"):
        assert secret not in response.content.decode()


@pytest.mark.django_db
@override_settings(ELASTICSEARCH_URL=SECRET_URL)
def test_readyz_survives_a_backend_that_cannot_even_be_built(client, monkeypatch):
    def broken():
        raise ValueError(f"bad URL {SECRET_URL}")

    monkeypatch.setattr(backends, "get_backend", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["search"]["error"] == "ValueError"
    assert "s3cr3t" not in response.content.decode()


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["bases.example.org"], SECURE_SSL_REDIRECT=True)
def test_probes_answer_any_host_over_plain_http_but_pages_do_not(client):
    # An orchestrator probes the container by its IP over plain HTTP.
    assert client.get("/healthz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400  # host validation still holds elsewhere
    assert client.get("/", HTTP_HOST="bases.example.org").status_code == 301  # and the HTTPS redirect


@pytest.mark.django_db
def test_only_reads_of_the_exact_paths_are_probes(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code != 200
    assert client.get("/healthz/").status_code == 200  # a trailing slash is the same probe
    other = client.get("/healthzz")
    assert other.status_code in (301, 404) and other.get("Content-Type") != "application/json"
