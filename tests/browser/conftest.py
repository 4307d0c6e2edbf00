"""A headless Chromium driven by Playwright, found or installed on a fresh machine.

Playwright's own browser download is never used: the test drives Debian's
``chromium`` package. When ``/usr/bin/chromium`` is missing it is installed with
apt-get (as CI does in .ci/run); the browser tests are skipped, with the reason,
only when that is impossible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from tests.helpers import restore_migrated_data

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _install_chromium() -> str | None:
    """Install Debian's chromium; return why it failed, or None."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available"
    if os.geteuid() != 0:
        return "installing chromium needs root (apt-get install -y chromium)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        if result.returncode:
            return f"{' '.join(command)} failed: {result.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        reason = _install_chromium()
        if reason or not CHROMIUM.exists():
            pytest.skip(f"{CHROMIUM} is missing and could not be installed: {reason or 'no binary after install'}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which
    # Django takes for async code; the test's ORM calls are plain sync calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go (git-ignored, kept by CI as artefacts)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def demo(live_server):
    """The demo content (every page type), published and indexed, on the live server."""
    restore_migrated_data()
    call_command("load_demo_content", stdout=StringIO())
    call_command("search_index", "rebuild", stdout=StringIO(), stderr=StringIO())
    return live_server
