"""Public pages are cacheable for anonymous visitors, never for signed-in ones."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def test_anonymous_pages_are_public_and_vary_on_cookie(client, hub, settings):
    settings.PAGE_CACHE_MAX_AGE = 120
    for url in ("/", hub["guide"].url, hub["collection"].url, "/recherche/?q=communs"):
        response = client.get(url)
        assert response.status_code == 200
        assert directives(response) == {"public", "max-age=120"}, url
        assert "Cookie" in response["Vary"]


def test_signed_in_users_and_errors_are_not_cached(admin_client, client, hub):
    assert "private" in directives(admin_client.get(hub["guide"].url))
    assert "public" not in directives(client.get("/page-absente/"))
    assert "public" not in directives(client.get("/recherche/", {"page": "x"}))


def test_api_keeps_its_own_rules(client, hub):
    response = client.get("/api/v3/search/", {"q": "communs"})
    assert response.has_header("ETag")


def test_password_protected_pages_are_not_cached(client, hub):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=hub["guide"], restriction_type=PageViewRestriction.PASSWORD, password="nec")
    response = client.get(hub["guide"].url)
    assert response.status_code == 200  # Wagtail's password form
    assert "Cartographier" not in response.content.decode() or "password" in response.content.decode()
    assert "public" not in directives(response)
