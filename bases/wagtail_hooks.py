"""The shell in the admin: « Inviter un·e organisateur·rice », and the invitations other apps ask for."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bases.admin.views import invite_view
from bases.invitations import invite_organiser

# events.review asks for an organiser's account through this hook (events sits below the shell).
hooks.register("invite_organiser", invite_organiser)


@hooks.register("register_admin_urls")
def register_invitation_urls():
    return [path("organisateurs/inviter/", invite_view, name="bases_invite_organiser")]


class InviteMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("auth.add_user") or request.user.has_perm("events.change_localeventapplication")


@hooks.register("register_admin_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(
        "Inviter un·e organisateur·rice", reverse("bases_invite_organiser"), icon_name="mail", order=270
    )
