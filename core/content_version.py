"""The version of what the public sees: a token that changes whenever public content may have.

The server-side response cache (``bases.middleware.response_cache``) files every stored
response under the version read when its request started. Changing the version orphans
every stored response at once, in every app process sharing the cache (they expire on
their own); nothing is deleted, so nothing races with a request being served.

A new token is random rather than a counter: two processes changing content at the same
moment can never write the same value, so a change is never lost (an increment done as
read-then-write could be, on a cache that has no atomic increment, such as files).
"""

from __future__ import annotations

import secrets

from django.core.cache import caches

VERSION_KEY = "lesbases:content-version"
CACHE_ALIAS = "default"


def current_content_version() -> str:
    """The version now; a first reader creates one (a cache that was flushed starts anew)."""
    cache = caches[CACHE_ALIAS]
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        # add(), not set(): if another process created one meanwhile, keep it.
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed() -> None:
    """Say that public content may have changed: responses stored before are not served again.

    Call it after the change is committed (``transaction.on_commit``): a request that read
    the new version before the commit could otherwise store the old content under it.
    """
    caches[CACHE_ALIAS].set(VERSION_KEY, secrets.token_hex(8), timeout=None)
