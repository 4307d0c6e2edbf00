"""The production stack for the smoke test: a fresh PostgreSQL database, the production
settings, noida-db as Elasticsearch, gunicorn with gunicorn.conf.py and a real
``manage.py db_worker``, each in its own process group, all stopped at teardown.

Only what a deployer would run is run: ``migrate``, ``collectstatic``, ``gunicorn -c
gunicorn.conf.py``, ``manage.py db_worker``. The seed (a home page, a base, a theme, an
editor with an API token, a few hundred resources) goes through ``manage.py shell``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from search import noida

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
COMMAND_TIMEOUT = 600  # seconds for migrate, collectstatic, the seed (a loaded 2-core machine)
START_TIMEOUT = 60
STOP_TIMEOUT = 15
SEEDED_RESOURCES = 200
THEME_SLUG = "donnees-territoires"

SEED = f"""
import json
from wagtail.models import APIToken, Site
from django.contrib.auth import get_user_model
from tests import factories

home = factories.home_page()
Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1")
base = factories.default_base()
theme = factories.default_theme()
for number in range({SEEDED_RESOURCES}):
    factories.ResourcePageFactory(parent=base, themes=[theme], title=f"Fiche de départ {{number}}",
                                  slug=f"fiche-de-depart-{{number}}")
editor = get_user_model().objects.create_superuser("redaction", "redaction@example.org", "{secrets.token_urlsafe(16)}")
_token, plaintext = APIToken.create_token(user=editor, name="smoke")
print("SEED=" + json.dumps({{"base": base.pk, "theme": theme.pk, "token": plaintext}}))
"""


def postgres_url() -> str:
    return os.environ.get("DATABASE_URL", "").strip()


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Stack:
    """The running processes, their environment and an HTTP client for the app."""

    env: dict
    workdir: Path
    engine_port: int
    app_port: int = 0
    seed: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict)

    # --- processes -------------------------------------------------------------------

    def log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def tail(self, name: str, size: int = 3000) -> str:
        path = self.log(name)
        return path.read_text(errors="replace")[-size:] if path.exists() else ""

    def manage(self, *args: str, timeout: float = COMMAND_TIMEOUT, extra_env: dict | None = None) -> str:
        """Run ``manage.py`` with the production settings; its output, or a failure with it."""
        result = subprocess.run(  # noqa: S603 - the project's own manage.py
            [PYTHON, "manage.py", *args], cwd=ROOT, env={**self.env, **(extra_env or {})},
            capture_output=True, text=True, timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result.stdout

    def spawn(self, name: str, command: list[str], extra_env: dict | None = None) -> subprocess.Popen:
        """Start a process in its own group (killing the group stops all its children)."""
        with open(self.log(name), "ab") as log:
            process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env={**self.env, **(extra_env or {})},
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.processes[name] = process
        return process

    def start_engine(self) -> None:
        self.processes["engine"] = noida.start_noida(
            self.engine_port, self.workdir / "noida-data", self.log("engine"), timeout=START_TIMEOUT
        )

    def stop_engine(self) -> None:
        noida.stop_group(self.processes.pop("engine"))

    def start_worker(self) -> None:
        self.spawn("worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "-v", "1"])

    def kill_worker(self) -> None:
        """SIGKILL: no cleanup, no rollback handler, like a lost node or the OOM killer."""
        process = self.processes.pop("worker")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)

    def start_app(self) -> None:
        self.app_port = noida.free_loopback_port()
        self.spawn(
            "gunicorn", [GUNICORN, "-c", "gunicorn.conf.py"],
            {"HOST": "127.0.0.1", "PORT": str(self.app_port), "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "2"},
        )
        wait_until(lambda: self.get("/healthz").status == 200, START_TIMEOUT, "gunicorn to answer /healthz",
                   lambda: self.tail("gunicorn"))

    def terminate_app(self) -> float:
        """SIGTERM to gunicorn's master alone, as a container stop sends; seconds until the group is gone."""
        process = self.processes.pop("gunicorn")
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)  # gunicorn's graceful_timeout is 30 s: measure past it
        # The workers are the master's children, in its process group: wait for them too.
        wait_until(lambda: not _group_alive(process.pid), STOP_TIMEOUT, "gunicorn's workers to exit")
        return time.monotonic() - started

    def stop_all(self) -> None:
        for name in list(self.processes):
            stop(self.processes.pop(name))

    # --- HTTP ------------------------------------------------------------------------

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> Response:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.app_port}{path}", data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - loopback app
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return Response(0, {}, b"")

    def get(self, path: str, headers: dict | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def write(self, method: str, path: str, body: dict) -> Response:
        return self.request(method, path, body, {"Authorization": f"Bearer {self.seed['token']}"})

    def backlog(self) -> int:
        return self.get("/readyz").json()["checks"]["outbox"]["pending"]


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def stop(process: subprocess.Popen) -> None:
    """Stop a process group: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)
    except ProcessLookupError:
        pass


def wait_until(condition, timeout: float, what: str, details=lambda: "", interval: float = 0.25):
    """Poll ``condition`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout:.0f}s waiting for {what}.\n{details()}")
        time.sleep(interval)


@pytest.fixture(scope="module")
def production_stack(tmp_path_factory):
    url = postgres_url()
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the production smoke test needs PostgreSQL: set DATABASE_URL=postgres://… (CI's PostgreSQL run does)")
    import psycopg

    name = f"smoke_{secrets.token_hex(6)}"
    maintenance = with_database(url, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    workdir = tmp_path_factory.mktemp("production")
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "ELASTICSEARCH_", "SEARCH_", "GUNICORN_", "WEB_CONCURRENCY",
                               "CACHE_URL", "RESPONSE_CACHE_"))
    }
    engine_port = noida.free_loopback_port()
    env.update({
        "DJANGO_SETTINGS_MODULE": "bases.settings.production",
        "DATABASE_URL": with_database(url, name),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "ELASTICSEARCH_URL": f"http://127.0.0.1:{engine_port}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "VAR_DIR": str(workdir / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        # Short back-off, small batches: an outage heals within seconds, a drain spans many transactions.
        "SEARCH_SYNC_RETRY_BASE_SECONDS": "0.5",
        "SEARCH_SYNC_RETRY_MAX_SECONDS": "2",
        "SEARCH_INDEX_BATCH_SIZE": "10",
        "LOG_LEVEL": "INFO",
    })
    stack = Stack(env=env, workdir=workdir, engine_port=engine_port)
    try:
        stack.start_engine()
        stack.manage("migrate", "--no-input", "-v", "0")
        stack.manage("collectstatic", "--no-input", "-v", "0")
        # The seed's tasks are dropped (a task per page and per index update, thousands
        # for the worker to chew through): its outbox rows stay, and the worker queues
        # one sync of that backlog when it starts.
        output = stack.manage("shell", "-c", SEED, extra_env={"TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"})
        stack.seed = json.loads(next(line for line in output.splitlines() if line.startswith("SEED="))[5:])
        stack.start_worker()
        stack.start_app()
        wait_until(lambda: stack.backlog() == 0, 300, "the worker to index the seeded resources",
                   lambda: stack.tail("worker"))
        assert "sync queued" in stack.tail("worker", 100_000)
        yield stack
    finally:
        stack.stop_all()
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
