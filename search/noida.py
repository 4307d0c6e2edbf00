"""Start and stop noida-db, the Elasticsearch-wire-compatible stand-in used where no
real cluster runs (the test suite, the search benchmark). Loopback only.

noida-db comes from requirements-dev.txt; production always uses ELASTICSEARCH_URL.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT = 30  # seconds


class NoidaStartError(RuntimeError):
    """noida-db is missing or did not answer in time (the message holds its log's tail)."""


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    """Whether an HTTP server answers 200 at ``url`` within a second."""
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - loopback server
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def noida_command() -> str:
    found = shutil.which("noida-db") or str(Path(sys.executable).with_name("noida-db"))
    if not Path(found).exists():
        raise NoidaStartError("noida-db is not installed: pip install -r requirements-dev.txt (or set ELASTICSEARCH_URL)")
    return found


def start_noida(port: int, data_dir: Path, log_path: Path, timeout: float = START_TIMEOUT) -> subprocess.Popen:
    """Start noida-db's Elasticsearch on a loopback port and wait until it answers."""
    url = f"http://127.0.0.1:{port}"
    command = [noida_command(), "start", "--only", "elasticsearch", "--elasticsearch-port", str(port),
               "--data-dir", str(data_dir)]
    with open(log_path, "ab") as log:
        # Its own process group: the noida-db command is a wrapper around the
        # server binary, and stopping the group stops both.
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + timeout
    try:
        while not answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                output = log_path.read_text(errors="replace")[-2000:]
                raise NoidaStartError(f"noida-db did not answer on {url} within {timeout:.0f}s:\n{output}")
            time.sleep(0.2)
    except BaseException:  # including Ctrl-C while waiting: never leave the server behind
        stop_group(process)
        raise
    return process


def stop_group(process: subprocess.Popen) -> None:
    """Stop the wrapper and the server binary (the whole process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
