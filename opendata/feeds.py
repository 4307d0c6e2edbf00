"""RSS 2.0 and Atom feeds of the public resources: the latest, per theme, principle,
collection (in its curated order), base, and for any search.

Each item carries the summary, the resource's own date, its themes as
categories, its licence (``creativeCommons:license`` in RSS, ``rel="license"``
in Atom) and its credits. A search feed reads the search API's parameters
through the API's own ``SearchParams``: a bad one is a 400 problem, not a feed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from pydantic import ValidationError
from wagtail.models import Page

from core.visibility import visible
from curation.membership import members
from curation.models import CollectionPage
from opendata.dates import as_datetime, modified_at, resource_date
from opendata.problems import BadParameter, bad_request
from opendata.records import Record, prepared, public_resources, records_in_order, load_records
from opendata.sets import base_models
from search import backends
from search.api.schemas import SearchParams
from search.query import MAX_PAGE_SIZE, Facet, SearchQueryError, Sort
from taxonomy.models import PrinciplePage, ThemePage

FEED_SIZE = 30
# The most a collection's feed lists, in the editors' order.
COLLECTION_FEED_SIZE = 100
CREATIVE_COMMONS_RSS = "http://backend.userland.com/creativeCommonsRssModule"
SEARCH_PARAMETERS = {"q", "sort", "page", "page_size", *(facet.value for facet in Facet)}


class LicensedRss(Rss201rev2Feed):
    """RSS 2.0 with each item's licence (the Creative Commons RSS module)."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:creativeCommons": CREATIVE_COMMONS_RSS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("licence_url"):
            handler.addQuickElement("creativeCommons:license", item["licence_url"])


