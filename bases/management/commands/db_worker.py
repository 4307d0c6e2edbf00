"""``manage.py db_worker``: django-tasks-db's worker, which first queues a search sync
if the indexing outbox holds a backlog.

A worker killed in the middle of a sync (SIGKILL, out of memory, a node lost)
leaves that task claimed by a worker that no longer exists: nothing would run it
again, and the outbox rows it did not apply would wait for the next publish.
Starting a worker therefore queues one sync when rows wait; the drain is
serialised and idempotent, so a sync too many costs one empty pass. The shell
owns this command (it comes before django_tasks_db in INSTALLED_APPS) because it
ties the task queue to the search app.
"""

from __future__ import annotations

import logging

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from search.outbox import backlog
from search.tasks import sync_search_index

logger = logging.getLogger(__name__)


class Command(DatabaseWorkerCommand):
    help = "Run a database background worker (queues a search sync first when updates wait)."

    def handle(self, *args, **options) -> None:
        pending, oldest = backlog()
        if pending:
            sync_search_index.enqueue()
            self.stdout.write(
                f"Search outbox: {pending} pending update(s) since {oldest:%Y-%m-%d %H:%M:%S %Z}; sync queued."
            )
        super().handle(*args, **options)
