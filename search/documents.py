"""What gets indexed: one flat document per live, public resource.

Both backends index the same ``ResourceDocument``s, built here in bulk with a
fixed number of queries whatever the number of resources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet
from wagtail.models import Page, Site

from core.sql import IdIn
from core.visibility import facts_read_once, visible
from events.models import LocalEventPage
from resources.models import EventFormatFeedback, EventReportPage, ResourcePage, ResourcePageTag
from search.event_documents import event_documents
from search.facets import FACETS
from search.page_rows import resource_rows
from search.query import Facet, TermRef

# What the index holds: resources (event reports included) and local NEC events.
INDEXED_PAGE_MODELS = (ResourcePage, LocalEventPage)


@dataclass
class ResourceDocument:
    """One resource as both backends index it: its text, tags, dates and facet terms."""

    id: int
    title: str
    summary: str
    body_text: str
    url: str
    tags: list[str]
    first_published_at: datetime | None
    last_published_at: datetime | None
    # The resource's own date (what the newest/oldest sorts and cards use) and its precision.
    date: date | None = None
    date_precision: str = "day"
    # Each facet's terms, read as ``search.facets`` declares: filtered and counted
    # on, and the source of what a result card shows (the properties below).
    facets: dict[Facet, list[TermRef]] = field(default_factory=dict)
    event_text: str = ""
    extra: dict = field(default_factory=dict)

    def facet_terms(self) -> dict[Facet, list[TermRef]]:
        """The values this document contributes to each facet (every facet, maybe none)."""
        return {facet: self.facets.get(facet, []) for facet in Facet}

    @property
    def taxonomy_labels(self) -> list[str]:
        """Labels of the terms searched as text (themes, principles, collections)."""
        return [term.label for spec in FACETS if spec.labels_are_text for term in self.facets.get(spec.facet, [])]

    @property
    def taxonomy_text(self) -> str:
        """Labels of the terms the resource carries and its tags, searchable as text."""
        return " ".join(self.taxonomy_labels + self.tags)

    # What a hit shows, and the Elasticsearch source keeps, taken from the facets.

    @property
    def resource_type(self) -> str:
        return self._first(Facet.RESOURCE_TYPE).value

    @property
    def resource_type_label(self) -> str:
        return self._first(Facet.RESOURCE_TYPE).label

    @property
    def licence(self) -> TermRef:
        return self._first(Facet.LICENCE)

    @property
    def base(self) -> TermRef | None:
        return next(iter(self.facets.get(Facet.BASE, [])), None)

    @property
    def themes(self) -> list[TermRef]:
        return self.facets.get(Facet.THEME, [])

    @property
    def territory(self) -> str:
        """The key of the resource's own territory (its terms run from the région down)."""
        terms = self.facets.get(Facet.TERRITORY, [])
        return terms[-1].value if terms else ""

    @property
    def year(self) -> int | None:
        years = self.facets.get(Facet.YEAR)
        return int(years[0].value) if years else None

    def _first(self, facet: Facet) -> TermRef:
        # Every resource has one type and one licence; a blank term stands for a missing one.
        return next(iter(self.facets.get(facet, [])), TermRef("", ""))


def indexable_resources() -> QuerySet:
    """Pages the public may see (``core.visibility``) among resources and local NEC events:
    only those are indexed."""
    return visible(Page.objects.type(*INDEXED_PAGE_MODELS))


def is_indexable(page_id: int) -> bool:
    return indexable_resources().filter(pk=page_id).exists()


def documents_in_chunks(ids: Sequence[int], chunk_size: int) -> Iterator[ResourceDocument]:
    """Documents of ``ids`` built ``chunk_size`` at a time (a rebuild): memory stays flat.

    The tree's visibility facts (``core.visibility``) are read once for all the
    chunks: per chunk, they were a scan of every page (115 ms at 100,000). A page
    unpublished meanwhile is set right by the outbox its unpublishing fills.
    """
    with facts_read_once():
        for start in range(0, len(ids), chunk_size):
            yield from build_documents(ids[start : start + chunk_size])


def build_documents(resource_ids: Iterable[int]) -> Iterator[ResourceDocument]:
    """Documents for the given resource ids, in bulk (ids not found are skipped).

    Queries: the resources as rows (``search.page_rows``: no page instances, the
    body's text read from its raw JSON), each facet's terms (``FacetSpec.terms``,
    a fixed number per facet), tags, event reports with their formats, and
    sites — a fixed number whatever the number of resources. Long id lists go
    as one parameter (``core.sql.IdIn``).
    """
    ids = list(resource_ids)
    root_url = _site_root_urls()
    yield from event_documents(ids, ResourceDocument, lambda page: _page_url(page, root_url))
    pages = resource_rows(ids)
    if not pages:
        return
    terms = {spec.facet: spec.terms(pages) for spec in FACETS}
    # Flat value queries rather than prefetch_related: taggit and modelcluster's
    # parental relations build a queryset per page, which tripled the cost.
    tags: dict[int, list[str]] = defaultdict(list)
    for resource_id, name in ResourcePageTag.objects.filter(IdIn("content_object_id", ids)).values_list(
        "content_object_id", "tag__name"
    ):
        tags[resource_id].append(name)
    reports = {
        pk: [event_name, venue, city]
        for pk, event_name, venue, city in EventReportPage.objects.filter(IdIn("pk", ids)).values_list(
            "pk", "event_name", "venue", "city"
        )
    }
    formats: dict[int, list[str]] = defaultdict(list)
    for report_id, title, feedback in (
        EventFormatFeedback.objects.filter(IdIn("report_id", reports)).order_by("sort_order").values_list(
            "report_id", "title", "feedback"
        )
    ):
        formats[report_id].append(f"{title} {feedback}")

    for page in pages:
        report = reports.get(page.pk)
        yield ResourceDocument(
            id=page.pk,
            title=page.title,
            summary=page.summary,
            body_text=page.body_text,
            url=_page_url(page, root_url),
            tags=sorted(tags.get(page.pk, [])),
            first_published_at=page.first_published_at,
            last_published_at=page.last_published_at,
            date=page.date,
            date_precision=page.date_precision,
            facets={facet: list(by_resource.get(page.pk, [])) for facet, by_resource in terms.items()},
            event_text=" ".join([*report, *formats.get(page.pk, [])]) if report is not None else "",
        )


def _site_root_urls() -> list[tuple[str, str]]:
    """(root path, root url) of every site, to build page URLs without a query each."""
    return [(site.root_page.url_path, site.root_url) for site in Site.objects.select_related("root_page")]


def _page_url(page, roots: list[tuple[str, str]]) -> str:
    for root_path, root_url in roots:
        if page.url_path.startswith(root_path):
            return f"{root_url}/{page.url_path[len(root_path):]}"
    return page.url_path
