"""What gets indexed: one flat document per live, public resource.

Both backends index the same ``ResourceDocument``s, built here in bulk with a
fixed number of queries whatever the number of resources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape

from django.db.models import QuerySet
from wagtail.models import Site
from wagtail.rich_text import RichText

from core.visibility import visible
from curation.lookups import collections_of
from licensing.register import Licence
from resources.bases import base_path, bases_by_path
from resources.models import EventFormatFeedback, EventReportPage, ResourcePage, ResourcePageTag, ResourceType
from search.query import Facet, TermRef

_TAG_RE = re.compile(r"<[^>]+>")


def strip_html(html: str) -> str:
    """Plain text of a rich-text fragment."""
    return " ".join(unescape(_TAG_RE.sub(" ", html or "")).split())


@dataclass
class ResourceDocument:
    id: int
    title: str
    summary: str
    body_text: str
    url: str
    resource_type: str
    resource_type_label: str
    licence: TermRef
    base: TermRef | None
    themes: list[TermRef]
    principles: list[TermRef]
    collections: list[TermRef]
    tags: list[str]
    territory: str
    year: int | None
    first_published_at: datetime | None
    last_published_at: datetime | None
    event_text: str = ""
    extra: dict = field(default_factory=dict)

    def facet_terms(self) -> dict[Facet, list[TermRef]]:
        """The values this document contributes to each facet."""
        return {
            Facet.THEME: self.themes,
            Facet.PRINCIPLE: self.principles,
            Facet.COLLECTION: self.collections,
            Facet.RESOURCE_TYPE: [TermRef(self.resource_type, self.resource_type_label)],
            Facet.LICENCE: [self.licence],
            Facet.BASE: [self.base] if self.base else [],
            Facet.TERRITORY: [TermRef(self.territory, self.territory)] if self.territory else [],
            Facet.YEAR: [TermRef(str(self.year), str(self.year))] if self.year else [],
        }

    @property
    def taxonomy_text(self) -> str:
        """Labels of the terms the resource carries, searchable as text."""
        labels = [t.label for t in self.themes + self.principles + self.collections]
        return " ".join(labels + self.tags)


def stream_text(stream) -> str:
    """Every piece of text in a StreamField value, whatever the block."""
    parts: list[str] = []
    for block in stream or []:
        _collect_text(block.block_type, block.value, parts)
    return " ".join(p for p in parts if p)


def _collect_text(block_type: str, value, parts: list[str]) -> None:
    if isinstance(value, RichText):
        parts.append(strip_html(value.source))
    elif isinstance(value, str):
        parts.append(strip_html(value) if "<" in value else value)
    elif isinstance(value, dict) or hasattr(value, "items"):
        for key, child in value.items():
            if key in {"url", "licence"}:
                continue
            _collect_text(key, child, parts)
    elif isinstance(value, (list, tuple)) or hasattr(value, "__iter__") and not hasattr(value, "pk"):
        for child in value:
            child_value = getattr(child, "value", child)
            _collect_text(block_type, child_value, parts)
    elif hasattr(value, "title"):  # a chosen image or document: its title
        parts.append(str(value.title))


def indexable_resources() -> QuerySet:
    """Resources the public may see (``core.visibility``): only those are indexed."""
    return visible(ResourcePage.objects.all())


def is_indexable(page_id: int) -> bool:
    return indexable_resources().filter(pk=page_id).exists()


def build_documents(resource_ids: Iterable[int]) -> Iterator[ResourceDocument]:
    """Documents for the given resource ids, in bulk (ids not found are skipped).

    Queries: the resources with their themes, principles and tags, event
    reports with their formats, collection memberships (hand-picked and by
    rule), bases and licences —
    a fixed number whatever the number of resources.
    """
    ids = list(resource_ids)
    # Flat value queries rather than prefetch_related: modelcluster's parental
    # relations and taggit build a queryset per page, which tripled the cost.
    pages = list(ResourcePage.objects.filter(pk__in=ids))
    if not pages:
        return
    themes = _terms_by_resource(ResourcePage.themes.through, "themepage", ids)
    principles = _terms_by_resource(ResourcePage.principles.through, "principlepage", ids)
    tags: dict[int, list[str]] = defaultdict(list)
    for resource_id, name in ResourcePageTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[resource_id].append(name)
    reports = {
        pk: (event_name, venue, city, start_date)
        for pk, event_name, venue, city, start_date in EventReportPage.objects.filter(pk__in=ids).values_list(
            "pk", "event_name", "venue", "city", "start_date"
        )
    }
    formats: dict[int, list[str]] = defaultdict(list)
    for report_id, title, feedback in (
        EventFormatFeedback.objects.filter(report_id__in=reports).order_by("sort_order").values_list(
            "report_id", "title", "feedback"
        )
    ):
        formats[report_id].append(f"{title} {feedback}")

    # Hand-picked and rule-based memberships of visible collections, by collection title.
    collections = {
        resource_id: [TermRef(slug, title) for _, slug, title in refs]
        for resource_id, refs in collections_of(ids).items()
    }

    bases = {path: TermRef(base.slug, base.title) for path, base in bases_by_path(pages).items()}
    licences = {lic.id: TermRef(lic.id, lic.short_name) for lic in Licence.objects.all()}
    type_labels = dict(ResourceType.choices)
    root_url = _site_root_urls()

    for page in pages:
        report = reports.get(page.pk)
        event_text = ""
        year = None
        if report is not None:
            event_name, venue, city, start_date = report
            event_text = " ".join([event_name, venue, city, *formats.get(page.pk, [])])
            year = start_date.year if start_date else None
        if year is None and page.first_published_at:
            year = page.first_published_at.year
        yield ResourceDocument(
            id=page.pk,
            title=page.title,
            summary=page.summary,
            body_text=stream_text(page.body),
            url=_page_url(page, root_url),
            resource_type=page.resource_type,
            resource_type_label=str(type_labels.get(page.resource_type, page.resource_type)),
            licence=licences.get(page.licence_id, TermRef(page.licence_id, page.licence_id)),
            base=bases.get(base_path(page)),
            themes=themes.get(page.pk, []),
            principles=principles.get(page.pk, []),
            collections=collections.get(page.pk, []),
            tags=sorted(tags.get(page.pk, [])),
            territory=page.territory,
            year=year,
            first_published_at=page.first_published_at,
            last_published_at=page.last_published_at,
            event_text=event_text,
        )


def _terms_by_resource(through, term_field: str, ids: list[int]) -> dict[int, list[TermRef]]:
    """Each resource's terms (themes or principles) from the link table, sorted by label."""
    terms: dict[int, list[TermRef]] = defaultdict(list)
    rows = through.objects.filter(resourcepage_id__in=ids).values_list(
        "resourcepage_id", f"{term_field}__slug", f"{term_field}__title"
    )
    for resource_id, slug, title in rows:
        terms[resource_id].append(TermRef(slug, title))
    return {resource_id: sorted(refs, key=lambda t: t.label) for resource_id, refs in terms.items()}


def _site_root_urls() -> list[tuple[str, str]]:
    """(root path, root url) of every site, to build page URLs without a query each."""
    return [(site.root_page.url_path, site.root_url) for site in Site.objects.select_related("root_page")]


def _page_url(page, roots: list[tuple[str, str]]) -> str:
    for root_path, root_url in roots:
        if page.url_path.startswith(root_path):
            return f"{root_url}/{page.url_path[len(root_path):]}"
    return page.url_path
