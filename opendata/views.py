"""The open doors' views: the DCAT catalogue and a resource's exports.

Feeds are ``opendata.feeds``, the OAI-PMH endpoint ``opendata.oai.views``,
the sitemap and robots.txt ``opendata.sitemaps``.
"""

from __future__ import annotations

import math

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify

from opendata import dcat, exports
from opendata.problems import BadParameter, bad_request
from opendata.records import load_records, prepared, public_resources

CATALOGUE_PAGE_SIZE = 100
# Extension or Accept media type → serialisation.
EXTENSIONS = {ext: name for name, (_fmt, _type, ext) in dcat.SERIALISATIONS.items()}
MEDIA_TYPES = {media_type: name for name, (_fmt, media_type, _ext) in dcat.SERIALISATIONS.items()}


def _absolute(request: HttpRequest):
    return lambda path: path if path.startswith(("http://", "https://")) else request.build_absolute_uri(path)


def negotiated(request: HttpRequest) -> str:
    """The serialisation the ``Accept`` header prefers (Turtle when it names none of ours)."""
    best, best_q = "turtle", -1.0
    for position, part in enumerate(request.headers.get("Accept", "").split(",")):
        media_type, *params = [item.strip() for item in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        if media_type in MEDIA_TYPES and q > best_q:
            best, best_q = MEDIA_TYPES[media_type], q
    return best


def catalogue(request: HttpRequest, ext: str = "") -> HttpResponse:
    """GET /catalogue (content negotiation) or /catalogue.ttl|.rdf|.jsonld; ``?page=`` for the next datasets."""
    name = EXTENSIONS[ext] if ext else negotiated(request)
    try:
        page = _page_number(request.GET.get("page", "1"))
        resources = public_resources()
        total = resources.count()
        last_page = max(1, math.ceil(total / CATALOGUE_PAGE_SIZE))
        if page > last_page:
            raise BadParameter("page", f"la page {page} n'existe pas : le catalogue en compte {last_page}.")
    except BadParameter as error:
        return bad_request(error)
    start = (page - 1) * CATALOGUE_PAGE_SIZE
    pages = prepared(resources.order_by("pk"))[start : start + CATALOGUE_PAGE_SIZE]
    records = load_records(pages, request)
    graph = dcat.catalogue_graph(records, _absolute(request), page, last_page, total)
    rdf_format, media_type, _ext = dcat.SERIALISATIONS[name]
    response = HttpResponse(graph.serialize(format=rdf_format), content_type=f"{media_type}; charset=utf-8")
    if not ext:
        response["Vary"] = "Accept"
    return response


def _page_number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise BadParameter("page", f"un nombre entier à partir de 1 est attendu (reçu « {value[:40]} »).")
    return int(value)


def export(request: HttpRequest, resource_id: int, ext: str) -> HttpResponse:
    """GET /exports/ressources/<id>.md|.pdf: a public resource with its licence and credits."""
    page = prepared(public_resources()).filter(pk=resource_id).first()
    if page is None:
        raise Http404("Aucune ressource publique à cette adresse.")
    record = load_records([page], request)[0]
    absolute = _absolute(request)
    body = exports.markdown(record, absolute) if ext == "md" else exports.pdf(record, absolute)
    response = HttpResponse(body, content_type=exports.MEDIA_TYPES[ext])
    disposition = "inline" if ext == "md" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(page.title) or page.pk}.{ext}"'
    response["Link"] = f'<{record.licence.url}>; rel="license", <{record.url}>; rel="canonical"'
    return response
