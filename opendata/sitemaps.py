"""sitemap.xml (Wagtail's sitemap generator) and robots.txt.

Wagtail's generator lists ``live().public()`` pages; ours narrows them with the
visibility rule, so a live page under an unpublished parent is left out too.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from core.visibility import visible


class PublicSitemap(Sitemap):
    """Every page the public may see under the site's root, with its last publication as ``lastmod``."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible(pages).order_by("path").defer_streamfields().specific()


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers welcome on the public pages and open doors; kept out of the admin and the API's writes."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # The pages API takes writes (POST, PATCH, DELETE) with a token; crawlers only need the public pages.
        "Disallow: /api/v3/pages/",
        "Disallow: /api/v3/docs/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('opendata:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
