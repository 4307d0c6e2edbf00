#!/usr/bin/env python
"""Load benchmark: the app server under N concurrent clients, URL by URL, in one run.

    python scripts/benchmark_load.py --database-url postgres://postgres@127.0.0.1:5432/lbload
    python scripts/benchmark_load.py --database-url … --resources 10000 --clients 50 --duration 60

Not a test: it prints figures (the README's « Load benchmark » records them).

1. Creates the PostgreSQL database (dropped at the end unless ``--keep``), migrates,
   loads the demo content, then grows it to ``--resources`` generated resources with
   the search benchmark's generator (scripts/benchmark_search_measure.py),
   rebuilds the search index (database backend) and Wagtail's own (``update_index``,
   for the peer: Wagtail's ``/api/v3/pages/?search=`` on the same data).
2. Starts gunicorn on a free 127.0.0.1 port with the production settings (DEBUG off,
   ``DB_CONN_MAX_AGE`` > 0), with ``gunicorn.conf.py`` when the project has one, else
   ``--workers`` × ``--threads``; it runs in a process group of its own, killed at the end.
3. For each URL, after a short warm-up that is not counted, ``--clients`` concurrent keep-alive clients (asyncio, HTTP/1.1, this
   process) request it for ``--duration`` seconds, each request bounded by
   ``--timeout``; prints requests/s, p50/p99 latency, errors (timeouts, refused or
   broken connections) and non-2xx answers, the server's queries for one request rendered
   afresh (Django's test client, response cache off), and the share of answers the server
   took from its response cache (``--response-cache-timeout 0`` measures without it;
   searches are never stored there). ``--search-cache-size 0`` turns the database search
   backend's own result cache off: every search then runs its SQL (the uncached figure).

The client shares the machine with the server: its own CPU time is printed, and the
load average before and after, since other processes compete.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource as rusage
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmark_search import ROOT, cleanup, prepare_environment, setup_django

TARGETS = {  # requests/s the issue asks for at 50 clients (tests nothing: printed beside the figure)
    "licences": 400,
    "search-text": 150,
    "search-facets": 200,
    "search-stream-text": 150,
    "search-stream-new-text": 150,
    "search-stream-facets": 200,
    "pages-api": 100,
    "home": 100,
    "resource": 100,
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="postgres://… database to create (must not exist).")
    parser.add_argument("--resources", type=int, default=10_000, help="Generated resources on top of the demo.")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients per URL.")
    parser.add_argument("--duration", type=float, default=60, help="Seconds per URL.")
    parser.add_argument("--timeout", type=float, default=10, help="Client timeout per request, seconds.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (without gunicorn.conf.py).")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker (without gunicorn.conf.py).")
    parser.add_argument(
        "--response-cache-timeout", type=int, default=600,
        help="The server's RESPONSE_CACHE_TIMEOUT (0: every request rendered afresh).",
    )
    parser.add_argument(
        "--search-cache-size", type=int, default=None,
        help="The server's SEARCH_RESULT_CACHE_SIZE (0: every search runs its SQL; default: the settings').",
    )
    parser.add_argument("--only", help="Comma-separated URL names to run (default: all).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated database (and say where).")
    parser.add_argument(
        "--reuse", action="store_true",
        help="Measure a database kept by an earlier run (--keep) as it is: no generation; kept afterwards.",
    )
    return parser.parse_args()


# --- Data -----------------------------------------------------------------------------------


def build_data(size: int) -> None:
    """Demo content plus ``size`` generated resources, indexed."""
    import random
    from io import StringIO

    from django.core.management import call_command

    print("Loading the demo content…", flush=True)
    call_command("load_demo_content", stdout=StringIO())
    generator = corpus.CorpusGenerator(corpus.build_skeleton(), random.Random(corpus.SEED))
    generator.grow_to(generator.serial + size)
    print("Rebuilding the search index (database backend)…", flush=True)
    call_command("search_index", "rebuild", stdout=StringIO())
    # The generator writes rows in bulk, past Wagtail's signals: the peer's index is built here.
    print("Building Wagtail's own search index (the peer)…", flush=True)
    call_command("update_index", stdout=StringIO())


def urls_to_measure() -> dict[str, str]:
    """The URLs of one run, named: the search API three ways, Wagtail's own search (the peer), pages, the smallest endpoint."""
    resource = ResourcePage.objects.live().order_by("-pk").first()
    theme = ThemePage.objects.live().order_by("pk").first()
    print(f"{ResourcePage.objects.live().count():,} live resources.", flush=True)
    text = urllib.parse.quote("numérique")
    return {
        "search-text": f"/api/v3/search/?q={text}",
        "search-facets": f"/api/v3/search/?theme={theme.slug}",
        "search-no-text": "/api/v3/search/",
        # The peer: Wagtail's own search through its pages API, same text, same data.
        "wagtail-search": f"/api/v3/pages/?search={text}&limit=20",
        "pages-api": "/api/v3/pages/?limit=20",
        "home": "/",
        "search-page": f"/recherche/?q={text}",
        "resource": urllib.parse.urlsplit(resource.full_url).path,
        "licences": "/api/v3/licences/",
    }


