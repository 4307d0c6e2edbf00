"""The organiser's path in the admin: the applications' screen, and « Rédiger le compte rendu » on a past event."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from events.admin.viewsets import ApplicationViewSet
from events.admin.views import write_up_view
from events.models import LocalEventPage


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet()


@hooks.register("register_admin_urls")
def register_urls():
    return [path("nec-locaux/evenement/<int:page_id>/compte-rendu/", write_up_view, name="events_write_up")]


def _write_up_button(page, user, priority: int):
    if not issubclass(page.specific_class or type(None), LocalEventPage):
        return
    # The stored event, not the editor's draft of it (the header gets the latest revision).
    event = LocalEventPage.objects.filter(pk=page.pk).only("start_date", "end_date", "report_id").first()
    if event is None or not event.is_past() or not page.permissions_for_user(user).can_edit():
        return
    if event.report_id:
        yield Button("Ouvrir le compte rendu", reverse("wagtailadmin_pages:edit", args=(event.report_id,)),
                     icon_name="doc-full", priority=priority)
    else:
        yield Button("Rédiger le compte rendu", reverse("events_write_up", args=(page.pk,)),
                     icon_name="doc-full-inverse", priority=priority)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    yield from _write_up_button(page, user, priority=70)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _write_up_button(page, user, priority=40)
