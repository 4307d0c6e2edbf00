"""The open doors' addresses (mounted at the site's root by the shell)."""

from django.urls import path, re_path
from wagtail.contrib.sitemaps.views import sitemap

from opendata.feeds import feed_view
from opendata.oai.views import oai_endpoint
from opendata.sitemaps import PublicSitemap, robots_txt
from opendata.views import catalogue, export

app_name = "opendata"

FEED = r"(?P<fmt>rss|atom)"
SLUG = r"(?P<slug>[-\w]+)"

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    re_path(rf"^flux/ressources\.{FEED}$", feed_view("latest"), name="feed-latest"),
    re_path(rf"^flux/recherche\.{FEED}$", feed_view("search"), name="feed-search"),
    re_path(rf"^flux/thematiques/{SLUG}\.{FEED}$", feed_view("theme"), name="feed-theme"),
    re_path(rf"^flux/principes/{SLUG}\.{FEED}$", feed_view("principle"), name="feed-principle"),
    re_path(rf"^flux/collections/{SLUG}\.{FEED}$", feed_view("collection"), name="feed-collection"),
    re_path(rf"^flux/bases/{SLUG}\.{FEED}$", feed_view("base"), name="feed-base"),
    path("catalogue", catalogue, name="catalogue"),
    re_path(r"^catalogue\.(?P<ext>ttl|rdf|jsonld)$", catalogue, name="catalogue-file"),
    path("oai/", oai_endpoint, name="oai"),
    re_path(r"^exports/ressources/(?P<resource_id>\d+)\.(?P<ext>md|pdf)$", export, name="export"),
]
