"""Settings shared by every environment; the others import and adjust these.

Everything that differs between machines comes from the environment:
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``ELASTICSEARCH_URL``,
``MEDIA_ROOT``/``MEDIA_URL``/``MEDIA_STORAGE_BACKEND``, ``BASE_URL``.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import cache_from_url, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# The hub's apps from the bottom layer up (ARCHITECTURE.md); ``core`` is a plain
# package with no models.
INSTALLED_APPS = [
    "licensing",
    "taxonomy",
    "territories",
    "resources",
    "curation",
    "events",
    "search",
    "insights",
    "opendata",
    "bases",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",  # app label django_tasks_database: the production task queue
    "corsheaders",
    "csp",  # Content-Security-Policy (see the block at the end)
    "axes",  # sign-in throttling (see the block at the end)
    "ninja",  # the API docs' Swagger UI served from our static files, not a CDN
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last, so that nothing of theirs overrides another app's templates: the
    # DSFR's styles, scripts and template tags for the public pages.
    "dsfr",
    "widget_tweaks",
]

MIDDLEWARE = [
    # First: /healthz and /readyz answer before host checks, redirects and caches.
    "bases.middleware.health.HealthCheckMiddleware",
    # CORS headers depend on each request's Origin: added to cached responses too.
    "corsheaders.middleware.CorsMiddleware",
    # A hit skips everything below; what it stores carries their headers (CSP included).
    "bases.middleware.response_cache.ResponseCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Below the response cache: a hit reads nothing from the tree anyway.
    "bases.middleware.visibility.VisibilityFactsMiddleware",
    "bases.middleware.csp.ContentSecurityPolicyMiddleware",
    "bases.middleware.api_cache.ApiCacheMiddleware",
    "bases.middleware.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "licensing.middleware.LicenceRefusalMiddleware",
    "bases.middleware.write_fields.UnknownWriteFieldsMiddleware",
    "bases.middleware.pagination.PaginationBoundsMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bases.urls"
WSGI_APPLICATION = "bases.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French admin and content.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Object storage in production: set MEDIA_STORAGE_BACKEND to the storage
    # class (e.g. an S3 backend) and its own variables.
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, adopted now

# Wagtail
WAGTAIL_SITE_NAME = "Les Bases — Numérique en Commun[s]"
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://localhost:8000")
WAGTAILIMAGES_IMAGE_MODEL = "licensing.LicensedImage"
WAGTAILDOCS_DOCUMENT_MODEL = "licensing.LicensedDocument"
# Audio formats too: a podcast episode may carry its audio file (see curation.blocks.EpisodeBlock).
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"),
    *("m4a", "mp3", "oga", "ogg", "wav"),
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILAPI_DOCS_ENABLED = True
# Absolute addresses in API responses (detail_url, api_url), the same with or without a request.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50

# API web habits: front-end origins allowed by CORS (only under /api/), and how
# long shared caches may keep an anonymous read (ETag and 304 come with it).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag"]
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)
# How long shared caches may keep a public page served to an anonymous visitor.
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 300)

# One cache that every app process shares: the response cache, the content version
# that invalidates it (core.content_version) and the rate limits. CACHE_URL names it:
# redis://host:6379/0 (Django's Redis backend; app servers on several hosts) or
# file:///directory (files: the processes of one host). Unset: this process's memory
# (development, tests); production then keeps it in files under VAR_DIR/cache.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}
# Seconds the app keeps an anonymous page or API read it rendered (0: off), served
# to later visitors until public content changes (bases.middleware.response_cache).
RESPONSE_CACHE_TIMEOUT = env_int("RESPONSE_CACHE_TIMEOUT", 0)

# Background tasks (django-tasks). Production runs a worker on the database
# backend; development and tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Search engine for the hub's own search (see search/): unset → database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

# The public application to organise a local NEC: attempts per client
# (REMOTE_ADDR) within the window, in seconds, counted in the default cache.
LOCAL_NEC_APPLICATION_RATE_LIMIT = env_int("LOCAL_NEC_APPLICATION_RATE_LIMIT", 10)
LOCAL_NEC_APPLICATION_RATE_WINDOW = env_int("LOCAL_NEC_APPLICATION_RATE_WINDOW", 3600)
# Open doors (opendata): the address harvesters may write to, named in OAI-PMH's Identify.
OPENDATA_ADMIN_EMAIL = env_str("OPENDATA_ADMIN_EMAIL", "contact@example.org")
# Records per OAI-PMH list response before a resumption token.
OPENDATA_OAI_PAGE_SIZE = env_int("OPENDATA_OAI_PAGE_SIZE", 100)

# Licensing: the licence every new item gets unless the author picks another.
LICENSING_DEFAULT_LICENCE = "cc-by-sa-4.0"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Search indexing retries after an engine failure (search/tasks.py), on task backends
# that can defer (the production worker): BASE seconds, doubling, at most MAX seconds,
# until the outbox drains. SEARCH_INDEX_BATCH_SIZE: outbox entries applied per transaction.
# SEARCH_INDEX_MAX_ATTEMPTS: failures after which a page whose document cannot be built
# is set aside (search/indexing.py), so it neither holds the queue nor retries forever.
SEARCH_INDEX_MAX_ATTEMPTS = env_int("SEARCH_INDEX_MAX_ATTEMPTS", 5)
SEARCH_SYNC_RETRY_BASE_SECONDS = float(env_str("SEARCH_SYNC_RETRY_BASE_SECONDS", "5"))
SEARCH_SYNC_RETRY_MAX_SECONDS = float(env_str("SEARCH_SYNC_RETRY_MAX_SECONDS", "300"))
SEARCH_INDEX_BATCH_SIZE = env_int("SEARCH_INDEX_BATCH_SIZE", 500)
# Results the database search backend keeps per process while the index and the synonyms
# are unchanged (search/backends/database/cache.py); 0 turns that cache off.
SEARCH_RESULT_CACHE_SIZE = env_int("SEARCH_RESULT_CACHE_SIZE", 512)
# Recorded searches written together, in one INSERT, by each process (insights/recording.py):
# when this many wait, FLUSH_SECONDS after the first one, and at exit. 1: each at once.
INSIGHTS_SEARCH_BATCH_SIZE = env_int("INSIGHTS_SEARCH_BATCH_SIZE", 1)
INSIGHTS_SEARCH_FLUSH_SECONDS = env_int("INSIGHTS_SEARCH_FLUSH_SECONDS", 5)

# --- Content-Security-Policy (django-csp 4; bases/middleware/csp.py) ---------------------
# Scripts come from the site itself (DSFR, the public pages' scripts, the API docs'
# Swagger UI, which "ninja" in INSTALLED_APPS serves from /static/); an inline script
# must carry the request's nonce (``nonce="{{ request.csp_nonce }}"``).
# Inline styles stay allowed: DSFR, Wagtail's admin and Swagger UI set style
# attributes, and a style cannot run code. Media on object storage (an absolute
# MEDIA_URL) and the embed providers (CSP_EMBED_ORIGINS) are added to images and frames.
CSP_EMBED_ORIGINS = env_list(
    "CSP_EMBED_ORIGINS",
    [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://w.soundcloud.com",
        "https://www.dailymotion.com",
    ],
)
_MEDIA_ORIGINS = [MEDIA_URL] if MEDIA_URL.startswith(("https://", "http://")) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_EMBED_ORIGINS],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# Wagtail 8's admin still writes inline scripts of its own (inline panels, date and
# time widgets) without a nonce: under /admin/ only, inline scripts are allowed.
CSP_ADMIN_DIRECTIVES = {"script-src": [SELF, UNSAFE_INLINE]}
# No Gravatar in the admin: it would send a hash of every editor's e-mail address to a
# third party (and need its origin in img-src); Wagtail draws its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the dashboard's call to Wagtail's release feed (connect-src): versions are pinned
# in requirements.txt and upgraded on purpose.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Sign-in throttling (django-axes 8; bases/signin.py) -------------------------------
# Wrong passwords are counted per username and client address: the
# SIGNIN_FAILURE_LIMIT-th locks that pair out, and every attempt after it is refused
# with a French message (429), even with the right password, for AXES_COOLOFF_HOURS;
# then it may try again (`manage.py axes_reset` lifts every lockout at once). The
# admin's password-reset form is counted the same way, per e-mail address and client,
# with its own smaller limit. A success resets the count.
AUTHENTICATION_BACKENDS = [
    "bases.signin.SigninThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SIGNIN_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 30)
SIGNIN_PASSWORD_RESET_LIMIT = env_int("SIGNIN_PASSWORD_RESET_LIMIT", 5)
AXES_FAILURE_LIMIT = "bases.signin.failure_limit"
AXES_COOLOFF_TIME = float(env_str("AXES_COOLOFF_HOURS", "1"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bases.signin.lockout_response"
# Only REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many proxies append to
# X-Forwarded-For (production.py): a client must not pick its own address.
