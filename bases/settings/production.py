"""Production settings: every secret and host comes from the environment."""

from .base import *  # noqa: F401,F403
from .base import DATABASES
from .env import env_bool, env_int, env_list, env_required, env_str

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
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
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

# --- The deployed stack: app server, static files, media, database (issue 14) ---------
from .base import DATABASES, MIDDLEWARE, STORAGES  # noqa: E402

# Static files are served by the app (WhiteNoise, right after SecurityMiddleware):
# compressed copies (gzip, and Brotli when installed) and content-hashed names cached
# for a year, collected at build time by `manage.py collectstatic`.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# Media: the local disk (MEDIA_ROOT, served by the app unless SERVE_MEDIA=false, e.g.
# when a proxy serves it), or an object storage class named by MEDIA_STORAGE_BACKEND.
# For S3 (requirements-s3.txt), its options come from the AWS_* variables.
MEDIA_ON_DISK = STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
SERVE_MEDIA = env_bool("SERVE_MEDIA", MEDIA_ON_DISK)
if STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
    STORAGES = {**STORAGES, "default": {**STORAGES["default"], "OPTIONS": {
        "bucket_name": env_required("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
        "region_name": env_str("AWS_S3_REGION_NAME"),
        "access_key": env_str("AWS_ACCESS_KEY_ID"),
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN"),
        # Public media (published images and documents' files): plain URLs, and
        # never overwrite a file that an older revision may still point at.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
    }}}

# One PostgreSQL connection per worker thread, kept for DB_CONN_MAX_AGE seconds and
# checked before reuse (a restarted database costs one failed check, not a 500).
DATABASES = {**DATABASES, "default": {
    **DATABASES["default"],
    "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
    "CONN_HEALTH_CHECKS": True,
}}

# The cache the app processes share (see base.py): files under VAR_DIR/cache unless
# CACHE_URL names one (redis://… as soon as the app runs on more than one host); anonymous
# reads are served from it for RESPONSE_CACHE_TIMEOUT seconds or until content changes.
from .base import VAR_DIR  # noqa: E402
from .env import cache_from_url  # noqa: E402

CACHES = {"default": cache_from_url(env_str("CACHE_URL", f"file://{VAR_DIR / 'cache'}"))}
RESPONSE_CACHE_TIMEOUT = env_int("RESPONSE_CACHE_TIMEOUT", 600)
# Searches recorded for the editors' report are written 100 at a time (or 5 s after the
# first waiting; see base.py): one INSERT per search cost a cached search a third of its time.
INSIGHTS_SEARCH_BATCH_SIZE = env_int("INSIGHTS_SEARCH_BATCH_SIZE", 100)

# Outgoing e-mail (invitations, password resets) through SMTP.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Sign-in throttling behind the proxy (see base.py) ---------------------------------
# With TRUSTED_PROXY_COUNT proxies in front, django-axes takes the client's address
# from X-Forwarded-For, as many hops from the right; without it, REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
