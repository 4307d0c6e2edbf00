"""The public search page (/recherche/): the API's query model and backend, as HTML.

Parameters are read into the API's ``SearchParams`` (same names, same bounds,
same facet checks), so the page and ``/api/v3/search/`` accept exactly the same
queries. A bad parameter gets a 400 page naming it in French; an unreachable
search engine a 503 page. Works as a plain GET form; static/bases/search.js
adds suggestions as you type and applies facets on change.

Each search that gets its results is announced (``search.events``), and the
hits link through /recherche/clic/, which announces the click and redirects to
the resource: the apps above search (``insights``) record them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from pydantic import ValidationError

from core.visibility import visible
from resources.models import ResourcePage
from search import backends, events
from search.api.schemas import SearchParams
from search.facets import FACETS
from search.query import (
    MAX_RESULT_WINDOW,
    MAX_TEXT_LENGTH,
    Facet,
    FacetValue,
    SearchQuery,
    SearchQueryError,
    SearchResult,
    Sort,
)

PAGE_SIZE = 20
LIST_PARAMETERS = {facet.value for facet in Facet}
SCALAR_PARAMETERS = {"q", "sort", "page"}

# The facets' French names, as declared (search.facets).
FACET_LABELS = {spec.facet: spec.label for spec in FACETS}
SORT_LABELS = {
    Sort.RELEVANCE: "Pertinence",
    Sort.NEWEST: "Plus récentes d'abord",
    Sort.OLDEST: "Plus anciennes d'abord",
    Sort.TITLE: "Titre, de A à Z",
}
PARAMETER_LABELS = {"q": "texte recherché", "sort": "tri", "page": "page", **FACET_LABELS}


class BadSearchParameter(ValueError):
    """A parameter of the search page is invalid; the message is French and names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


@dataclass
class FacetGroup:
    facet: Facet
    label: str
    values: list[FacetValue]

    @property
    def name(self) -> str:
        return self.facet.value


def search_page(request: HttpRequest) -> HttpResponse:
    """GET /recherche/: query box, facets with counts, sort, pages, highlighted hits."""
    try:
        query = parse_query(request.GET)
    except BadSearchParameter as error:
        return _error(request, 400, "Recherche impossible", str(error), error.parameter)
    try:
        result = backends.get_backend().search(query)
    except backends.SearchUnavailable:
        message = "Le moteur de recherche ne répond pas pour le moment. Réessayez dans quelques minutes."
        return _error(request, 503, "Recherche momentanément indisponible", message)
    last_page = page_count(result)
    if query.page > max(last_page, 1):
        message = f"La page {query.page} n'existe pas : cette recherche compte {max(last_page, 1)} page(s)."
        return _error(request, 400, "Recherche impossible", message, "page")
    events.announce_search(request, query, result.total, channel="page")
    return render(request, "search/search_page.html", _context(request, query, result, last_page))


def search_click(request: HttpRequest) -> HttpResponse:
    """GET /recherche/clic/?q=…&r=<resource id>&p=<rank>: announce the click, go to the resource.

    Only to a public resource's own URL, looked up here (never a URL given in
    the link: no open redirect); anything else is a 404 page in French.
    """
    resource_id, position = _whole_number(request.GET.get("r")), _whole_number(request.GET.get("p"))
    page = visible(ResourcePage.objects.filter(pk=resource_id)).first() if resource_id else None
    url = page.get_url(request) if page else None
    if not url:
        message = "Ce lien de résultat ne mène à aucune ressource publiée. Relancez votre recherche."
        return _error(request, 404, "Ressource introuvable", message, "r")
    text = " ".join(request.GET.get("q", "")[:MAX_TEXT_LENGTH].split())
    events.announce_click(request, text, page.pk, position, channel="page")
    response = HttpResponseRedirect(url)
    add_never_cache_headers(response)  # each visit is a click to announce
    return response


def _whole_number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def parse_query(data: QueryDict) -> SearchQuery:
    """The page's GET parameters as the API's query; ``BadSearchParameter`` otherwise."""
    unknown = sorted(set(data) - LIST_PARAMETERS - SCALAR_PARAMETERS)
    if unknown:
        raise BadSearchParameter(unknown[0], f"Le paramètre « {unknown[0]} » n'existe pas pour la recherche.")
    values: dict = {name: data.getlist(name) for name in LIST_PARAMETERS if name in data}
    # An empty field of the form (e.g. « sort= ») means its default.
    values.update({name: data[name] for name in SCALAR_PARAMETERS if data.get(name, "") != ""})
    values["page_size"] = PAGE_SIZE
    try:
        return SearchParams(**values).to_query()
    except ValidationError as error:
        detail = error.errors()[0]
        parameter = str(detail["loc"][0]) if detail.get("loc") else "?"
        raise BadSearchParameter(parameter, _pydantic_message(parameter, detail, data)) from None
    except SearchQueryError as error:
        raise BadSearchParameter(error.parameter, _refusal(error.parameter, data)) from None


def _pydantic_message(parameter: str, detail: dict, data: QueryDict) -> str:
    context = detail.get("ctx") or {}
    kinds = {
        "int_parsing": "un nombre entier est attendu",
        "greater_than_equal": f"la valeur doit être au moins {context.get('ge')}",
        "less_than_equal": f"la valeur doit être au plus {context.get('le')}",
        "string_too_long": f"au plus {context.get('max_length')} caractères",
        "too_long": f"au plus {context.get('max_length')} valeurs",
        "enum": "valeurs possibles : " + ", ".join(f"« {sort.value} »" for sort in Sort),
    }
    reason = kinds.get(detail.get("type"), "valeur non valide")
    return f"{_refusal(parameter, data)} ({reason})."


def _refusal(parameter: str, data: QueryDict) -> str:
    label = PARAMETER_LABELS.get(_facet_or_name(parameter), parameter)
    received = ", ".join(f"« {value[:80]} »" for value in data.getlist(parameter)[:5]) or "aucune"
    return f"Le paramètre « {parameter} » ({label}) n'est pas valide : valeur reçue {received}"


def _facet_or_name(parameter: str):
    try:
        return Facet(parameter)
    except ValueError:
        return parameter


def page_count(result: SearchResult) -> int:
    """How many pages the results fill, within the reachable result window."""
    size = result.query.page_size
    return min(math.ceil(result.total / size), MAX_RESULT_WINDOW // size)


def _context(request: HttpRequest, query: SearchQuery, result: SearchResult, last_page: int) -> dict:
    groups = [
        FacetGroup(facet, FACET_LABELS[facet], result.facets.get(facet, []))
        for facet in Facet
        if result.facets.get(facet)
    ]
    return {
        "query": query,
        "result": result,
        "facet_groups": groups,
        "sorts": [(sort.value, label) for sort, label in SORT_LABELS.items()],
        "last_page": last_page,
        "filtered": bool(query.filters),
        "search_page": True,
        # Hits carry the licence id; the licence facet has each one's short name.
        "licence_labels": {value.value: value.label for value in result.facets.get(Facet.LICENCE, [])},
    }


def _error(request: HttpRequest, status: int, title: str, message: str, parameter: str = "") -> HttpResponse:
    context = {"title": title, "message": message, "parameter": parameter, "q": request.GET.get("q", "")[:200]}
    return render(request, "search/search_error.html", context, status=status)
