"""gunicorn settings of the hub: ``gunicorn -c gunicorn.conf.py``.

Every value can be changed from the environment (listed in .env.example):

- ``PORT`` (8000) and ``HOST`` (0.0.0.0, every interface: the container's port);
- ``WEB_CONCURRENCY``: worker processes, by default 2 × the cores this process may
  use + 1 (gunicorn's advice; cores from the CPU affinity, which containers limit);
- ``GUNICORN_THREADS`` (4): threads per worker (``gthread``), so a slow request
  (search, an image rendition) does not hold a whole process; each thread keeps
  its own database connection (``DB_CONN_MAX_AGE``);
- ``GUNICORN_TIMEOUT`` (30 s): a worker silent for longer is restarted;
- ``GUNICORN_MAX_REQUESTS`` (10000, with jitter): workers are recycled now and then,
  which bounds any slow memory growth. Not much sooner: a recycled worker drops its
  keep-alive connections, and at a few hundred cached pages per second 1000 meant a
  restart every few seconds (31 in a two-minute benchmark);
- ``GUNICORN_LOG_LEVEL`` (info). Access and error logs go to stdout/stderr.

The proxy's ``X-Forwarded-*`` headers are trusted from ``FORWARDED_ALLOW_IPS``
(gunicorn reads it itself; 127.0.0.1 by default).
"""

from __future__ import annotations

import atexit
import logging
import os
import sys


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"gunicorn.conf.py: {name} must be a whole number, not « {value} ».") from None
    if number < 1:
        raise SystemExit(f"gunicorn.conf.py: {name} must be at least 1, not {number}.")
    return number


wsgi_app = "bases.wsgi:application"
bind = [f"{os.environ.get('HOST', '').strip() or '0.0.0.0'}:{_int('PORT', 8000)}"]  # noqa: S104 - container port

workers = _int("WEB_CONCURRENCY", 2 * _cores() + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)

timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = max(1, max_requests // 10)

# The app is imported once by the master, then workers are forked from it: a (re)started
# worker serves at once instead of importing Django and Wagtail again (seconds on a busy
# machine). Safe here: importing the app opens no database or cache connection.
preload_app = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "").strip() or "info"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
# Heartbeat files in memory, not on a possibly slow container disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def worker_exit(server, worker) -> None:
    """End a stopping worker at once, skipping the interpreter's teardown.

    Tearing down a worker's heap (Django, Wagtail and their caches: about 240,000
    objects, most shared with the master since the fork) took 15 to 30 seconds per
    worker on a busy 2-core machine, long past a container's stop timeout (10 s). gunicorn
    calls this after the worker has finished its requests. What the app asked to run at
    exit runs first (the searches waiting to be recorded, ``insights.recording``), then
    the logs are flushed.
    """
    atexit._run_exitfuncs()  # os._exit skips them; they are the app's, not the heap's teardown
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
