"""The OAI-PMH 2.0 endpoint: a real harvester (sickle) walks every record through
resumption tokens over HTTP; the identifiers are the public resources; an unpublished
or deleted resource comes back as deleted; bad arguments get the protocol's error codes;
every response validates against the OAI-PMH 2.0 schema (schemas/README.md names its source)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from sickle import Sickle
from wagtail.models import PageViewRestriction

from opendata.oai.protocol import identifier
from opendata.records import public_resources
from tests import factories
from tests.api.conftest import SECRET

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "OAI-PMH.xsd")))
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}


def oai(client, **arguments) -> etree._Element:
    """One request; the response must validate against the schema."""
    response = client.get("/oai/", arguments)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    for dc in document.iter("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"):
        assert {child.tag.removeprefix(DC) for child in dc} <= DC_ELEMENTS
    return document


def error_code(document) -> str | None:
    error = document.find(f"{OAI}error")
    return error.get("code") if error is not None else None


@pytest.fixture
def many(hub):
    """Enough resources for several pages of two."""
    return [factories.ResourcePageFactory(title=f"Fiche pratique {n}", parent=hub["base"]) for n in range(5)]


@pytest.fixture
def small_pages(settings):
    settings.OPENDATA_OAI_PAGE_SIZE = 2


def public_identifiers() -> set[str]:
    return {identifier(pk) for pk in public_resources().values_list("pk", flat=True)}


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_every_public_record_through_resumption_tokens(live_server, migrated, hub, hidden, orphan, many, small_pages):
    harvester = Sickle(f"{live_server.url}/oai/", max_retries=0)
    records = list(harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    live = {r.header.identifier for r in records if not r.header.deleted}
    assert live == public_identifiers()
    assert len(live) == len(records) - sum(r.header.deleted for r in records) >= 8  # more than four pages of two
    titles = {r.metadata["title"][0] for r in records if not r.header.deleted}
    assert not any(SECRET in title for title in titles)
    guide = next(r for r in records if r.header.identifier == identifier(hub["guide"].pk))
    assert guide.metadata["rights"][0] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
    assert set(guide.metadata["subject"]) >= {"Données & territoires", "Harmoniser"}
    assert f"theme:{hub['data'].slug}" in guide.header.setSpecs
    assert f"collection:{hub['collection'].slug}" in guide.header.setSpecs
    identifiers = [h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=True)]
    assert set(identifiers) == public_identifiers() and len(identifiers) == len(set(identifiers))

    # The next harvest learns of an unpublished and a deleted resource.
    unpublished, deleted = many[0], many[1]
    unpublished.unpublish()
    deleted_id = identifier(deleted.pk)
    deleted.delete()
    headers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False))
    gone = {h.identifier for h in headers if h.deleted}
    assert {identifier(unpublished.pk), deleted_id} <= gone
    assert {h.identifier for h in headers if not h.deleted} == public_identifiers()
    # Hidden pages that were once published are withdrawn too; a draft never was, and stays unknown.
    assert identifier(hidden["draft"].pk) not in {h.identifier for h in headers}


def test_unpublishing_then_republishing_clears_the_tombstone(client, hub):
    guide = hub["guide"]
    guide.unpublish()
    document = oai(client, verb="GetRecord", identifier=identifier(guide.pk), metadataPrefix="oai_dc")
    assert document.find(f".//{OAI}header").get("status") == "deleted"
    guide.get_latest_revision().publish()
    document = oai(client, verb="GetRecord", identifier=identifier(guide.pk), metadataPrefix="oai_dc")
    assert document.find(f".//{OAI}header").get("status") is None


def test_restricting_a_resource_or_unpublishing_its_base_withdraws_it(client, hub):
    PageViewRestriction.objects.create(page=hub["guide"], restriction_type=PageViewRestriction.LOGIN)
    hub["locaux"].unpublish()
    headers = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").iter(f"{OAI}header")
    deleted = {h.findtext(f"{OAI}identifier") for h in headers if h.get("status") == "deleted"}
    assert deleted == {identifier(hub["guide"].pk), identifier(hub["report"].pk)}


def test_sets_list_collections_themes_and_bases_and_select_records(client, hub, hidden):
    document = oai(client, verb="ListSets")
    specs = {s.findtext(f"{OAI}setSpec") for s in document.iter(f"{OAI}set")}
    assert {"collection", "theme", "base", f"collection:{hub['collection'].slug}", f"theme:{hub['data'].slug}",
            f"base:{hub['locaux'].slug}"} <= specs
    assert f"collection:{hidden['draft_collection'].slug}" not in specs
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"collection:{hub['collection'].slug}")
    assert {i.text for i in document.iter(f"{OAI}identifier")} == {identifier(hub["report"].pk), identifier(hub["guide"].pk)}
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"base:{hub['locaux'].slug}")
    assert {i.text for i in document.iter(f"{OAI}identifier")} == {identifier(hub["report"].pk)}


def test_from_and_until_select_by_datestamp(client, hub):
    stamp = oai(client, verb="GetRecord", identifier=identifier(hub["guide"].pk), metadataPrefix="oai_dc").findtext(
        f".//{OAI}datestamp"
    )
    day = stamp[:10]
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": day, "until": day})
    assert identifier(hub["guide"].pk) in {i.text for i in document.iter(f"{OAI}identifier")}
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2000-01-01", "until": "2000-12-31"})
    assert error_code(document) == "noRecordsMatch"
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamp, "until": stamp})
    assert identifier(hub["guide"].pk) in {i.text for i in document.iter(f"{OAI}identifier")}


@pytest.mark.parametrize(
    "arguments, code",
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "ListSets"]}, "badVerb"),
        ({"verb": "Identify", "set": "theme"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "hier"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-45"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01", "until": "2024-02-01T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-01", "until": "2024-01-01"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "mods", "identifier": "oai:localhost:ressource/1"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:ailleurs:ressource/1"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "oai:localhost:ressource/999999"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "theme:inconnue"}, "noRecordsMatch"),
    ],
)
def test_bad_arguments_get_the_protocols_error_codes(client, hub, arguments, code):
    document = oai(client, **arguments)
    assert error_code(document) == code
    if code in ("badVerb", "badArgument"):
        assert not document.find(f"{OAI}request").attrib  # the base URL only, as the specification asks


def test_a_token_from_another_verb_is_refused(client, hub, many, small_pages):
    token = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").findtext(f".//{OAI}resumptionToken")
    assert token
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"


def test_identify_and_metadata_formats(client, hub):
    document = oai(client, verb="Identify")
    assert document.findtext(f".//{OAI}protocolVersion") == "2.0"
    assert document.findtext(f".//{OAI}deletedRecord") == "persistent"
    assert document.findtext(f".//{OAI}baseURL") == "http://testserver/oai/"
    document = oai(client, verb="ListMetadataFormats", identifier=identifier(hub["guide"].pk))
    assert [p.text for p in document.iter(f"{OAI}metadataPrefix")] == ["oai_dc"]


def test_hidden_pages_are_in_no_harvest(client, hub, hidden, orphan):
    body = etree.tostring(oai(client, verb="ListRecords", metadataPrefix="oai_dc")).decode()
    assert SECRET not in body and orphan.title not in body
    for page in (hidden["draft"], hidden["private"], orphan):
        record = oai(client, verb="GetRecord", identifier=identifier(page.pk), metadataPrefix="oai_dc")
        assert error_code(record) == "idDoesNotExist" or record.find(f".//{OAI}header").get("status") == "deleted"
        assert record.find(f".//{OAI}metadata") is None
