"""The DCAT catalogue: Turtle, RDF/XML and JSON-LD (by extension and by content negotiation)
that rdflib parses; each dataset's licence is a canonical URI of the register; pages."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from licensing.register import Licence
from opendata import views
from opendata.records import public_resources
from tests import factories
from tests.api.conftest import SECRET

FORMATS = {"ttl": ("turtle", "text/turtle"), "rdf": ("xml", "application/rdf+xml"), "jsonld": ("json-ld", "application/ld+json")}
HYDRA = "http://www.w3.org/ns/hydra/core#"


def graph_of(response, rdf_format: str) -> Graph:
    assert response.status_code == 200, response.content[:300]
    return Graph().parse(data=response.content, format=rdf_format)


@pytest.mark.parametrize("ext", FORMATS)
def test_the_catalogue_parses_in_every_serialisation(client, hub, illustrated, ext):
    rdf_format, media_type = FORMATS[ext]
    by_extension = client.get(f"/catalogue.{ext}")
    assert by_extension["Content-Type"].startswith(media_type)
    negotiated = client.get("/catalogue", HTTP_ACCEPT=f"text/html;q=0.9, {media_type}")
    assert negotiated["Content-Type"].startswith(media_type)
    assert "Accept" in [v.strip() for v in negotiated["Vary"].split(",")]
    for response in (by_extension, negotiated):
        graph = graph_of(response, rdf_format)
        assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
        datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
        assert datasets == {URIRef(page.full_url) for page in public_resources()}


def test_every_dataset_and_distribution_has_a_licence_of_the_register(client, hub, illustrated):
    graph = graph_of(client.get("/catalogue.ttl"), "turtle")
    register = {URIRef(uri) for uri in Licence.objects.values_list("canonical_uri", flat=True)}
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert datasets
    for dataset in datasets:
        licences = set(graph.objects(dataset, DCTERMS.license))
        assert len(licences) == 1 and licences <= register, dataset
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert set(graph.objects(distribution, DCTERMS.license)) <= register
    guide = URIRef(hub["guide"].full_url)
    assert graph.value(guide, DCTERMS.license) == URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence")


def test_a_dataset_carries_dates_publisher_themes_place_and_its_files(client, hub, illustrated):
    graph = graph_of(client.get("/catalogue.jsonld"), "json-ld")
    dataset = URIRef(illustrated.full_url)
    assert str(graph.value(dataset, DCTERMS.title)) == illustrated.title
    assert str(graph.value(dataset, DCTERMS.description)) == illustrated.summary
    assert graph.value(dataset, DCTERMS.issued) is not None and graph.value(dataset, DCTERMS.modified) is not None
    assert graph.value(dataset, DCTERMS.publisher) is not None
    assert "Données & territoires" in {str(k) for k in graph.objects(dataset, DCAT.keyword)}
    assert len(list(graph.objects(dataset, DCAT.theme))) == 1
    place = graph.value(dataset, DCTERMS.spatial)
    assert "Gironde" in {str(o) for o in graph.objects(place, None)}
    files = {str(graph.value(d, DCAT.downloadURL)): graph.value(d, DCTERMS.license) for d in graph.objects(dataset, DCAT.distribution)}
    licences_of_files = {uri for url, uri in files.items() if "/media/" in url or "/documents/" in url}
    assert licences_of_files == {
        URIRef("http://www.opendefinition.org/licenses/cc-by"),  # the cover
        URIRef("http://www.opendefinition.org/licenses/cc-zero"),  # the photo
        URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence"),  # the document
    }
    assert any(url.endswith(f"/exports/ressources/{illustrated.pk}.pdf") for url in files)


def test_the_catalogue_is_paged(client, hub, illustrated, monkeypatch):
    monkeypatch.setattr(views, "CATALOGUE_PAGE_SIZE", 2)
    factories.ResourcePageFactory(title="Une cinquième ressource", parent=hub["base"])
    assert public_resources().count() == 5
    seen = set()
    for page in (1, 2, 3):
        graph = graph_of(client.get("/catalogue.ttl", {"page": page}), "turtle")
        datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
        assert len(datasets) == (2 if page < 3 else 1)
        seen |= datasets
        nexts = list(graph.objects(None, URIRef(HYDRA + "next")))
        assert bool(nexts) == (page < 3)
        assert int(next(graph.objects(None, URIRef(HYDRA + "totalItems")))) == 5
    assert seen == {URIRef(p.full_url) for p in public_resources()}
    response = client.get("/catalogue.ttl", {"page": 4})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert client.get("/catalogue.ttl", {"page": "zéro"}).status_code == 400


def test_hidden_pages_are_not_in_the_catalogue(client, hub, hidden, orphan):
    for ext in FORMATS:
        body = client.get(f"/catalogue.{ext}").content.decode()
        assert SECRET not in body and orphan.title not in body
