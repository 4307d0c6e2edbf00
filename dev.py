#!/usr/bin/env python3
"""The hub's two front doors, needing nothing but Python 3.11+:

    python3 dev.py serve   # set up, load the demo content, print an admin login, serve on :8000
    python3 dev.py test    # set up and run the whole test suite (SQLite, then
                           # PostgreSQL too when DATABASE_URL is set)

Set-up is idempotent: a virtualenv in .venv, the pinned requirements (reinstalled
only when a requirements file changes), migrations. Only the standard library
is used here, since it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VAR = ROOT / "var"
PYTHON = VENV / "bin" / "python"
REQUIREMENTS = ROOT / "requirements-dev.txt"


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*args: str | os.PathLike, env: dict[str, str] | None = None) -> int:
    """Run a command from the repository root and return its exit status."""
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def check(*args: str | os.PathLike, env: dict[str, str] | None = None) -> None:
    """Run a command; stop with its exit status if it fails."""
    status = run(*args, env=env)
    if status:
        sys.exit(status)


def ensure_virtualenv() -> None:
    """Create .venv and install the pinned requirements when they changed."""
    if not PYTHON.exists():
        step("Creating the virtualenv in .venv")
        venv.create(VENV, with_pip=True)
    requirement_files = sorted(ROOT.glob("requirements*.txt"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in requirement_files)).hexdigest()
    stamp = VENV / ".requirements.sha256"
    if stamp.exists() and stamp.read_text() == digest:
        return
    step("Installing the pinned requirements")
    check(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", REQUIREMENTS)
    stamp.write_text(digest)


def ensure_node_packages() -> None:
    """Install the pinned npm packages (axe-core for the browser tests, the territory
    register's dataset) when the lock changed."""
    lock = ROOT / "package-lock.json"
    if not lock.exists():
        return
    stamp = ROOT / "node_modules" / ".package-lock.sha256"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    if shutil.which("npm") is None and not install_debian_packages("nodejs", "npm"):
        print(
            "npm is missing: the accessibility checks of tests/browser and the full territory register "
            "need it (apt-get install npm)",
            flush=True,
        )
        return
    step("Installing the pinned npm packages (npm ci)")
    check("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(digest)


def install_debian_packages(*packages: str) -> bool:
    """apt-get install ``packages`` when this machine can (Debian, root); True when it did."""
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return False
    step(f"Installing {', '.join(packages)} from Debian")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return False
    return True


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    check(PYTHON, "manage.py", *args, env=env)


def admin_credentials(env: dict[str, str]) -> tuple[str, str]:
    """Make sure the local admin account exists; its password is kept in var/ (git-ignored)."""
    credentials = VAR / "admin-credentials"
    if credentials.exists():
        username, password = credentials.read_text().split("\n")[:2]
    else:
        username, password = "admin", secrets.token_urlsafe(12)
        VAR.mkdir(exist_ok=True)
        credentials.write_text(f"{username}\n{password}\n")
    script = (
        "from django.contrib.auth import get_user_model;"
        "User = get_user_model();"
        f"user = User.objects.filter(username={username!r}).first() or User(username={username!r});"
        "user.is_staff = user.is_superuser = True;"
        "user.email = user.email or 'admin@localhost';"
        f"user.set_password({password!r}); user.save()"
    )
    manage("shell", "-c", script, env=env)
    return username, password


def serve(args: argparse.Namespace) -> None:
    ensure_virtualenv()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bases.settings.dev"}
    ensure_node_packages()
    step("Applying migrations")
    manage("migrate", "--no-input", "-v", "0", env=env)
    # The whole register (about 35,000 territories, a few seconds; nothing written
    # when up to date), or the extract shipped with the app when npm is missing.
    step("Loading the territory register")
    territories = ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
    manage("load_territories", *([] if territories.is_dir() else ["--sample"]), env=env)
    step("Loading the demo content")
    manage("load_demo_content", env=env)
    username, password = admin_credentials(env)
    # The default site's port is the served one, so page addresses in the API
    # (html_url) and in e-mails lead back to this server.
    manage("shell", "-c", f"from wagtail.models import Site; Site.objects.filter(is_default_site=True).update(port={args.port})", env=env)
    address = f"{args.host}:{args.port}"
    print(
        f"\nLes Bases runs at http://{address}/\n"
        f"  admin: http://{address}/admin/  user: {username}  password: {password}\n"
        f"  API:   http://{address}/api/v3/docs/\n",
        flush=True,
    )
    check(PYTHON, "manage.py", "runserver", address, env=env)


def test(args: argparse.Namespace) -> None:
    ensure_virtualenv()
    ensure_node_packages()
    database_url = os.environ.get("DATABASE_URL", "").strip()
    runs = [("SQLite", {"DATABASE_URL": ""})]
    if database_url:
        runs.append(("PostgreSQL" if database_url.startswith("postgres") else database_url, {}))
    step("Checking the layers contract (import-linter, .importlinter)")
    if run(VENV / "bin" / "lint-imports", "--no-cache"):
        print("The imports break the layers contract: see ARCHITECTURE.md", file=sys.stderr)
        sys.exit(1)
    failures = []
    for label, overrides in runs:
        step(f"Running the test suite on {label}")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bases.settings.test", **overrides}
        if run(PYTHON, "-m", "pytest", *args.pytest_args, env=env):
            failures.append(label)
    if failures:
        print(f"Test suite failed on: {', '.join(failures)}", file=sys.stderr)
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="set up and serve the hub with demo content")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.set_defaults(handler=serve)
    test_parser = commands.add_parser("test", help="set up and run the whole test suite")
    test_parser.set_defaults(handler=test)
    # Whatever follows `test` goes to pytest as it is (`dev.py test -x -k licence`).
    args, extra = parser.parse_known_args()
    if extra and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.pytest_args = extra
    args.handler(args)


if __name__ == "__main__":
    main()
