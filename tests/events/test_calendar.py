"""The calendar page, its filters, the iCalendar feeds and the event page: published events only."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from territories.dataset import read_rows, sample_data_dir
from territories.loading import load
from territories.models import Territory
from tests.events.conftest import add_event

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def register(db):
    load(read_rows(sample_data_dir()))
    return {t.name: t for t in Territory.objects.all()}


@pytest.fixture
def events(calendar, register):
    metz = register["Metz"]
    return {
        "upcoming": add_event(calendar, "NEC à venir", TODAY + timedelta(days=40), territory=metz,
                              venue="Arsenal", address="3 avenue Ney"),
        "ongoing": add_event(calendar, "NEC en cours", TODAY - timedelta(days=1), TODAY + timedelta(days=1)),
        "past": add_event(calendar, "NEC passé", TODAY - timedelta(days=90)),
        "draft": add_event(calendar, "NEC brouillon", TODAY + timedelta(days=10), live=False),
    }


def _uids(body: bytes) -> set[str]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(component["uid"]) for component in calendar.walk("VEVENT")}


def _uid(event) -> str:
    return f"nec-local-{event.pk}@testserver"


def test_the_calendar_lists_upcoming_and_past_published_events(client, calendar, events):
    response = client.get(calendar.url)
    html = response.content.decode()
    upcoming, past = html.split('id="evenements-passes"')
    assert "NEC à venir" in upcoming and "NEC en cours" in upcoming and "NEC passé" not in upcoming
    assert "NEC passé" in past
    assert "NEC brouillon" not in html
    assert list(response.context["upcoming"]) == [events["ongoing"], events["upcoming"]]


def test_the_calendar_filters_by_region_and_month(client, calendar, events, register):
    grand_est = register["Grand Est"]
    response = client.get(calendar.url, {"region": grand_est.key})
    assert [e.title for e in response.context["upcoming"]] == ["NEC à venir"]
    assert list(response.context["past"]) == []
    assert f'<option value="{grand_est.key}" selected>' in response.content.decode()
    occitanie = register["Occitanie"]
    assert not list(client.get(calendar.url, {"region": occitanie.key}).context["upcoming"])

    month = events["past"].start_date.strftime("%Y-%m")
    response = client.get(calendar.url, {"mois": month})
    assert [e.title for e in response.context["past"]] == ["NEC passé"]
    assert not list(response.context["upcoming"]) or all(
        e.start_date.strftime("%Y-%m") <= month for e in response.context["upcoming"]
    )


def test_a_bad_filter_is_named_and_ignored(client, calendar, events):
    response = client.get(calendar.url, {"mois": "2024-13", "region": "dep-57"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "« 2024-13 » n&#x27;est pas un mois" in html and "« dep-57 » n&#x27;est pas une région" in html
    assert dict(response.context["calendar_filter"].errors).keys() == {"mois", "region"}
    assert len(response.context["upcoming"]) == 2


def test_the_ical_feed_holds_exactly_the_published_events(client, events):
    response = client.get("/nec-locaux.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert _uids(response.content) == {_uid(events[name]) for name in ("upcoming", "ongoing", "past")}
    calendar = icalendar.Calendar.from_ical(response.content)
    [upcoming] = [c for c in calendar.walk("VEVENT") if str(c["summary"]) == "NEC à venir"]
    assert upcoming["dtstart"].dt == events["upcoming"].start_date
    assert upcoming["dtend"].dt == events["upcoming"].start_date + timedelta(days=1)  # all day, exclusive end
    assert str(upcoming["location"]) == "Arsenal, 3 avenue Ney"
    assert str(upcoming["url"]).endswith(events["upcoming"].url)


def test_private_events_and_events_under_an_unpublished_calendar_never_appear(client, calendar, events):
    PageViewRestriction.objects.create(page=events["past"], restriction_type="login")
    assert _uid(events["past"]) not in _uids(client.get("/nec-locaux.ics").content)
    assert client.get(f"/nec-locaux/evenement-{events['past'].pk}.ics").status_code == 404
    calendar.unpublish()
    assert _uids(client.get("/nec-locaux.ics").content) == set()


def test_one_event_as_ics(client, events):
    response = client.get(f"/nec-locaux/evenement-{events['ongoing'].pk}.ics")
    assert _uids(response.content) == {_uid(events["ongoing"])}
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert (event["dtstart"].dt, event["dtend"].dt) == (TODAY - timedelta(days=1), TODAY + timedelta(days=2))
    assert client.get(f"/nec-locaux/evenement-{events['draft'].pk}.ics").status_code == 404


def test_the_event_page_shows_its_facts_and_links_its_ics(client, events):
    response = client.get(events["upcoming"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Arsenal, 3 avenue Ney" in html and "Metz (57)" in html
    assert f"/nec-locaux/evenement-{events['upcoming'].pk}.ics" in html
    assert client.get(events["draft"].url or "/nec-locaux/calendrier/nec-brouillon/").status_code == 404


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_of", [lambda calendar: calendar.url, lambda calendar: "/nec-locaux.ics"])
def test_queries_do_not_grow_with_the_events(client, calendar, register, url_of):
    for n in range(3):
        add_event(calendar, f"NEC lot A {n}", TODAY + timedelta(days=n + 1), territory=register["Metz"])
    client.get(url_of(calendar))  # warm the site-root cache
    few = _count_queries(client, url_of(calendar))
    for n in range(12):
        add_event(calendar, f"NEC lot B {n}", TODAY - timedelta(days=n + 1), territory=register["Metz"])
    many = _count_queries(client, url_of(calendar))
    assert many == few, (few, many)
