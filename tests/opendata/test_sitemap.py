"""sitemap.xml lists every page the public may see, with lastmod; robots.txt points at it."""

from __future__ import annotations

from lxml import etree

from tests.api.conftest import SECRET

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_the_public_pages_with_lastmod(client, hub, hidden, orphan):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")}
    for name in ("guide", "podcast", "report", "collection", "base", "data"):
        assert hub[name].full_url in urls, name
    assert urls[hub["guide"].full_url]
    for page in (*hidden.values(), orphan):
        assert page.full_url not in urls
    assert SECRET not in response.content.decode()


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/v3/pages/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
