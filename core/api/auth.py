"""How the hub's API routers authenticate: one declaration for all of them.

Reads are public; a Wagtail API token (``Authorization: Bearer …``) is
accepted too, as Wagtail's own v3 routers do, so that a client sends the same
header everywhere.
"""

from __future__ import annotations

from ninja import Router
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

PUBLIC_READ = [BearerTokenAuth(), AllowAnonymous()]


def public_router(tag: str) -> Router:
    """A router whose endpoints anyone may read (a token is accepted, never required)."""
    return Router(tags=[tag], auth=PUBLIC_READ)
