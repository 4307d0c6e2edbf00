"""From a ``ResourceDocument`` to the database backend's rows."""

from __future__ import annotations

from dataclasses import dataclass

from search.backends.database.fulltext import TextRow
from search.documents import ResourceDocument
from search.french import title_key
from search.text import analysed

# Column order of the plain tuples (inserted without model instances, see bulk.py).
RESOURCE_FIELDS = (
    "id", "title", "sort_title", "summary", "body_text", "card", "first_published_at", "date", "year",
)
FACET_VALUE_FIELDS = ("resource_id", "facet", "value", "label")


@dataclass
class Rows:
    # An ``IndexedResource`` row, in ``RESOURCE_FIELDS`` order.
    resource: tuple
    facet_values: list[tuple[int, str, str, str]]
    text: TextRow
    # Folded words of the document, for the shared vocabulary.
    words: set[str]


def sort_title(title: str) -> str:
    """Folded title words: sorts « Écologie » with "ecologie" and serves title suggestions."""
    return title_key(title)


def body_text(doc: ResourceDocument) -> str:
    """The body and the event facts, searched and highlighted as one field."""
    return f"{doc.body_text} {doc.event_text}".strip()


def document_rows(doc: ResourceDocument) -> Rows:
    body = body_text(doc)
    card = {
        "url": doc.url,
        "resource_type": doc.resource_type,
        "licence": doc.licence.value,
        "base": [doc.base.value, doc.base.label] if doc.base else None,
        "themes": [[theme.value, theme.label] for theme in doc.themes],
        "taxonomy": doc.taxonomy_labels,
        "tags": doc.tags,
        "date_precision": doc.date_precision,
    }
    resource = (
        doc.id, doc.title, sort_title(doc.title), doc.summary, body, card, doc.first_published_at, doc.date, doc.year,
    )
    facet_values = {
        (facet.value, term.value[:255]): (doc.id, facet.value, term.value[:255], term.label[:255])
        for facet, facet_terms in doc.facet_terms().items()
        for term in facet_terms
    }
    words: set[str] = set()
    fields = [analysed(text, words) for text in (doc.title, doc.summary, doc.taxonomy_text, body)]
    return Rows(resource, list(facet_values.values()), (doc.id, *fields), words)