# Distinct searches per stream: more than 50 clients request in a run, so none is asked twice
# (each misses the backend's result cache, as a stream of different visitors' searches does).
STREAM_SEED = 20_261_204


def search_streams() -> dict[str, list[str]]:
    """Three streams of distinct searches, shuffled: the mix's texts refined, new texts, facets only.

    The first two vary what a front varies (sort, page, page size, a theme, a year, a type, a
    licence; the mix's 13 texts: one filter at most, the first five pages of three sizes;
    facets only: one or two filters, the first three pages), so every path is a different
    search, but the text stream's searches share their texts, as a visitor's refinements
    do. The new-text stream is the worst case: two words of the corpus's vocabulary,
    every text different, first page (nothing a process kept for a text serves it). The
    server's caches stay as in production (the result cache is on: a stream asks twice
    only once it has run out).
    """
    import itertools
    import random

    themes = list(ThemePage.objects.live().order_by("pk").values_list("slug", flat=True))
    # With text, one filter at most and the first pages: many of these searches have hits to show.
    one_filter = [{}, *({"theme": theme} for theme in themes), *({"year": str(year)} for year in range(2017, 2026)),
                  *({"licence": licence} for licence in corpus.LICENCE_WEIGHTS)]
    stand_in = corpus.Skeleton(bases=[_Slug("-")] * 2, themes=[_Slug("-")] * 4, principles=[_Slug("-")] * 3,
                               collections=[], content_type_id=0, locale_id=0, tag_ids=[])
    texts = sorted({query.text for query in corpus.query_mix(stand_in) if query.text})
    with_text = [
        _search_path(q=text, sort=sort, page=page, page_size=size, **filters)
        for text, sort, page, size, filters in itertools.product(
            texts, ("relevance", "newest", "title"), range(1, 6), (10, 20, 50), one_filter)
    ]
    words = (*corpus.ADJECTIVES, *corpus.INFINITIVES, *corpus.VERBS, *corpus.TAGS, *corpus.PLACE_NAMES)
    vocabulary = sorted({word for word in words if " " not in word})
    new_texts = [_search_path(q=f"{first} {second}") for first, second in itertools.combinations(vocabulary, 2)]
    # Facets only: one or two filters (what a visitor clicks), three sorts, the first three pages
    # of page sizes 10 to 50 (the larger cost more: more cards).
    choices = {"theme": themes, "year": [str(year) for year in range(2017, 2026)],
               "type": ["article", "guide", "event_report"], "licence": ["cc-by-sa-4.0", "etalab-2.0"]}
    filter_sets = [{name: value} for name, values in choices.items() for value in values] + [
        {first: a, second: b}
        for first, second in itertools.combinations(choices, 2)
        for a, b in itertools.product(choices[first], choices[second])
    ]
    facets_only = [
        _search_path(**filters, sort=sort, page=page, page_size=size)
        for filters, sort, page, size in itertools.product(
            filter_sets, ("newest", "oldest", "title"), range(1, 4), range(10, 51, 5))
    ]
    shuffle = random.Random(STREAM_SEED).shuffle
    for stream in (with_text, new_texts, facets_only):
        shuffle(stream)
    return {"search-stream-text": with_text, "search-stream-new-text": new_texts, "search-stream-facets": facets_only}


@dataclass
class _Slug:
    slug: str


def _after(urls: dict[str, str], name: str, inserted: dict[str, str]) -> dict[str, str]:
    """``urls`` with ``inserted`` placed right after ``name`` (the run measures them in this order)."""
    items = list(urls.items())
    at = [key for key, _ in items].index(name) + 1
    return dict(items[:at] + list(inserted.items()) + items[at:])


def _search_path(**parameters) -> str:
    return "/api/v3/search/?" + urllib.parse.urlencode({k: v for k, v in parameters.items() if v is not None})


