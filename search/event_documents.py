"""Local NEC events as search documents, beside the resources: type « Événement ».

An event is indexed once the public may see it (``events.models.published_events``),
with its themes, its base (« NEC locaux », the calendar's parent), its territory
and its year; it has no licence of its own (it is an announcement, not a work).
Built in bulk: a fixed number of queries whatever the number of events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from core.sql import IdIn
from events.models import LocalEventPage
from search.query import Facet, TermRef
from territories.lookups import lineages

EVENT_TYPE = TermRef("event", "Événement")
SUMMARY_LENGTH = 300


def _base_path(event: LocalEventPage) -> str:
    # Event → calendar → base: the base is two steps up.
    return event.path[: -2 * event.steplen]


def _themes(ids: list[int]) -> dict[int, list[TermRef]]:
    themes: dict[int, list[TermRef]] = defaultdict(list)
    rows = LocalEventPage.themes.through.objects.filter(localeventpage_id__in=ids).values_list(
        "localeventpage_id", "themepage__slug", "themepage__title"
    )
    for event_id, slug, title in rows:
        themes[event_id].append(TermRef(slug, title))
    return {event_id: sorted(refs, key=lambda t: t.label) for event_id, refs in themes.items()}


def event_documents(ids: Iterable[int], document_class, page_url) -> Iterator:
    """Documents for the events among ``ids`` (other ids are skipped), as ``document_class``."""
    events = list(LocalEventPage.objects.filter(IdIn("pk", ids)).select_related("territory"))
    if not events:
        return
    event_ids = [event.pk for event in events]
    themes = _themes(event_ids)
    # The event's territory and those holding it, as for resources (search/facets.py).
    territories = lineages({event.territory_id for event in events if event.territory_id})
    bases = {base.path: base for base in Page.objects.filter(path__in={_base_path(e) for e in events})}
    for event in events:
        description = " ".join(strip_tags(event.description or "").split())
        place = [event.venue, event.address, event.territory.label if event.territory_id else ""]
        facets = {Facet.RESOURCE_TYPE: [EVENT_TYPE], Facet.YEAR: [TermRef(str(event.start_date.year), str(event.start_date.year))]}
        if event.pk in themes:
            facets[Facet.THEME] = themes[event.pk]
        if base := bases.get(_base_path(event)):
            facets[Facet.BASE] = [TermRef(base.slug, base.title)]
        if event.territory_id in territories:
            facets[Facet.TERRITORY] = [TermRef(t.key, t.label) for t in territories[event.territory_id]]
        yield document_class(
            id=event.pk,
            title=event.title,
            summary=Truncator(description).chars(SUMMARY_LENGTH) or f"Organisé par {event.organiser_structure}.",
            body_text=description,
            url=page_url(event),
            tags=[],
            first_published_at=event.first_published_at,
            last_published_at=event.last_published_at,
            # An event is dated by its first day.
            date=event.start_date,
            date_precision="day",
            facets=facets,
            event_text=" ".join(p for p in [*place, event.organiser_structure, event.co_organisers] if p),
        )
