"""Every resource carries its own date, at a precision, apart from the hub's publication."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from resources.dates import date_label
from resources.models import EventReportPage, ResourcePage
from tests import factories

pytestmark = pytest.mark.django_db


def test_dates_are_shown_at_their_precision():
    assert date_label(date(2024, 10, 3), "day") == "3 octobre 2024"
    assert date_label(date(2024, 10, 1), "day") == "1er octobre 2024"
    assert date_label(date(2024, 10, 1), "month") == "octobre 2024"
    assert date_label(date(2023, 1, 1), "year") == "2023"
    assert date_label(None, "day") == ""


def test_a_resource_needs_its_own_date_to_be_published(base_page, theme):
    draft = ResourcePage(
        title="Sans date", slug="sans-date", summary="…", attribution="NEC", licence_id="cc-by-4.0", live=False
    )
    base_page.add_child(instance=draft)  # a draft may wait for its date
    draft.themes = [theme]
    draft.live = True
    with pytest.raises(ValidationError) as refused:
        draft.save()
    assert refused.value.message_dict["date"] == [
        "date : indiquez la date de la ressource (parution, diffusion, événement), au moins son année."
    ]
    draft.date, draft.date_precision = date(2023, 1, 1), "year"
    draft.save()
    assert ResourcePage.objects.get(pk=draft.pk).live


@pytest.mark.parametrize(
    ("precision", "day", "message"),
    [
        ("month", date(2024, 10, 3), "Avec « mois seulement », indiquez le 1er du mois."),
        ("year", date(2024, 10, 1), "Avec « année seulement », indiquez le 1er janvier de l'année."),
    ],
)
def test_a_partial_date_is_the_first_day_of_its_month_or_year(resource, precision, day, message):
    resource.date, resource.date_precision = day, precision
    with pytest.raises(ValidationError) as refused:
        resource.full_clean()
    assert refused.value.message_dict["date"] == [message]
    assert ResourcePage.objects.get(pk=resource.pk).date != day  # nothing saved


def test_a_write_up_is_dated_by_its_event_first_day(base_page, theme):
    report = factories.EventReportPageFactory(
        parent=base_page, themes=[theme], start_date=date(2023, 10, 1), date_precision="month"
    )
    stored = EventReportPage.objects.get(pk=report.pk)
    assert (stored.date, stored.date_precision, stored.date_label) == (date(2023, 10, 1), "month", "octobre 2023")
    report.start_date = date(2023, 10, 12)
    with pytest.raises(ValidationError) as refused:
        report.save_revision().publish()
    assert "start_date" in refused.value.message_dict


def test_the_page_shows_its_own_date_and_territory_not_its_publication(client, base_page, theme):
    page = factories.ResourcePageFactory(
        parent=base_page, themes=[theme], date=date(2023, 10, 1), date_precision="month",
        territory=factories.territory("com-57463"),
    )
    html = client.get(page.url).content.decode()
    assert '<time datetime="2023-10-01">Octobre 2023</time> · Metz' in html
    assert "Publiée le" not in html
