"""Local NEC events in the search: type « Événement », only once published, kept in sync."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from search.backends import get_backend, reset_backend
from search.indexing import drain
from search.models import IndexOutboxEntry
from search.query import Facet, SearchQuery
from tests.events.conftest import add_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_backend(db, settings):
    settings.ELASTICSEARCH_URL = ""
    reset_backend()
    yield get_backend()
    reset_backend()


def _sync() -> None:
    report = drain()
    assert report.ok, report.error
    assert not IndexOutboxEntry.objects.exists()


def _ids(backend, **kwargs) -> list[int]:
    return [hit.id for hit in backend.search(SearchQuery(**kwargs)).hits]


def test_a_published_event_is_found_as_an_event_and_a_draft_is_not(database_backend, calendar, theme):
    event = add_event(calendar, "NEC Camargue numérique", date.today() + timedelta(days=30),
                      venue="Salle des Arènes", themes=[theme], description="<p>Ateliers sur les communs.</p>")
    draft = add_event(calendar, "NEC Camargue brouillon", date.today() + timedelta(days=40), live=False)
    _sync()
    assert _ids(database_backend, text="Camargue") == [event.pk]
    assert _ids(database_backend, text="Arènes") == [event.pk]
    result = database_backend.search(SearchQuery(text="Camargue", filters={Facet.RESOURCE_TYPE: ["event"]}))
    [hit] = result.hits
    assert (hit.resource_type, hit.base.label, [t.label for t in hit.themes]) == ("event", "NEC locaux", [theme.title])
    assert hit.year == event.start_date.year
    types = {value.value: (value.label, value.count) for value in result.facets[Facet.RESOURCE_TYPE]}
    assert types["event"] == ("Événement", 1)

    event.unpublish()
    _sync()
    assert _ids(database_backend, text="Camargue") == []
    draft.save_revision().publish()
    _sync()
    assert _ids(database_backend, text="Camargue") == [draft.pk]


def test_unpublishing_the_calendar_removes_its_events(database_backend, calendar):
    event = add_event(calendar, "NEC Littoral", date.today() + timedelta(days=30))
    _sync()
    assert _ids(database_backend, text="Littoral") == [event.pk]
    calendar.unpublish()
    _sync()
    assert _ids(database_backend, text="Littoral") == []


def test_the_search_api_accepts_the_event_type(client, database_backend, calendar):
    event = add_event(calendar, "NEC Bocage", date.today() + timedelta(days=30))
    _sync()
    response = client.get("/api/v3/search/", {"q": "Bocage", "type": "event"})
    assert response.status_code == 200, response.content
    assert [hit["id"] for hit in response.json()["results"]] == [event.pk]
    assert client.get("/api/v3/search/", {"type": "evenement"}).status_code == 422
