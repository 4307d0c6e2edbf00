"""The register in the admin: a read-only listing (it is loaded by ``load_territories``)."""

from __future__ import annotations

from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from territories.dataset import LICENCE_URL, SOURCE_CREDIT
from territories.models import Territory

READ_ONLY_ACTIONS = {"view"}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing follows Django's permissions; nobody adds, edits or deletes a territory by hand."""

    def user_has_permission(self, user, action):
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in READ_ONLY_ACTIONS])


class TerritoryIndexView(IndexView):
    """The listing, with the dataset's source and licence credited above it."""

    source_credit = SOURCE_CREDIT
    licence_url = LICENCE_URL


class TerritoryViewSet(ModelViewSet):
    model = Territory
    icon = "site"
    menu_label = "Territoires"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    search_backend_name = None  # plain database lookups: the register is not in Wagtail's index
    inspect_view_fields = ["name", "kind", "code", "parent", "path"]
    ordering = ["folded_name", "code"]
    # Wagtail builds the add and edit views from these; the policy keeps them closed.
    form_fields = ["name", "kind", "code", "parent"]
    index_view_class = TerritoryIndexView
    index_template_name = "territories/admin/index.html"


territory_viewset = TerritoryViewSet("territories")
