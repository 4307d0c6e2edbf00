"""Build, sync and check the search index.

    python manage.py search_index rebuild   # fresh index from the database, atomic switch
    python manage.py search_index sync      # apply the outbox backlog (cron-friendly)
    python manage.py search_index status [--check]

Exit status is non-zero when the engine is unavailable, and for ``status
--check`` when the index and the database disagree or a backlog is waiting.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.progress import TextProgressBar
from search import backends
from search.backends.base import SearchBackend, SearchUnavailable
from search.documents import documents_in_chunks, indexable_resources
from search.indexing import DEFAULT_BATCH_SIZE, REBUILD_BATCH_SIZE, drain, set_aside_entries
from search.outbox import backlog

_SHOWN_IDS = 10


class Command(BaseCommand):
    help = "Rebuild the search index, apply the pending updates, or compare the index with the database."

    def add_arguments(self, parser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="{rebuild,sync,status}")
        rebuild = subcommands.add_parser("rebuild", help="Build a new index from the database and switch to it.")
        rebuild.add_argument(
            "--chunk-size", type=int, default=REBUILD_BATCH_SIZE, help="Resources built per query batch."
        )
        sync = subcommands.add_parser("sync", help="Apply every pending update of the outbox.")
        sync.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="Outbox entries per batch.")
        sync.add_argument(
            "--retry-set-aside", action="store_true",
            help="Try again the updates set aside after repeated failures (once their cause is fixed).",
        )
        status = subcommands.add_parser("status", help="Compare the index with the database; show the backlog.")
        status.add_argument(
            "--check", action="store_true", help="Exit non-zero if they disagree or updates are pending."
        )

    def handle(self, *args, subcommand: str, **options) -> None:
        backend = self._backend()
        if subcommand == "rebuild":
            self._rebuild(backend, _positive(options["chunk_size"], "--chunk-size"))
        elif subcommand == "sync":
            self._sync(backend, _positive(options["batch_size"], "--batch-size"), options["retry_set_aside"])
        else:
            self._status(backend, check=options["check"])

    @staticmethod
    def _backend() -> SearchBackend:
        try:
            return backends.get_backend()
        except Exception as exc:
            raise CommandError(f"No search backend: {exc}") from exc

    # --- rebuild -------------------------------------------------------------------

    def _rebuild(self, backend: SearchBackend, chunk_size: int) -> None:
        started = time.monotonic()
        ids = list(indexable_resources().order_by("pk").values_list("pk", flat=True))
        self.stdout.write(f"Rebuilding the {backend.name} index: {len(ids)} indexable resources.")
        bar = TextProgressBar(self.stdout)
        try:
            report = backend.rebuild(documents_in_chunks(ids, chunk_size), len(ids), bar)
        except SearchUnavailable as exc:
            raise CommandError(f"Search engine unavailable: {exc}. The current index was kept.") from exc
        finally:
            bar.finish()
        elapsed = time.monotonic() - started
        rate = report.indexed / elapsed if elapsed > 0 else 0.0
        self.stdout.write(
            f"Indexed {report.indexed} resources into {report.index_name} "
            f"in {elapsed:.1f}s ({rate:.0f} resources/s)."
        )
        if report.dropped:
            self.stdout.write(f"Dropped the previous index: {', '.join(report.dropped)}.")
        # Changes committed while the documents were read may be missing from
        # (or stale in) the new index: their outbox entries are still there.
        catch_up = drain(backend=backend)
        self.stdout.write(
            f"Catch-up: {catch_up.processed} pending update(s) applied "
            f"({catch_up.indexed} indexed, {catch_up.removed} removed); {catch_up.remaining} remaining."
        )
        if not catch_up.ok:
            raise CommandError(
                f"The index was rebuilt but the catch-up failed: {catch_up.error}. "
                "Run `manage.py search_index sync` once the engine answers."
            )
        self.stdout.write(self.style.SUCCESS("Rebuild done."))

    # --- sync ------------------------------------------------------------------------

    def _sync(self, backend: SearchBackend, batch_size: int, retry_set_aside: bool = False) -> None:
        # Ask first: with an empty backlog the drain would not touch the engine,
        # and cron should hear about an outage all the same.
        if not _answers(backend):
            pending, _oldest = backlog()
            raise CommandError(
                f"Search engine unavailable ({backend.name} does not answer). "
                f"{pending} update(s) kept for the next sync."
            )
        if retry_set_aside:
            again = set_aside_entries().update(attempts=0)
            self.stdout.write(f"{again} update(s) set aside are tried again.")
        report = drain(batch_size=batch_size, backend=backend)
        self.stdout.write(
            f"Processed {report.processed} pending update(s) "
            f"({report.indexed} indexed, {report.removed} removed); {report.remaining} remaining."
        )
        if report.set_aside:
            self.stdout.write(self.style.WARNING(
                f"{report.set_aside} update(s) set aside after repeated failures "
                "(`search_index status` lists them; `sync --retry-set-aside` tries them again)."
            ))
        if report.unavailable:
            raise CommandError(
                f"Search engine unavailable: {report.error}. "
                f"{report.remaining} update(s) kept for the next sync."
            )
        if not report.ok:
            raise CommandError(f"Indexing failed: {report.error}. {report.remaining} update(s) kept.")

    # --- status ----------------------------------------------------------------------

    def _status(self, backend: SearchBackend, check: bool) -> None:
        database_ids = set(indexable_resources().values_list("pk", flat=True))
        pending, oldest = backlog()
        self.stdout.write(f"Backend: {backend.name}")
        self.stdout.write(f"Indexable resources in the database: {len(database_ids)}")
        try:
            indexed_ids = backend.indexed_ids()
            count = backend.count()
        except SearchUnavailable as exc:
            self._write_backlog(pending, oldest)
            raise CommandError(f"Search engine unavailable: {exc}.") from exc
        missing, extra = database_ids - indexed_ids, indexed_ids - database_ids
        self.stdout.write(f"Documents in the index: {count}")
        self.stdout.write(f"Missing from the index: {len(missing)}{_some(missing)}")
        self.stdout.write(f"Extra in the index: {len(extra)}{_some(extra)}")
        self._write_backlog(pending, oldest)
        agree = not missing and not extra and count == len(database_ids)
        if agree and not pending:
            self.stdout.write(self.style.SUCCESS("The index agrees with the database."))
        elif check:
            problems = [] if agree else ["the index and the database disagree"]
            problems += [f"{pending} update(s) are pending"] if pending else []
            raise CommandError(f"Check failed: {' and '.join(problems)}. Run `manage.py search_index sync`.")

    def _write_backlog(self, pending: int, oldest) -> None:
        age = f", oldest {_age(timezone.now() - oldest)} old" if oldest else ""
        self.stdout.write(f"Pending updates (outbox): {pending}{age}")
        set_aside = list(set_aside_entries().order_by("page_id").values_list("page_id", "last_error")[:_SHOWN_IDS])
        if set_aside:
            self.stdout.write(f"Set aside after repeated failures: {set_aside_entries().count()}")
            for page_id, error in set_aside:
                self.stdout.write(f"  page {page_id}: {error.splitlines()[0] if error else '?'}")


def _answers(backend: SearchBackend) -> bool:
    try:
        return bool(backend.ping())
    except Exception:  # a ping that raises is an engine that does not answer
        return False


def _positive(value: int, option: str) -> int:
    if value < 1:
        raise CommandError(f"{option} must be at least 1 (got {value}).")
    return value


def _some(ids: set[int]) -> str:
    if not ids:
        return ""
    shown = ", ".join(str(pk) for pk in sorted(ids)[:_SHOWN_IDS])
    return f" (ids {shown}{', …' if len(ids) > _SHOWN_IDS else ''})"


def _age(delta: timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
