"""Small helpers to read settings from the environment."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str | None:
    """Return the variable's value, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    """Return a boolean variable ("1", "true", "yes", "on" are true)."""
    value = env_str(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return a whole-number variable, or stop with a message naming it and its value."""
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"The environment variable {name} must be a whole number, not « {value} ».") from None


def env_required(name: str) -> str:
    """Return the variable's value or stop with a message naming it."""
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


CACHE_SCHEMES = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
}
# Stored responses a file or memory cache keeps before it drops some (Django's default, 300,
# would keep a handful of the hub's pages).
CACHE_MAX_ENTRIES = 5000


def cache_from_url(url: str, variable: str = "CACHE_URL") -> dict:
    """A ``CACHES`` entry from ``redis://host:6379/0``, ``file:///path`` or ``locmem://``."""
    scheme, separator, rest = url.partition("://")
    backend = CACHE_SCHEMES.get(scheme.lower()) if separator else None
    if backend is None:
        raise ImproperlyConfigured(
            f"{variable} must start with redis://, rediss://, file:// or locmem:// (got {url!r})."
        )
    if scheme.startswith("redis"):
        return {"BACKEND": backend, "LOCATION": url}
    if scheme == "file" and not rest.startswith("/"):
        raise ImproperlyConfigured(f"{variable} must name an absolute directory: file:///path (got {url!r}).")
    return {"BACKEND": backend, "LOCATION": rest or "lesbases", "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES}}
