"""Production settings: every secret and host comes from the environment."""

from .base import *  # noqa: F401,F403
from .base import DATABASES
from .env import env_bool, env_list, env_required, env_str

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env_required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# HTTPS is usually terminated by the proxy, which also redirects plain HTTP;
# both can be turned on here when Django must do it itself.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# --- `manage.py check --deploy` (tests/bases/test_deploy_checks.py keeps it clean) -----
# The TLS-terminating proxy redirects plain HTTP to HTTPS and sends
# Strict-Transport-Security for the whole domain, so Django's own redirect (W008) and
# HSTS (W004) stay off unless SECURE_SSL_REDIRECT / SECURE_HSTS_SECONDS turn them on;
# once on, their checks run again.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_SSL_REDIRECT else ["security.W008"]),
    *([] if SECURE_HSTS_SECONDS else ["security.W004"]),
]
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Background tasks (search indexing) are queued in the database and run by
# `manage.py db_worker`; TASKS_BACKEND may name another backend (e.g.
# django_tasks.backends.immediate.ImmediateBackend to run them in-process).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Sign-in throttling behind the proxy (see base.py) ---------------------------------
# With TRUSTED_PROXY_COUNT proxies in front, django-axes takes the client's address
# from X-Forwarded-For, as many hops from the right; without it, REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Database connections (see the load benchmark, scripts/benchmark_load.py) ----------
# One connection per worker thread, kept for DB_CONN_MAX_AGE seconds (60 by default)
# instead of one per request, and checked before reuse after an error or a restart.
DATABASES["default"]["CONN_MAX_AGE"] = int(env_str("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
