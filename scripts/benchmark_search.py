#!/usr/bin/env python
"""Search benchmark: bulk reindex rate and search latency at 10,000 and 100,000 resources.

    python scripts/benchmark_search.py --sizes 10000 100000
    python scripts/benchmark_search.py --sizes 10000 --database-url postgres://postgres@127.0.0.1:5432/lbbench

Not a test: it prints figures (the README's « Search benchmark » records them).
For each size, in one run, it

1. generates live resources with French text under the real page tree, rows
   written in bulk (pages, resource rows, themes, principles, tags, collection
   items), growing the same corpus from one size to the next;
2. rebuilds each backend's index as ``search_index rebuild`` does → resources/s;
3. runs a fixed mix of 20 queries for several rounds on each backend → p50/p95,
   and counts the database queries per search at page size 10 and 100;
4. does the same with Wagtail's own search on the same pages (the peer):
   ``update_index``, then ``ResourcePage.objects.live().public().search(text)``.

It never touches var/db.sqlite3: it works in a throwaway SQLite file under a
temporary directory, or in a PostgreSQL database it creates (and drops unless
``--keep``). Elasticsearch: ``ELASTICSEARCH_URL`` when set (an alias of its
own, deleted at the end), else noida-db started on a free loopback port.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
import types
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

# Django itself imports before it is set up; the project's models do not (see the end).
import django
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.urls import clear_url_caches, include, path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROUNDS = 5
DEFAULT_PAGE_SIZE = 20
ES_TIMEOUT = 60  # seconds per request here; the backend's default is 5 s (see --help)
PEER_CAP = 20.0  # seconds; Wagtail's SQLite search grows faster than linearly with the matches


# --- Command line and environment (before Django is set up) ---------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000], help="Corpus sizes, ascending.")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="Timed rounds of the query mix.")
    parser.add_argument("--page-size", type=int, default=DEFAULT_PAGE_SIZE, help="Page size of the timed mix.")
    parser.add_argument(
        "--backends",
        default="database,elasticsearch,wagtail",
        help="Comma-separated subset of database, elasticsearch, wagtail (the peer).",
    )
    parser.add_argument("--database-url", help="postgres://… database to create and use (default: temp SQLite).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated database (and say where).")
    parser.add_argument("--es-rounds", type=int, default=2, help="Timed rounds on Elasticsearch (noida-db is slow).")
    parser.add_argument(
        "--es-max-size", type=int, default=10_000, help="Skip Elasticsearch above this corpus size."
    )
    parser.add_argument("--peer-rounds", type=int, default=2, help="Timed rounds of the peer (Wagtail's search).")
    parser.add_argument(
        "--peer-cap", type=float, default=PEER_CAP,
        help="Seconds after which a peer search is stopped and counted at the cap (0: no cap).",
    )
    parser.add_argument(
        "--es-timeout",
        type=float,
        default=ES_TIMEOUT,
        help="Request timeout of the Elasticsearch client here (the backend's own default is 5 s; "
        "searches slower than that are counted).",
    )
    args = parser.parse_args(argv)
    args.sizes = sorted(set(args.sizes))
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(args.backends) - {"database", "elasticsearch", "wagtail"}
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    return args


@dataclass
class Workspace:
    """Where this run keeps its data: a temp dir, the database URL, the Elasticsearch URL."""

    directory: Path
    database_url: str
    elasticsearch_url: str | None  # given by the environment (a real cluster)
    postgres_name: str | None = None


def prepare_environment(args: argparse.Namespace) -> Workspace:
    """Point Django at a throwaway database and var/ before it reads its settings."""
    directory = Path(tempfile.mkdtemp(prefix="lesbases-bench-"))
    database_url = args.database_url or f"sqlite:///{directory / 'bench.sqlite3'}"
    postgres_name = None
    if database_url.startswith(("postgres://", "postgresql://")) and not getattr(args, "reuse", False):
        postgres_name = create_postgres_database(database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bases.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["VAR_DIR"] = str(directory / "var")
    os.environ["MEDIA_ROOT"] = str(directory / "media")
    # The hub's own get_backend() (used by publish signals while the tree is
    # built) stays on the database; Elasticsearch is driven directly below.
    elasticsearch_url = os.environ.pop("ELASTICSEARCH_URL", None) or None
    sys.path.insert(0, str(ROOT))
    return Workspace(directory, database_url, elasticsearch_url, postgres_name)


def create_postgres_database(url: str) -> str:
    """Create the benchmark's PostgreSQL database; refuse to reuse an existing one."""
    import psycopg

    parsed = urllib.parse.urlsplit(url)
    name = parsed.path.lstrip("/")
    if not name:
        sys.exit("--database-url must name a database, e.g. postgres://postgres@127.0.0.1:5432/lbbench")
    maintenance = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            sys.exit(f"Database « {name} » already exists: drop it or name another one (nothing was changed).")
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    maintenance = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


# --- Django ---------------------------------------------------------------------------------


def setup_django(workspace: Workspace) -> None:
    """Set Django up on the prepared environment and migrate the throwaway database."""
    django.setup()
    # As in production: no per-query logging (dev settings turn DEBUG on).
    settings.DEBUG = False
    use_page_urls_only_if_broken()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Database: {engine} ({workspace.database_url.split('@')[-1]}); migrating…", flush=True)
    call_command("migrate", verbosity=0)


def use_page_urls_only_if_broken() -> None:
    """Page URLs need the URLconf; if the project's does not import, serve Wagtail pages only.

    Nothing measured here goes through a URL: the check only needs ``page.url``.
    """
    try:
        importlib.import_module(settings.ROOT_URLCONF)
    except Exception as exc:  # someone's work in progress must not stop the benchmark
        from wagtail import urls as wagtail_urls  # not a project module; its views need the apps ready

        print(f"Warning: {settings.ROOT_URLCONF} does not import ({exc!r}); using Wagtail's page URLs only.")
        module = types.ModuleType("benchmark_search_urls")
        module.urlpatterns = [path("", include(wagtail_urls))]
        sys.modules[module.__name__] = module
        settings.ROOT_URLCONF = module.__name__
        clear_url_caches()


def cleanup(workspace: Workspace, keep: bool) -> None:
    """Remove the throwaway data (close Django's connections first)."""
    try:
        connections.close_all()
    except Exception:  # Django may not be set up if the run failed early
        pass
    if keep:
        print(f"Kept: {workspace.database_url} and {workspace.directory}")
        return
    if workspace.postgres_name:
        drop_postgres_database(workspace.database_url, workspace.postgres_name)
    shutil.rmtree(workspace.directory, ignore_errors=True)


# --- The run -----------------------------------------------------------------------------------
#
# Module-level code, not a function: the measuring code imports the project's
# models at its top, so it is imported here, once Django is set up.

if __name__ == "__main__":
    args = parse_args()
    workspace = prepare_environment(args)
    started = time.perf_counter()
    print(f"Search benchmark — sizes {args.sizes}, {args.rounds} rounds, page size {args.page_size}, "
          f"backends {', '.join(args.backends)}; {os.cpu_count()} CPU(s); data in {workspace.directory}")
    try:
        setup_django(workspace)
        # Late on purpose: models can only be imported after django.setup(), whose
        # settings (database, var/) come from the command line parsed above.
        import benchmark_search_measure  # noqa: E402

        benchmark_search_measure.measure_all(args, workspace)
    finally:
        cleanup(workspace, args.keep)
    print(f"\nWhole run: {(time.perf_counter() - started) / 60:.1f} min.")
