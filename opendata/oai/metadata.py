"""Dublin Core (``oai_dc``) of a resource, as lxml elements."""

from __future__ import annotations

from lxml import etree

from opendata.dates import resource_date_text
from opendata.records import Record

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC)}


def oai_dc(record: Record, publisher: str) -> etree._Element:
    """The resource as unqualified Dublin Core: title, creator, subjects, licence, address…"""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")
    page = record.page

    def add(name: str, value: str) -> None:
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value

    add("title", page.title)
    add("creator", page.attribution)
    for word in record.keywords:
        add("subject", word)
    add("description", page.summary)
    add("publisher", publisher)
    add("date", resource_date_text(page))
    add("type", record.type_label)
    add("type", "Text")
    add("format", "text/html")
    add("identifier", record.url)
    add("language", "fr")
    add("coverage", page.territory.name if page.territory else "")
    add("rights", record.licence.uri)
    add("rights", f"{record.licence.name} — {page.attribution}")
    if page.source_url:
        add("source", page.source_url)
    return root
