"""From a ``ResourceDocument`` to the database backend's index rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from search.backends.database.models import MAX_TERM_LENGTH, IndexedResource
from search.documents import ResourceDocument
from search.french import folded_words, term_set

# Relevance weight of each searchable field. Powers of two, so a title match
# alone outweighs matches in every lower field together.
TITLE, SUMMARY, TAXONOMY, BODY = 8, 4, 2, 1


# Column order of the plain tuples below (inserted without model instances:
# a few hundred terms per document made instantiation the bulk of a rebuild).
FACET_VALUE_FIELDS = ("resource_id", "facet", "value", "label")
TERM_FIELDS = ("resource_id", "term", "weight")


@dataclass
class Rows:
    resource: IndexedResource
    facet_values: list[tuple[int, str, str, str]]
    terms: list[tuple[int, str, int]]


def sort_title(title: str) -> str:
    """Folded title words: sorts « Écologie » with "ecologie" and serves title suggestions."""
    return " ".join(folded_words(title))


def document_rows(doc: ResourceDocument) -> Rows:
    resource = IndexedResource(
        id=doc.id,
        title=doc.title,
        sort_title=sort_title(doc.title),
        summary=doc.summary,
        body_text=doc.body_text,
        card={
            "url": doc.url,
            "resource_type": doc.resource_type,
            "licence": doc.licence.value,
            "base": [doc.base.value, doc.base.label] if doc.base else None,
            "themes": [[theme.value, theme.label] for theme in doc.themes],
            "date_precision": doc.date_precision,
        },
        first_published_at=doc.first_published_at,
        date=doc.date,
        year=doc.year,
    )
    facet_values = {
        (facet.value, term.value[:255]): (doc.id, facet.value, term.value[:255], term.label[:255])
        for facet, facet_terms in doc.facet_terms().items()
        for term in facet_terms
    }
    return Rows(resource, list(facet_values.values()), _term_rows(doc))


def _term_rows(doc: ResourceDocument) -> list[tuple[int, str, int]]:
    weights: defaultdict[str, int] = defaultdict(int)
    fields = (
        (doc.title, TITLE),
        (doc.summary, SUMMARY),
        (doc.taxonomy_text, TAXONOMY),
        (f"{doc.body_text} {doc.event_text}", BODY),
    )
    for text, weight in fields:
        for term in term_set(text):
            if len(term) <= MAX_TERM_LENGTH:
                weights[term] += weight
    return [(doc.id, term, weight) for term, weight in weights.items()]
