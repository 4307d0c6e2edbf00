"""The server-side response cache: anonymous reads served stored until public content changes."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import path

from bases.content_changes import is_public_content
from bases.middleware.response_cache import HIT_HEADER
from bases.settings.env import cache_from_url
from core.content_version import current_content_version
from insights.models import RecordedSearch
from licensing.models import LicensedRendition
from resources.models import ResourcePage
from territories.dataset import read_rows, sample_data_dir
from territories.loading import load as load_territories
from territories.models import Territory
from tests import factories

NONCE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture(autouse=True)
def response_cache(settings):
    settings.RESPONSE_CACHE_TIMEOUT = 600
    cache.clear()
    yield
    cache.clear()


def get_twice(client, url: str, **headers):
    return client.get(url, **headers), client.get(url, **headers)


@pytest.mark.django_db
def test_a_page_is_rendered_once_then_served_stored_without_a_query(client, resource, django_assert_num_queries):
    first = client.get(resource.url)
    assert first.status_code == 200 and first[HIT_HEADER] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(resource.url)
    assert second[HIT_HEADER] == "HIT"
    assert second.status_code == 200
    assert resource.title in second.content.decode()


def page_with_an_inline_script(request):
    """A page whose inline script carries the request's CSP nonce (as the DSFR base template does)."""
    return HttpResponse(f'<script nonce="{request.csp_nonce}">ok()</script>')


urlpatterns = [path("avec-script/", page_with_an_inline_script)]


@pytest.mark.django_db
def test_every_hit_carries_a_fresh_nonce_in_its_body_and_its_header(client, settings):
    settings.ROOT_URLCONF = __name__
    responses = [client.get("/avec-script/") for _ in range(3)]
    nonces = []
    for response in responses:
        (nonce,) = NONCE.findall(response.content.decode())
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert [r[HIT_HEADER] for r in responses] == ["MISS", "HIT", "HIT"]
    assert len(set(nonces)) == 3


@pytest.mark.django_db
def test_publishing_a_change_serves_the_new_version_at_once(client, resource, django_capture_on_commit_callbacks):
    assert client.get(resource.url)[HIT_HEADER] == "MISS"
    assert client.get(resource.url)[HIT_HEADER] == "HIT"

    page = ResourcePage.objects.get(pk=resource.pk)
    page.title = "Un titre revu après publication"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    response = client.get(resource.url)
    assert response[HIT_HEADER] == "MISS"
    assert "Un titre revu après publication" in response.content.decode()


@pytest.mark.django_db
def test_a_saved_draft_leaves_the_public_page_as_published(client, resource, django_capture_on_commit_callbacks):
    client.get(resource.url)
    page = ResourcePage.objects.get(pk=resource.pk)
    page.title = "Brouillon pas encore publié"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    response = client.get(resource.url)
    assert "Brouillon pas encore publié" not in response.content.decode()
    assert resource.title in response.content.decode()


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_at_once(client, resource, django_capture_on_commit_callbacks):
    get_twice(client, resource.url)
    with django_capture_on_commit_callbacks(execute=True):
        ResourcePage.objects.get(pk=resource.pk).unpublish()
    assert client.get(resource.url).status_code == 404


@pytest.mark.django_db
def test_a_licence_change_reaches_the_api_at_once(client, django_capture_on_commit_callbacks):
    factories.home_page()
    before, stored = get_twice(client, "/api/v3/licences/")
    assert stored[HIT_HEADER] == "HIT" and stored.content == before.content
    licence = factories.LicenceFactory(id="cc-by-4.0")
    licence.name = "Attribution 4.0 (nom revu)"
    with django_capture_on_commit_callbacks(execute=True):
        licence.save()
    after = client.get("/api/v3/licences/")
    assert after[HIT_HEADER] == "MISS"
    assert "Attribution 4.0 (nom revu)" in after.content.decode()


@pytest.mark.django_db
def test_loading_territories_in_bulk_changes_the_content_version(django_capture_on_commit_callbacks):
    Territory.objects.all().delete()
    before = current_content_version()
    with django_capture_on_commit_callbacks(execute=True):
        load_territories(read_rows(sample_data_dir()))
    assert current_content_version() != before


@pytest.mark.django_db
def test_a_migrate_changes_the_content_version_once(monkeypatch):
    changes = []
    monkeypatch.setattr("bases.content_changes.content_changed", lambda: changes.append(1))
    call_command("migrate", verbosity=0)
    assert changes == [1]


@pytest.mark.django_db
def test_a_signed_in_visitor_is_never_served_nor_stored(client, resource):
    user = get_user_model().objects.create_superuser("editrice", "e@example.org", "pw")
    client.force_login(user)
    assert all(HIT_HEADER not in r for r in get_twice(client, resource.url))
    client.logout()
    # What the signed-in editor saw was not stored for the anonymous visitor.
    assert client.get(resource.url)[HIT_HEADER] == "MISS"


@pytest.mark.django_db
def test_an_api_read_with_a_token_is_never_served_from_the_cache(client):
    factories.home_page()
    get_twice(client, "/api/v3/licences/")
    with_token = client.get("/api/v3/licences/", HTTP_AUTHORIZATION="Bearer whatever")
    assert HIT_HEADER not in with_token
    assert with_token["Cache-Control"] == "private, no-store" or "no-store" in with_token["Cache-Control"]


@pytest.mark.django_db
def test_every_public_search_reaches_the_view_and_is_recorded(client, resource):
    for url in ("/api/v3/search/?q=ressource", "/recherche/?q=ressource"):
        responses = get_twice(client, url)
        assert [r.status_code for r in responses] == [200, 200]
        assert all(HIT_HEADER not in r for r in responses)
    assert RecordedSearch.objects.count() == 4


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_not_stored(client, nec_locaux):
    # The public application form sets the CSRF cookie.
    first, second = get_twice(client, "/candidature-nec-local/")
    assert first.status_code == 200
    assert first.cookies, "the form sets its CSRF cookie"
    assert HIT_HEADER not in first and HIT_HEADER not in second


@pytest.mark.django_db
def test_head_is_answered_from_the_stored_get(client, resource):
    client.get(resource.url)
    assert client.head(resource.url)[HIT_HEADER] == "HIT"


@pytest.mark.django_db
def test_the_cache_is_off_when_its_timeout_is_zero(client, resource, settings):
    settings.RESPONSE_CACHE_TIMEOUT = 0
    assert all(HIT_HEADER not in r for r in get_twice(client, resource.url))


def test_what_counts_as_public_content():
    assert is_public_content(ResourcePage)
    assert is_public_content(Territory)
    assert not is_public_content(LicensedRendition)  # written while anonymous pages render
    assert not is_public_content(RecordedSearch)  # written by every search


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("redis://cache:6379/1", "django.core.cache.backends.redis.RedisCache", "redis://cache:6379/1"),
        ("file:///srv/lesbases/cache", "django.core.cache.backends.filebased.FileBasedCache", "/srv/lesbases/cache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", "lesbases"),
    ],
)
def test_cache_url_names_the_backend(url, backend, location):
    entry = cache_from_url(url)
    assert (entry["BACKEND"], entry["LOCATION"]) == (backend, location)


@pytest.mark.parametrize("url", ["memcached://x:11211", "cache", "file://relative/dir"])
def test_a_cache_url_of_another_kind_is_refused_naming_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url(url)
