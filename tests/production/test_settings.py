"""The production settings and gunicorn.conf.py, read with a given environment."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE_ENV = {"DJANGO_SETTINGS_MODULE": "bases.settings.production", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "bases.example.org"}

PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage
print(json.dumps({
    "middleware": settings.MIDDLEWARE,
    "storages": settings.STORAGES,
    "database": {k: settings.DATABASES["default"][k] for k in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
    "serve_media": settings.SERVE_MEDIA,
    "debug": settings.DEBUG,
    "media_storage": type(default_storage._wrapped if hasattr(default_storage, "_wrapped") else default_storage).__name__,
    "media_url": default_storage.url("images/photo.png"),
}))
"""


def production_settings(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "MEDIA_", "DB_", "SERVE_"))}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env={**clean, **BASE_ENV, **env},
        capture_output=True, text=True, timeout=120,
    )
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_serves_compressed_hashed_static_files_and_reuses_connections():
    settings = production_settings()
    assert settings["debug"] is False
    middleware = settings["middleware"]
    assert middleware[0] == "bases.middleware.health.HealthCheckMiddleware"
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert settings["storages"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings["serve_media"] is True
    assert settings["media_storage"] == "FileSystemStorage" and settings["media_url"] == "/media/images/photo.png"
    assert settings["database"] == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    assert production_settings(DB_CONN_MAX_AGE="0")["database"]["CONN_MAX_AGE"] == 0


def test_s3_media_take_their_options_from_the_environment():
    settings = production_settings(
        MEDIA_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        AWS_STORAGE_BUCKET_NAME="lesbases-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        AWS_S3_REGION_NAME="fr-par",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
        AWS_S3_CUSTOM_DOMAIN="media.bases.example.org",
    )
    default = settings["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "lesbases-media",
        "endpoint_url": "https://s3.fr-par.scw.cloud",
        "region_name": "fr-par",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "not-a-real-secret",
        "custom_domain": "media.bases.example.org",
        "querystring_auth": False,
        "file_overwrite": False,
    }
    assert settings["serve_media"] is False  # object storage serves its own files
    # django-storages builds the storage from them (no request is sent to build a URL).
    assert settings["media_storage"] == "S3Storage"
    assert settings["media_url"] == "https://media.bases.example.org/images/photo.png"


def test_s3_without_a_bucket_stops_with_the_variable_named():
    failure = production_settings(MEDIA_STORAGE_BACKEND="storages.backends.s3.S3Storage")
    assert "AWS_STORAGE_BUCKET_NAME must be set" in failure["error"]


def gunicorn_config(monkeypatch, **env: str) -> dict:
    for name in ("PORT", "HOST", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_follow_the_cores(monkeypatch):
    config = gunicorn_config(monkeypatch)
    cores = len(os.sched_getaffinity(0))
    assert config["workers"] == 2 * cores + 1
    assert config["bind"] == ["0.0.0.0:8000"]
    assert config["worker_class"] == "gthread" and config["threads"] == 4
    assert config["timeout"] == 30 and config["accesslog"] == "-"
    assert config["wsgi_app"] == "bases.wsgi:application"


def test_gunicorn_reads_its_overrides_and_refuses_nonsense(monkeypatch):
    config = gunicorn_config(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_THREADS="8", PORT="9000", HOST="127.0.0.1")
    assert (config["workers"], config["threads"], config["bind"]) == (3, 8, ["127.0.0.1:9000"])
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY must be a whole number"):
        gunicorn_config(monkeypatch, WEB_CONCURRENCY="beaucoup")
    with pytest.raises(SystemExit, match="PORT must be at least 1"):
        gunicorn_config(monkeypatch, PORT="0")
