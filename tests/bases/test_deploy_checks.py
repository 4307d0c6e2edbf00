"""`manage.py check --deploy` is clean with the production settings: run as the
deployment runs it, in its own process (settings are read once, at start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "bases.settings.production",
    "SECRET_KEY": "k" * 20 + "-deploy-check-only-" + "x7Q9mZ2vL4pR8sT1wY6uB3nC5eH0jK",  # 50+ chars, varied
    "ALLOWED_HOSTS": "lesbases.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://lesbases.example.org",
}


def check_deploy(**extra: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "DJANGO_"))}
    env.update(PRODUCTION, **extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_check_deploy_is_clean_with_the_production_settings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_what_the_proxy_does_is_checked_again_once_django_does_it():
    # HSTS turned on by the environment without its companions: Django's checks speak again.
    result = check_deploy(SECURE_HSTS_SECONDS="3600")
    assert result.returncode != 0
    assert "security.W005" in result.stdout + result.stderr
    # Both turned on, fully: clean again.
    result = check_deploy(
        SECURE_HSTS_SECONDS="31536000", SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1",
        SECURE_SSL_REDIRECT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_weak_secret_key_is_reported():
    result = check_deploy(SECRET_KEY="trop-court")
    assert result.returncode != 0 and "security.W009" in result.stdout + result.stderr
