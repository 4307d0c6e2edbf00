"""Build the next chunk of a rebuild while the database writes the last one.

A full rebuild alternates two kinds of work: Python building documents and
their rows (reads and CPU in this process), and the database server taking
the rows (COPY, index maintenance: CPU in the server's process). Done in
turn, each waits for the other; on two cores they can run side by side.
``ahead`` iterates the chunks in a worker thread, a bounded number ahead of
the writer, with the worker's own database connection for its reads.

Only where that is safe and useful: PostgreSQL (the server is another
process; SQLite writes in this one, and a second connection would meet the
writer's lock) and outside any transaction the caller holds (a worker's
connection cannot see rows the caller has not committed, as in tests).
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import connection, connections

T = TypeVar("T")

# Chunks built ahead of the writer: enough to keep both busy, few enough to
# bound memory (a chunk is up to 2,000 documents' rows).
DEPTH = 2
_POLL_SECONDS = 0.5


def can_build_ahead() -> bool:
    """Whether ``ahead`` may be used now: PostgreSQL, and no transaction open on this connection."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


class _Done:
    """The worker's last message: the end of the items, or the error that stopped it."""

    def __init__(self, error: BaseException | None = None):
        self.error = error


def ahead(items: Iterable[T], depth: int = DEPTH) -> Iterator[T]:
    """``items``, each produced in a worker thread up to ``depth`` ahead of the consumer.

    The worker runs in a copy of the caller's context. An error in the worker is raised here, at the point it was reached; if
    the consumer stops early (an error while writing), the worker stops at
    its next item and its connection is closed.
    """
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand(message) -> bool:
        while not stop.is_set():
            try:
                handoff.put(message, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in items:
                if not hand(item):
                    return
            hand(_Done())
        except BaseException as exc:  # handed to the consumer, which raises it
            hand(_Done(exc))
        finally:
            connections.close_all()  # this thread's connections only

    # In a copy of the caller's context, as if the caller iterated: its context
    # variables (the visibility facts read once, core.visibility) hold there too.
    worker = threading.Thread(
        target=contextvars.copy_context().run, args=(work,), name="search-rebuild-ahead", daemon=True
    )
    worker.start()
    try:
        while True:
            message = handoff.get()
            if isinstance(message, _Done):
                if message.error is not None:
                    raise message.error
                return
            yield message
    finally:
        stop.set()
        worker.join()
