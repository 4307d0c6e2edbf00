"""Public routes of the organiser's path (mounted by the shell before the page tree)."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("candidature-nec-local/", views.apply_view, name="apply"),
    path("candidature-nec-local/merci/", views.applied_view, name="applied"),
    path("nec-locaux.ics", views.calendar_ics, name="calendar_ics"),
    path("nec-locaux/evenement-<int:page_id>.ics", views.event_ics, name="event_ics"),
]
