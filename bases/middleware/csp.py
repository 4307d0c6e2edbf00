"""The Content-Security-Policy header (django-csp), with the admin's own script rule.

Every response gets ``settings.CONTENT_SECURITY_POLICY``: scripts from the site
itself or carrying the request's nonce (``{{ request.csp_nonce }}``), nothing
inline. The Wagtail admin still renders inline scripts of its own (inline
panels, date widgets) that cannot carry a nonce, so under ``/admin/`` the
directives of ``settings.CSP_ADMIN_DIRECTIVES`` replace the general ones.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's directives under /admin/."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX) and parts.replace is None:
            parts.replace = settings.CSP_ADMIN_DIRECTIVES
            # 'unsafe-inline' is ignored by browsers once a nonce is listed.
            parts.nonce = None
        return parts
