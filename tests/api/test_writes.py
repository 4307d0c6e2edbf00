"""Writes stay behind Wagtail's token authentication and keep every model rule."""

from __future__ import annotations

import pytest

from resources.models import ResourcePage
from tests import factories
from tests.api.conftest import API, assert_problem
from tests.helpers import CLOSED_LICENCE


def new_resource(base, **fields) -> dict:
    return {
        "meta": {"type": "resources.ResourcePage", "parent_id": base.pk, "action": "publish"},
        "title": "Publié par l'API",
        "summary": "Une ressource envoyée par un client.",
        "resource_type": "guide",
        "attribution": "Collectif NEC",
        "date": "2024-10-01",
        "date_precision": "month",
        **fields,
    }


def test_anonymous_writes_are_refused(client, hub):
    response = client.post(f"{API}/pages/", new_resource(hub["base"], themes=[hub["data"].pk]), content_type="application/json")
    assert_problem(response, 401)
    assert_problem(client.delete(f"{API}/pages/{hub['guide'].pk}/"), 401)
    assert not ResourcePage.objects.filter(title="Publié par l'API").exists()


def test_a_session_does_not_open_the_write_api(admin_client, hub):
    response = admin_client.post(
        f"{API}/pages/", new_resource(hub["base"], themes=[hub["data"].pk]), content_type="application/json"
    )
    assert response.status_code == 401


def test_publishing_without_a_theme_is_refused_like_in_the_admin(token_client, hub):
    response = token_client.post(f"{API}/pages/", new_resource(hub["base"]), content_type="application/json")
    problem = assert_problem(response, 422)
    assert "themes" in str(problem["errors"])
    assert not ResourcePage.objects.filter(title="Publié par l'API", live=True).exists()


@pytest.mark.parametrize("licence", [CLOSED_LICENCE, "inconnue"])
def test_a_licence_that_is_not_open_is_refused(token_client, hub, licence):
    payload = new_resource(hub["base"], themes=[hub["data"].pk], licence=licence)
    problem = assert_problem(token_client.post(f"{API}/pages/", payload, content_type="application/json"), 422)
    assert "licence" in str(problem["errors"])
    assert not ResourcePage.objects.filter(title="Publié par l'API").exists()


def test_a_complete_resource_is_published_with_its_licence(token_client, client, hub):
    payload = new_resource(hub["base"], themes=[hub["data"].pk], principles=[hub["ouvrir"].pk], licence="cc0-1.0")
    response = token_client.post(f"{API}/pages/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    page = ResourcePage.objects.get(title="Publié par l'API")
    assert page.live and page.licence_id == "cc0-1.0"
    assert list(page.themes.values_list("slug", flat=True)) == ["donnees-territoires"]
    public = client.get(f"{API}/pages/{page.pk}/").json()
    assert public["licence"]["id"] == "cc0-1.0" and public["themes"][0]["slug"] == "donnees-territoires"
    assert (public["date"], public["date_precision"]) == ("2024-10-01", "month")


def test_a_resource_without_its_own_date_is_not_published(token_client, hub):
    payload = new_resource(hub["base"], themes=[hub["data"].pk], licence="cc0-1.0")
    del payload["date"]
    problem = assert_problem(token_client.post(f"{API}/pages/", payload, content_type="application/json"), 422)
    assert "date : indiquez la date de la ressource" in str(problem)
    assert not ResourcePage.objects.filter(title="Publié par l'API").exists()


def test_a_territory_is_written_by_its_id_and_an_unknown_one_refused(token_client, hub):
    metz = factories.territory("com-57463")
    payload = new_resource(hub["base"], themes=[hub["data"].pk], licence="cc0-1.0", territory_id=metz.pk)
    assert token_client.post(f"{API}/pages/", payload, content_type="application/json").status_code == 201
    assert ResourcePage.objects.get(title="Publié par l'API").territory == metz
    payload = new_resource(hub["base"], title="Ailleurs", themes=[hub["data"].pk], licence="cc0-1.0",
                           territory_id=999_999)
    problem = assert_problem(token_client.post(f"{API}/pages/", payload, content_type="application/json"), 422)
    assert "territory" in str(problem)
    assert not ResourcePage.objects.filter(title="Ailleurs").exists()


def test_an_update_cannot_switch_to_a_closed_licence(token_client, hub):
    guide = hub["guide"]
    response = token_client.patch(
        f"{API}/pages/{guide.pk}/",
        {"meta": {"action": "publish"}, "licence": CLOSED_LICENCE},
        content_type="application/json",
    )
    assert_problem(response, 422)
    guide.refresh_from_db()
    assert guide.licence_id == "etalab-2.0"


def test_an_update_cannot_remove_the_last_theme_of_a_published_resource(token_client, hub):
    podcast = hub["podcast"]
    response = token_client.patch(
        f"{API}/pages/{podcast.pk}/", {"meta": {"action": "publish"}, "themes": []}, content_type="application/json"
    )
    assert_problem(response, 422)
    assert podcast.themes.count() == 1


def test_writes_are_never_cached(token_client, hub):
    response = token_client.patch(
        f"{API}/pages/{hub['guide'].pk}/", {"summary": "Nouveau résumé."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]


def test_a_field_the_api_cannot_write_is_refused_not_dropped(token_client, hub):
    from tests import factories

    image = factories.ImageFactory(licence_id="cc0-1.0")
    payload = new_resource(hub["base"], themes=[hub["data"].pk], licence="cc0-1.0", cover_image=image.pk)
    problem = assert_problem(token_client.post(f"{API}/pages/", payload, content_type="application/json"), 422)
    assert problem["errors"][0]["loc"] == ["body", "data", "cover_image"] and "cover_image_id" in problem["detail"]
    assert not ResourcePage.objects.filter(title="Publié par l'API").exists()

    guide = hub["guide"]
    patch = {"title": "Renommé", "coverimage": image.pk}
    problem = assert_problem(token_client.patch(f"{API}/pages/{guide.pk}/", patch, content_type="application/json"), 422)
    assert "coverimage" in problem["detail"]
    assert ResourcePage.objects.get(pk=guide.pk).get_latest_revision_as_object().title == guide.title


def test_the_cover_image_is_written_under_its_schema_name(token_client, hub):
    from tests import factories

    image = factories.ImageFactory(licence_id="cc0-1.0")
    payload = new_resource(hub["base"], themes=[hub["data"].pk], licence="cc0-1.0", cover_image_id=image.pk)
    assert token_client.post(f"{API}/pages/", payload, content_type="application/json").status_code == 201
    assert ResourcePage.objects.get(title="Publié par l'API").cover_image_id == image.pk


def test_a_partial_update_keeps_what_it_does_not_name(token_client, hub):
    """PATCH of the title alone, published: themes, date and the rest stay as they were."""
    payload = new_resource(hub["base"], themes=[hub["data"].pk], licence="cc0-1.0")
    created = token_client.post(f"{API}/pages/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    page_id = created.json()["id"]
    response = token_client.patch(
        f"{API}/pages/{page_id}/", {"meta": {"action": "publish"}, "title": "Titre revu"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    page = ResourcePage.objects.get(pk=page_id)
    assert page.title == "Titre revu" and page.live
    assert [t.pk for t in page.themes.all()] == [hub["data"].pk]
    assert page.date.isoformat() == "2024-10-01" and page.licence_id == "cc0-1.0"