class LicensedAtom(Atom1Feed):
    """Atom with each entry's licence as ``<link rel="license">`` (RFC 4946)."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("licence_url"):
            handler.addQuickElement("link", "", {"rel": "license", "href": item["licence_url"]})


FORMATS = {"rss": LicensedRss, "atom": LicensedAtom}


@dataclass
class FeedSource:
    """What one feed lists: its title, the page it follows and how to read its records."""

    title: str
    link: str
    description: str
    records: Callable[[], list[Record]]


class ResourceFeed(Feed):
    """One feed view per source kind; ``fmt`` (rss or atom) picks the generator."""

    kind = "latest"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # The view is shared between requests: each gets its own copy to hold its request and format.
        feed = copy.copy(self)
        feed.request = request
        feed.feed_type = FORMATS[kwargs.pop("fmt")]
        try:
            return Feed.__call__(feed, request, *args, **kwargs)
        except BadParameter as error:
            return bad_request(error)
        except backends.SearchUnavailable:
            response = HttpResponse("Le moteur de recherche ne répond pas ; réessayez plus tard.", status=503)
            response["Retry-After"] = "30"
            return response

    def get_object(self, request: HttpRequest, slug: str = "") -> FeedSource:
        return SOURCES[self.kind](request, slug)

    def title(self, source: FeedSource) -> str:
        return f"{source.title} — Les Bases"

    def link(self, source: FeedSource) -> str:
        return source.link

    def description(self, source: FeedSource) -> str:
        return source.description

    def feed_url(self, source: FeedSource) -> str:
        return self.request.build_absolute_uri()

    def items(self, source: FeedSource) -> list[Record]:
        return source.records()

    def item_title(self, record: Record) -> str:
        return record.page.title

    def item_description(self, record: Record) -> str:
        return render_to_string("opendata/feed_item.html", {"record": record})

    def item_link(self, record: Record) -> str:
        return record.url

    def item_guid(self, record: Record) -> str:
        return record.url

    def item_pubdate(self, record: Record):
        return as_datetime(resource_date(record.page))

    def item_updateddate(self, record: Record):
        return modified_at(record.page)

    def item_categories(self, record: Record) -> list[str]:
        return [theme.title for theme in record.themes]

    def item_author_name(self, record: Record) -> str:
        return record.page.attribution

    def item_copyright(self, record: Record) -> str:
        return f"{record.licence.name} — {record.page.attribution}"

    def item_extra_kwargs(self, record: Record) -> dict:
        return {"licence_url": record.licence.url}


def _latest(queryset, request) -> list[Record]:
    pages = prepared(queryset.order_by("-first_published_at", "-pk"))[:FEED_SIZE]
    return load_records(pages, request)


def _page(queryset, slug: str) -> Page:
    page = visible(queryset).filter(slug=slug).first()
    if page is None:
        raise Http404(f"Aucune page publique « {slug} ».")
    return page


def latest_source(request: HttpRequest, slug: str) -> FeedSource:
    return FeedSource(
        "Dernières ressources",
        request.build_absolute_uri("/"),
        "Les ressources ouvertes publiées le plus récemment sur Les Bases.",
        lambda: _latest(public_resources(), request),
    )


def theme_source(request: HttpRequest, slug: str) -> FeedSource:
    theme = _page(ThemePage.objects.all(), slug)
    return FeedSource(
        f"Thématique « {theme.title} »",
        theme.get_full_url(request),
        f"Les dernières ressources de la thématique « {theme.title} ».",
        lambda: _latest(public_resources().filter(themes=theme), request),
    )


def principle_source(request: HttpRequest, slug: str) -> FeedSource:
    principle = _page(PrinciplePage.objects.all(), slug)
    return FeedSource(
        f"Principe « {principle.title} »",
        principle.get_full_url(request),
        f"Les dernières ressources liées au principe « {principle.title} ».",
        lambda: _latest(public_resources().filter(principles=principle), request),
    )


def collection_source(request: HttpRequest, slug: str) -> FeedSource:
    collection = _page(CollectionPage.objects.all(), slug)
    return FeedSource(
        f"Collection « {collection.title} »",
        collection.get_full_url(request),
        f"Les ressources de la collection « {collection.title} », dans l'ordre choisi par l'équipe éditoriale.",
        lambda: records_in_order([e.resource_id for e in members(collection)][:COLLECTION_FEED_SIZE], request),
    )


def base_source(request: HttpRequest, slug: str) -> FeedSource:
    base = _page(Page.objects.type(*base_models()), slug)
    return FeedSource(
        f"Base « {base.title} »",
        base.get_full_url(request),
        f"Les dernières ressources publiées dans la base « {base.title} ».",
        lambda: _latest(public_resources().child_of(base), request),
    )


def search_source(request: HttpRequest, slug: str) -> FeedSource:
    query = search_query(request.GET)
    link = request.build_absolute_uri(reverse("search") + (f"?{request.GET.urlencode()}" if request.GET else ""))
    label = f"« {query.text} »" if query.text else "toutes les ressources"
    def records() -> list[Record]:
        result = backends.get_backend().search(query)
        return records_in_order([hit.id for hit in result.hits], request)
    return FeedSource(f"Recherche {label}", link, "Les ressources qui répondent à cette recherche.", records)


def search_query(data: QueryDict):
    """The search API's query from a feed's parameters (newest first unless ``sort`` says otherwise)."""
    unknown = sorted(set(data) - SEARCH_PARAMETERS)
    if unknown:
        raise BadParameter(unknown[0], "paramètre inconnu ; paramètres possibles : " + ", ".join(sorted(SEARCH_PARAMETERS)) + ".")
    list_names = {facet.value for facet in Facet}
    values: dict = {name: data.getlist(name) for name in list_names if name in data}
    values.update({name: data[name] for name in ("q", "sort", "page", "page_size") if data.get(name, "") != ""})
    values.setdefault("sort", Sort.NEWEST.value)
    values.setdefault("page_size", FEED_SIZE)
    try:
        return SearchParams(**values).to_query()
    except ValidationError as error:
        detail = error.errors()[0]
        parameter = str(detail["loc"][0]) if detail.get("loc") else "?"
        raise BadParameter(parameter, f"valeur non valide ({detail.get('msg', '')}; au plus {MAX_PAGE_SIZE} par page).") from None
    except SearchQueryError as error:
        raise BadParameter(error.parameter, str(error).removeprefix(f"{error.parameter}: ")) from None


SOURCES: dict[str, Callable[[HttpRequest, str], FeedSource]] = {
    "latest": latest_source,
    "theme": theme_source,
    "principle": principle_source,
    "collection": collection_source,
    "base": base_source,
    "search": search_source,
}


def feed_view(kind: str) -> ResourceFeed:
    """The feed view of one source kind."""
    feed = ResourceFeed()
    feed.kind = kind
    return feed
