"""The DCAT catalogue: the hub as a ``dcat:Catalog``, each public resource a ``dcat:Dataset``.

A dataset has its title, description, ``dct:issued`` (the resource's own date)
and ``dct:modified``, the hub as publisher, its themes as ``dcat:keyword`` and
``dcat:theme``, its territory as ``dct:spatial``, its licence as the canonical
URI of the register (the one data.gouv.fr recognises) and its distributions:
the page, its Markdown and PDF exports and each file it holds, every one with
its own licence. Large catalogues are paged with Hydra, as DCAT-AP harvesters
(data.gouv.fr's among them) follow it.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from opendata.dates import as_datetime, iso_date, modified_at, resource_date
from licensing.models import LicensedDocument
from licensing.register import Licence
from opendata.records import Record

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
# Serialisations: format name → (rdflib format, media type, extension).
SERIALISATIONS = {
    "turtle": ("turtle", "text/turtle", "ttl"),
    "xml": ("xml", "application/rdf+xml", "rdf"),
    "json-ld": ("json-ld", "application/ld+json", "jsonld"),
}


def catalogue_graph(records: list[Record], absolute, page: int, last_page: int, total: int) -> Graph:
    """The catalogue page as a graph; ``absolute(path)`` makes an address absolute."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("skos", SKOS)
    graph.bind("hydra", HYDRA)
    catalogue = URIRef(absolute(reverse("opendata:catalogue")))
    publisher = URIRef(absolute("/"))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(settings.WAGTAIL_SITE_NAME, lang="fr")))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal(settings.WAGTAIL_SITE_NAME, lang="fr")))
    graph.add((catalogue, DCTERMS.description, Literal(
        "Les ressources ouvertes de Numérique en Commun[s] : guides, comptes rendus, outils et publications, "
        "chacune sous licence ouverte.", lang="fr")))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.language, URIRef("http://publications.europa.eu/resource/authority/language/FRA")))
    graph.add((catalogue, FOAF.homepage, publisher))
    _paging(graph, catalogue, page, last_page, total)
    licences = Licence.objects.in_bulk()  # the register is small: every file's licence in one query
    for record in records:
        graph.add((catalogue, DCAT.dataset, _dataset(graph, record, publisher, absolute, licences)))
    return graph


def _paging(graph: Graph, catalogue: URIRef, page: int, last_page: int, total: int) -> None:
    view = URIRef(f"{catalogue}?page={page}")
    graph.add((catalogue, HYDRA.totalItems, Literal(total)))
    graph.add((catalogue, HYDRA.view, view))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, URIRef(f"{catalogue}?page=1")))
    graph.add((view, HYDRA.last, URIRef(f"{catalogue}?page={last_page}")))
    if page > 1:
        graph.add((view, HYDRA.previous, URIRef(f"{catalogue}?page={page - 1}")))
    if page < last_page:
        graph.add((view, HYDRA.next, URIRef(f"{catalogue}?page={page + 1}")))


def _date(value) -> Literal | None:
    value = as_datetime(value) if value is not None else None
    return Literal(value.isoformat(), datatype=XSD.dateTime) if value else None


def _dataset(graph: Graph, record: Record, publisher: URIRef, absolute, licences: dict[str, Licence]) -> URIRef:
    page = record.page
    dataset = URIRef(record.url)
    licence = URIRef(record.licence.uri)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.identifier, Literal(record.url)))
    graph.add((dataset, DCTERMS.title, Literal(page.title, lang="fr")))
    graph.add((dataset, DCTERMS.description, Literal(page.summary, lang="fr")))
    graph.add((dataset, DCTERMS.type, Literal(record.type_label, lang="fr")))
    own_date = resource_date(page)
    if own_date is not None:
        datatype = XSD.dateTime if hasattr(own_date, "hour") else XSD.date
        graph.add((dataset, DCTERMS.issued, Literal(iso_date(own_date), datatype=datatype)))
    if (modified := _date(modified_at(page))) is not None:
        graph.add((dataset, DCTERMS.modified, modified))
    graph.add((dataset, DCTERMS.publisher, publisher))
    if page.attribution:
        creator = BNode()
        graph.add((creator, RDF.type, FOAF.Agent))
        graph.add((creator, FOAF.name, Literal(page.attribution)))
        graph.add((dataset, DCTERMS.creator, creator))
    graph.add((dataset, DCTERMS.language, URIRef("http://publications.europa.eu/resource/authority/language/FRA")))
    graph.add((dataset, DCAT.landingPage, URIRef(record.url)))
    graph.add((dataset, DCTERMS.license, licence))
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, DCTERMS.title, Literal(record.licence.name)))
    for word in record.keywords:
        graph.add((dataset, DCAT.keyword, Literal(word, lang="fr")))
    for theme in record.themes:
        concept = URIRef(absolute(theme.url or "/"))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(theme.title, lang="fr")))
        graph.add((dataset, DCAT.theme, concept))
    if page.territory:
        place = BNode()
        graph.add((place, RDF.type, DCTERMS.Location))
        graph.add((place, SKOS.prefLabel, Literal(page.territory.name, lang="fr")))
        graph.add((dataset, DCTERMS.spatial, place))
    for fmt, media_type, url in export_links(record, absolute):
        _distribution(graph, dataset, URIRef(url), f"{page.title} ({fmt})", media_type, licence)
    for item in record.media:
        url = absolute(item.url if isinstance(item, LicensedDocument) else item.file.url)
        item_licence = licences.get(item.licence_id)
        item_uri = URIRef(item_licence.uri) if item_licence else licence
        _distribution(graph, dataset, URIRef(url), item.title, _media_type(item), item_uri)
    return dataset


def export_links(record: Record, absolute) -> list[tuple[str, str, str]]:
    """(format, media type, address) of the page and its exports."""
    return [
        ("HTML", "text/html", record.url),
        ("Markdown", "text/markdown", absolute(reverse("opendata:export", args=[record.pk, "md"]))),
        ("PDF", "application/pdf", absolute(reverse("opendata:export", args=[record.pk, "pdf"]))),
    ]


def _distribution(graph: Graph, dataset: URIRef, url: URIRef, title: str, media_type: str, licence: URIRef) -> None:
    distribution = BNode()
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal(title, lang="fr")))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((distribution, DCAT.downloadURL, url))
    graph.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
    graph.add((distribution, DCTERMS.license, licence))
    graph.add((dataset, DCAT.distribution, distribution))


def _media_type(item) -> str:
    return mimetypes.guess_type(item.file.name)[0] or "application/octet-stream"
