"""The public pages of insights, mounted by the shell (bases/urls.py)."""

from django.urls import path

from insights.views import statistics_page

urlpatterns = [path("statistiques/", statistics_page, name="statistics")]
