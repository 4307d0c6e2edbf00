"""The register in the admin: its read-only listing and the chooser resources use."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from territories.admin.choosers import territory_chooser_viewset
from territories.admin.viewsets import ReadOnlyPolicy, territory_viewset
from territories.models import Territory

# Loaded by load_territories only: viewable, never edited by hand.
register_permission_policy(Territory, ReadOnlyPolicy(Territory))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [territory_viewset, territory_chooser_viewset]
