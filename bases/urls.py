"""URL routes: the Wagtail admin, documents, the v3 API, the open doors (sitemap, feeds,
catalogue, OAI-PMH, exports) and the page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bases.api import api
from bases.signin import ThrottledPasswordResetView
from events import urls as events_urls
from insights import urls as insights_urls
from search.views import search_click, search_page

urlpatterns = [
    # Before the admin's own route, which it wraps (bases/signin.py).
    path("admin/password_reset/", ThrottledPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v3/", api.urls),
    path("recherche/", search_page, name="search"),
    path("recherche/clic/", search_click, name="search_click"),
    path("", include(insights_urls)),
    path("", include(events_urls)),
    path("", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "SERVE_MEDIA", False):
    # Production with media on the local disk and no proxy serving them
    # (bases/settings/production.py: SERVE_MEDIA).
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]
