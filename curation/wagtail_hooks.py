"""Curation in the admin: the collections overview and « Ajouter à une collection »
from a resource's editor header, the page listing's « more » menu and its bulk actions;
and the collections of a resource, for the resource's API field."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from curation.adding import editable_collections
from curation.admin import views
from curation.admin.bulk_actions import AddToCollectionBulkAction
from curation.lookups import collection_links
from resources.api_fields import RESOURCE_COLLECTIONS_HOOK
from resources.models import ResourcePage


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("curation/collections/", views.overview_view, name="curation_overview"),
        path(
            "curation/add-to-collection/<int:resource_id>/",
            views.add_to_collection_view,
            name="curation_add_to_collection",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return bool(editable_collections(request.user))


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return EditorsMenuItem(
        "Collections", reverse("curation_overview"), icon_name="folder-open-inverse", order=250
    )


def _add_button(page, user, next_url, priority: int):
    if not issubclass(page.specific_class or type(None), ResourcePage) or not editable_collections(user):
        return
    url = reverse("curation_add_to_collection", args=(page.pk,))
    if next_url:
        url += "?" + urlencode({"next": next_url})
    yield Button("Ajouter à une collection", url, icon_name="folder-open-inverse", priority=priority)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    yield from _add_button(page, user, next_url, priority=80)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _add_button(page, user, next_url, priority=45)


hooks.register("register_bulk_action", AddToCollectionBulkAction)


hooks.register(RESOURCE_COLLECTIONS_HOOK, collection_links)