def queries_per_request(urls: dict[str, str], streams: dict[str, list[str]]) -> dict[str, int]:
    """The server's database queries for one anonymous request of each URL (Django's test client).

    A URL is counted the second time it is asked (the first warms site paths, renditions);
    a stream's first path after another of its paths, as the server meets it: never asked before.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        client.get(streams[name][-1] if name in streams else url)  # warm: site root paths, renditions
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[name] = len(captured)
    return counts


# --- Server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(args: argparse.Namespace, workspace) -> dict[str, str]:
    """The server's environment: production settings on the benchmark's database and directory."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bases.settings.production",
        "DATABASE_URL": workspace.database_url,
        "STATIC_ROOT": str(workspace.directory / "static"),
        "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
        "RESPONSE_CACHE_TIMEOUT": str(args.response_cache_timeout),
        **({"SEARCH_RESULT_CACHE_SIZE": str(args.search_cache_size)} if args.search_cache_size is not None else {}),
    }


def collect_static(env: dict[str, str]) -> None:
    """``collectstatic`` as the image runs it at build: the hashed names the pages link to."""
    print("Collecting static files (production storage: hashed, compressed)…", flush=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                   cwd=ROOT, env=env, check=True)


def start_gunicorn(args: argparse.Namespace, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn in a process group of its own; its error log goes to ``log`` (a pipe nobody
    reads would fill up and block the workers as soon as they log tracebacks)."""
    command = [str(Path(sys.executable).with_name("gunicorn")), "bases.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    config = ROOT / "gunicorn.conf.py"
    if config.exists():
        command += ["--config", str(config)]
        described = f"gunicorn with {config.name}"
    else:
        command += ["--workers", str(args.workers), "--threads", str(args.threads), "--timeout", "30",
                    "--access-logfile", "/dev/null"]
        described = f"gunicorn, {args.workers} workers × {args.threads} threads"
    with log.open("wb") as log_file:
        server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=log_file)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                print(f"Server: {described} on 127.0.0.1:{port} (DEBUG off, CONN_MAX_AGE {env['DB_CONN_MAX_AGE']}, "
                      f"response cache {env['RESPONSE_CACHE_TIMEOUT']} s, search result cache "
                      f"{env.get('SEARCH_RESULT_CACHE_SIZE', 'default')}); its errors in {log}")
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not listen within 60 s")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn's whole process group (master and workers)."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- Client ---------------------------------------------------------------------------------


# How a search answer without a hit starts (the API's JSON, search.api.router).
EMPTY_RESULTS = b'"results": []'


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    cache_hits: int = 0  # answers the server took from its response cache (X-Response-Cache: HIT)
    empty: int = 0  # search answers without a hit (a page past the results): cheaper to serve


async def fetch(reader, writer, request: bytes) -> tuple[int, bool, bool, bool]:
    """One GET on an open connection: (status, server keeps the connection, served from its cache,
    a search answer without a hit)."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    hit = headers.get("x-response-cache") == "HIT"
    body = b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        return status, False, hit, False
    empty = EMPTY_RESULTS in body[:200]
    return status, headers.get("connection", "").lower() != "close", hit, empty


class Paths:
    """The paths a URL's clients request in turn, shared by all of them: one path repeated, or a stream."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.served = 0

    def next_request(self) -> bytes:
        path = self.paths[self.served % len(self.paths)]
        self.served += 1
        return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n".encode()


async def client(port: int, paths: Paths, until: float, timeout: float, result: Result) -> None:
    reader = writer = None
    while time.monotonic() < until:
        request = paths.next_request()
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
            status, keep, hit, empty = await asyncio.wait_for(fetch(reader, writer, request), timeout)
            result.latencies.append(time.monotonic() - started)
            result.statuses[status] += 1
            result.cache_hits += hit
            result.empty += empty
        except TimeoutError:
            result.errors["timeout"] += 1
            keep = False
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            result.errors[type(exc).__name__] += 1
            keep = False
            await asyncio.sleep(0.05)
        if not keep and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def hammer(port: int, paths: Paths, clients: int, duration: float, timeout: float) -> tuple[Result, float]:
    result = Result()
    started = time.monotonic()
    until = started + duration
    await asyncio.gather(*(client(port, paths, until, timeout, result) for _ in range(clients)))
    return result, time.monotonic() - started


def check_answers(port: int, urls: dict[str, str]) -> None:
    """One request per URL before measuring: a URL that does not answer 2xx stops the run."""

    async def one(path: str) -> int:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
            status, _keep, _hit, _empty = await asyncio.wait_for(fetch(reader, writer, request), 60)
            return status
        finally:
            writer.close()

    failed = {name: status for name, path in urls.items() if not 200 <= (status := asyncio.run(one(path))) < 300}
    if failed:
        raise SystemExit(f"Not measured: these URLs do not answer 2xx: {failed}")


def percentile(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def measure(port: int, urls: dict[str, str], streams: dict[str, list[str]], queries: dict[str, int],
            args: argparse.Namespace) -> None:
    """Each URL in turn (a stream's first path stands for it in ``urls``), warm-up first, then timed."""
    print(f"\n{args.clients} clients × {args.duration:g} s per URL, timeout {args.timeout:g} s; "
          f"{os.cpu_count()} CPU(s), load average {load()}")
    header = (f"{'URL':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7} {'non-2xx':>8} "
              f"{'queries':>8} {'cached':>7}  target")
    print(header)
    print("-" * len(header))
    for name, path in urls.items():
        # Warm-up, not counted: each worker's first request loads the API schemas and templates.
        # A stream's warm-up takes its first paths: the timed part never repeats them.
        paths = Paths(streams.get(name, [path]))
        asyncio.run(hammer(port, paths, args.clients, min(args.duration, 5), 60))
        warm_up = paths.served
        cpu_before = rusage.getrusage(rusage.RUSAGE_SELF)
        result, elapsed = asyncio.run(hammer(port, paths, args.clients, args.duration, args.timeout))
        cpu_after = rusage.getrusage(rusage.RUSAGE_SELF)
        done = len(result.latencies)
        non_2xx = sum(count for status, count in result.statuses.items() if not 200 <= status < 300)
        errors = sum(result.errors.values())
        target = TARGETS.get(name)
        verdict = f"≥ {target} {'ok' if done / elapsed >= target else 'MISSED'}" if target else ""
        client_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
        print(f"{name:<16} {done / elapsed:>8.1f} {percentile(result.latencies, 50) * 1000:>8.1f} "
              f"{percentile(result.latencies, 99) * 1000:>8.1f} {done:>9} {errors:>7} {non_2xx:>8} "
              f"{queries.get(name, -1):>8} {result.cache_hits / max(done, 1):>7.0%}  {verdict}", flush=True)
        details = []
        if result.errors:
            details.append("errors " + ", ".join(f"{k} {v}" for k, v in result.errors.most_common()))
        if non_2xx:
            details.append("statuses " + ", ".join(f"{k}: {v}" for k, v in sorted(result.statuses.items())))
        if name in streams:
            repeats = max(0, paths.served - len(paths.paths))
            details.append(f"stream of {len(paths.paths):,} distinct searches, {paths.served - warm_up:,} timed after "
                           f"{warm_up:,} warm-up, {repeats:,} asked twice, {result.empty / max(done, 1):.0%} "
                           "answered without a hit")
        details.append(f"client CPU {client_cpu / elapsed:.0%}")
        print(f"{'':<16} {path} — {'; '.join(details)}")
    print(f"Load average at the end: {load()} (the machine is shared: other processes compete).")


if __name__ == "__main__":
    args = parse_args()
    workspace = prepare_environment(args)
    server = None
    try:
        setup_django(workspace)
        # Late on purpose, at module level (build_data reads them): models can only be
        # imported after django.setup(), whose settings come from the command line.
        import benchmark_search_measure as corpus  # noqa: E402
        from resources.models import ResourcePage  # noqa: E402
        from taxonomy.models import ThemePage  # noqa: E402

        if not args.reuse:
            build_data(args.resources)
        urls = urls_to_measure()
        streams = search_streams()
        urls = _after(urls, "search-no-text", {name: paths[0] for name, paths in streams.items()})
        if args.only:
            urls = {name: url for name, url in urls.items() if name in args.only.split(",")}
        if args.search_cache_size is not None:  # the queries counted here as the server runs them
            from django.conf import settings  # noqa: E402 - Django is set up above

            settings.SEARCH_RESULT_CACHE_SIZE = args.search_cache_size
        queries = queries_per_request(urls, streams)
        from django.db import connections  # noqa: E402 - Django is set up above

        connections.close_all()
        port = free_port()
        env = production_environment(args, workspace)
        collect_static(env)
        server = start_gunicorn(args, env, port, workspace.directory / "gunicorn.log")
        check_answers(port, urls)
        measure(port, urls, streams, queries, args)
    finally:
        if server is not None:
            stop(server)
        cleanup(workspace, args.keep or args.reuse)
