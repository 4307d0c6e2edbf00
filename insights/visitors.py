"""Which requests are counted: visitors' own searches, not crawlers', prefetches or editors'."""

from __future__ import annotations

import re

from django.http import HttpRequest

# Crawlers and link previewers say so in their user agent; the header is read
# here and never stored.
ROBOT = re.compile(r"bot|crawl|spider|slurp|archiv|facebookexternalhit|preview|lighthouse|pingdom|uptime", re.I)


def is_counted(request: HttpRequest) -> bool:
    """Whether this request is a visitor's: not a robot, a prefetch, a preview or a signed-in editor."""
    if ROBOT.search(request.META.get("HTTP_USER_AGENT", "")):
        return False
    purpose = f"{request.META.get('HTTP_SEC_PURPOSE', '')} {request.META.get('HTTP_PURPOSE', '')}"
    if "prefetch" in purpose.lower() or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    # Editors trying searches out (checking a synonym, previewing) would skew what the public looks for.
    return not (user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))
