"""Curation in the admin: « Ajouter à une collection », the overview, the hidden items panel."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from curation.models import CollectionPage
from resources.models import ResourcePage
from tests import factories
from tests.curation.test_collections import collection_form

pytestmark = pytest.mark.django_db


def add_url(resource) -> str:
    return reverse("curation_add_to_collection", args=(resource.pk,))


@pytest.fixture
def collection(home, resource):
    collection = factories.CollectionPageFactory(title="Sélection de l'équipe")
    factories.CollectionItemFactory(collection=collection, resource=resource)
    return collection


def resource_ids(collection) -> list[int]:
    return [item.resource_id for item in CollectionPage.objects.get(pk=collection.pk).items.all()]


def test_an_editor_adds_a_resource_to_a_live_collection_which_is_published(client, editor, collection, base_page):
    newcomer = factories.ResourcePageFactory(parent=base_page, title="Nouvelle ressource")
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(newcomer.pk,))

    response = client.post(add_url(newcomer), {"collection": collection.pk, "note": "À lire", "next": edit_url})

    assert response.status_code == 302 and response.url == edit_url
    stored = CollectionPage.objects.get(pk=collection.pk)
    assert resource_ids(collection)[-1] == newcomer.pk and stored.items.last().note == "À lire"
    assert stored.live and not stored.has_unpublished_changes
    assert "publiée" in [str(m) for m in get_messages(response.wsgi_request)][0]


def test_adding_to_a_collection_with_a_pending_draft_keeps_a_draft(client, editor, collection, base_page):
    newcomer = factories.ResourcePageFactory(parent=base_page)
    draft = CollectionPage.objects.get(pk=collection.pk)
    draft.introduction = "Une introduction pas encore relue."
    draft.save_revision()
    client.force_login(editor)

    client.post(add_url(newcomer), {"collection": collection.pk})

    assert len(resource_ids(collection)) == 1  # the live page is unchanged
    latest = CollectionPage.objects.get(pk=collection.pk).get_latest_revision_as_object()
    assert [item.resource_id for item in latest.items.all()][-1] == newcomer.pk
    assert latest.introduction == "Une introduction pas encore relue."


def test_a_duplicate_is_refused_with_a_message(client, editor, collection, resource):
    client.force_login(editor)

    response = client.post(add_url(resource), {"collection": collection.pk})

    assert response.status_code == 400
    assert "déjà dans la collection" in response.context["form"].errors["collection"][0]
    assert resource_ids(collection) == [resource.pk]


def test_an_organiser_may_not_add_to_a_collection(client, organiser, collection, nec_locaux):
    mine = factories.ResourcePageFactory(parent=nec_locaux, owner=organiser)
    client.force_login(organiser)

    # Wagtail's admin turns a refusal into a redirect with an error message.
    response = client.get(add_url(mine))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert client.post(add_url(mine), {"collection": collection.pk}).status_code == 302
    assert mine.pk not in resource_ids(collection)
    # Nor is the action offered in the resource's editor.
    page = client.get(reverse("wagtailadmin_pages:edit", args=(mine.pk,)))
    assert add_url(mine) not in page.content.decode()


def test_the_action_is_offered_in_the_resource_editor_and_listing(client, editor, resource, collection):
    client.force_login(editor)

    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=(resource.pk,))).content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=(resource.get_parent().pk,))).content.decode()

    assert "Ajouter à une collection" in editor_page and add_url(resource) in editor_page
    assert add_url(resource) in listing


def test_overview_lists_kind_count_last_change_and_unpublished_items(client, editor, collection, resource, base_page):
    gone = factories.ResourcePageFactory(parent=base_page, title="Ressource dépubliée")
    factories.CollectionItemFactory(collection=collection, resource=gone, sort_order=1)
    ResourcePage.objects.get(pk=gone.pk).unpublish()
    client.force_login(editor)

    response = client.get(reverse("curation_overview"))

    assert response.status_code == 200
    [row] = response.context["rows"]
    assert row.collection.pk == collection.pk and row.kind_label == "Sélection thématique"
    assert row.item_count == 1 and row.last_change is not None
    assert [item.title for item in row.hidden] == ["Ressource dépubliée"]
    assert "Ressource dépubliée" in response.content.decode()


def test_overview_is_for_editors_only(client, organiser, collection):
    client.force_login(organiser)

    response = client.get(reverse("curation_overview"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert "Collections" not in [item.label for item in _menu_items(response.wsgi_request)]


def _menu_items(request):
    from wagtail.admin.menu import admin_menu

    return admin_menu.menu_items_for_request(request)


def test_the_collection_editor_shows_hidden_items(admin_client, collection, base_page):
    gone = factories.ResourcePageFactory(parent=base_page, title="Ressource retirée")
    factories.CollectionItemFactory(collection=collection, resource=gone, sort_order=1)
    ResourcePage.objects.get(pk=gone.pk).unpublish()

    content = admin_client.get(reverse("wagtailadmin_pages:edit", args=(collection.pk,))).content.decode()

    assert "Ressources retirées de la vue publique" in content
    assert "Ressource retirée" in content and "dépubliée" in content


def test_the_editor_refuses_two_featured_items(admin_client, home, base_page):
    a, b = (factories.ResourcePageFactory(parent=base_page) for _ in range(2))
    index = factories.CollectionIndexPageFactory()
    url = reverse("wagtailadmin_pages:add", args=("curation", "collectionpage", index.pk))
    items = inline_formset([{"resource": str(r.pk), "note": "", "featured": "on"} for r in (a, b)])

    response = admin_client.post(url, collection_form(title="Deux vedettes", slug="deux-vedettes", items=items))

    assert response.status_code == 200
    assert "mise en avant" in str(response.context["form"].non_field_errors())
    assert not CollectionPage.objects.filter(slug="deux-vedettes").exists()


def bulk_url(*pages, next_url: str = "/admin/") -> str:
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", "add_to_collection")) + f"?next={next_url}&{ids}"


def test_the_bulk_action_adds_several_resources_and_skips_those_already_there(
    client, editor, collection, resource, base_page
):
    a, b = (factories.ResourcePageFactory(parent=base_page, title=t) for t in ("A", "B"))
    client.force_login(editor)
    url = bulk_url(a, resource, b)

    assert client.get(url).status_code == 200
    response = client.post(url, {"collection": collection.pk, "note": "Ajout groupé"})

    assert response.status_code == 302
    assert resource_ids(collection) == [resource.pk, a.pk, b.pk]
    message = [str(m) for m in get_messages(response.wsgi_request)][0]
    assert "2 ressource(s) ajoutée(s)" in message and "1 déjà présente(s)" in message


def test_the_bulk_action_refuses_when_all_are_already_there(client, editor, collection, resource):
    client.force_login(editor)

    response = client.post(bulk_url(resource), {"collection": collection.pk})

    assert response.status_code == 400
    assert "déjà toutes dans la collection" in response.content.decode()
    assert resource_ids(collection) == [resource.pk]


def test_the_bulk_action_does_nothing_for_an_organiser(client, organiser, collection, nec_locaux):
    mine = factories.ResourcePageFactory(parent=nec_locaux, owner=organiser)
    client.force_login(organiser)

    client.post(bulk_url(mine), {"collection": collection.pk})

    assert mine.pk not in resource_ids(collection)
