"""Event reports: dates in order, no negative figures, always typed « event_report »."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from resources.models import EventFormatFeedback, EventPhoto, EventReportPage, ResourcePage, ResourceType
from tests import factories
from tests.helpers import db_refuses, messages_for

pytestmark = pytest.mark.django_db

FIGURES = ["participants_count", "speakers_count", "workshops_count", "stands_count", "structures_count"]


@pytest.fixture
def report(base_page, theme):
    return factories.EventReportPageFactory(parent=base_page, themes=[theme])


def test_end_date_before_start_date_is_refused_on_end_date(report):
    report.start_date = date(2023, 10, 13)
    report.end_date = date(2023, 10, 12)

    with pytest.raises(ValidationError) as excinfo:
        report.full_clean()

    assert set(excinfo.value.message_dict) == {"end_date"}
    assert "date de fin" in messages_for(excinfo.value, "end_date")[0].lower()


def test_end_date_before_start_date_blocks_publishing(report):
    report.end_date = date(2023, 10, 1)

    with pytest.raises(ValidationError):
        report.save_revision().publish()

    assert EventReportPage.objects.get(pk=report.pk).end_date == date(2023, 10, 13)


@pytest.mark.parametrize("end_date", [None, date(2023, 10, 12), date(2023, 10, 14)])
def test_single_day_or_ordered_dates_are_accepted(report, end_date):
    report.start_date = date(2023, 10, 12)
    report.end_date = end_date

    report.full_clean()


@pytest.mark.parametrize("field", FIGURES)
def test_negative_figures_are_refused(report, field):
    setattr(report, field, -1)

    with pytest.raises(ValidationError) as excinfo:
        report.full_clean()

    assert field in excinfo.value.message_dict


def test_negative_budget_is_refused(report):
    report.budget_euros = Decimal("-10.00")

    with pytest.raises(ValidationError) as excinfo:
        report.full_clean()

    assert "budget_euros" in excinfo.value.message_dict


def test_zero_and_positive_figures_are_accepted(report):
    report.participants_count = 0
    report.speakers_count = 12
    report.budget_euros = Decimal("14000.00")

    report.full_clean()


@pytest.mark.parametrize("field", ["participants_count", "stands_count"])
def test_db_refuses_negative_figures(report, field):
    assert db_refuses(lambda: EventReportPage.objects.filter(pk=report.pk).update(**{field: -5}))


def test_format_feedback_refuses_negative_participants(report):
    feedback = EventFormatFeedback(report=report, format="workshop", title="Atelier", feedback="…", participants_count=-3)

    with pytest.raises(ValidationError) as excinfo:
        feedback.full_clean()

    assert "participants_count" in excinfo.value.message_dict


def test_resource_type_is_forced_to_event_report(base_page, theme):
    report = factories.EventReportPageFactory(parent=base_page, themes=[theme], resource_type=ResourceType.ARTICLE)

    assert report.resource_type == ResourceType.EVENT_REPORT
    assert EventReportPage.objects.get(pk=report.pk).resource_type == "event_report"


def test_resource_type_stays_event_report_through_a_publish(report):
    report.resource_type = ResourceType.VIDEO

    report.save_revision().publish()

    assert ResourcePage.objects.get(pk=report.pk).resource_type == "event_report"


def test_an_event_report_is_a_resource(report, theme):
    resource = ResourcePage.objects.get(pk=report.pk)

    assert resource.specific_class is EventReportPage
    assert list(resource.themes.all()) == [theme]
    assert report.licence_id == "cc-by-sa-4.0"


def test_event_report_also_needs_an_open_licence_and_a_theme(base_page, theme):
    with pytest.raises(ValidationError) as excinfo:
        factories.EventReportPageFactory(parent=base_page, themes=[theme], licence_id="cc-by-nc-sa-4.0")
    assert "licence" in excinfo.value.message_dict

    with pytest.raises(ValidationError) as excinfo:
        factories.EventReportPageFactory(parent=base_page, themes=[])
    assert "themes" in excinfo.value.message_dict

    assert not EventReportPage.objects.exists()


def test_formats_and_photos_keep_their_order_through_a_publish(report):
    photos = [factories.ImageFactory(title=f"Photo {n}") for n in range(3)]
    report.formats = [
        EventFormatFeedback(format="plenary", title="Plénière", feedback="Salle comble.", sort_order=0),
        EventFormatFeedback(format="fishbowl", title="Fishbowl", feedback="Beaux échanges.", sort_order=1),
    ]
    report.photos = [EventPhoto(image=image, sort_order=index) for index, image in enumerate(reversed(photos))]

    report.save_revision().publish()

    stored = EventReportPage.objects.get(pk=report.pk)
    assert [feedback.format for feedback in stored.formats.all()] == ["plenary", "fishbowl"]
    assert [photo.image_id for photo in stored.photos.all()] == [image.pk for image in reversed(photos)]


def test_admin_create_event_report_with_wrong_dates_shows_the_error(admin_client, base_page, theme, image):
    url = reverse("wagtailadmin_pages:add", args=("resources", "eventreportpage", base_page.pk))
    data = nested_form_data(
        {
            "title": "NEC local de Lyon 2023",
            "slug": "nec-local-lyon-2023",
            "summary": "Deux jours de rencontres.",
            "resource_type": "article",
            "cover_image": "",
            "body": streamfield([]),
            "event_name": "NEC local de Lyon",
            "start_date": "2023-10-13",
            "end_date": "2023-10-12",
            "date_precision": "day",
            "venue": "",
            "city": "Lyon",
            "territory": "",
            "participants_count": "-4",
            "speakers_count": "",
            "workshops_count": "",
            "stands_count": "",
            "structures_count": "",
            "budget_euros": "",
            "formats": inline_formset(
                [{"format": "workshop", "title": "Atelier", "feedback": "Très suivi.", "participants_count": "25"}]
            ),
            "photos": inline_formset([{"image": str(image.pk), "caption": "Accueil"}]),
            "tags": "",
            "licence": "cc-by-sa-4.0",
            "attribution": "NEC local de Lyon",
            "source_url": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        }
    )
    data["themes"] = [str(theme.pk)]

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "end_date" in errors
    assert "participants_count" in errors
    assert not EventReportPage.objects.exists()

    # Fixed dates and figures: the same submission publishes, typed event_report.
    data.update({"end_date": "2023-10-14", "participants_count": "181"})
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    report = EventReportPage.objects.get(slug="nec-local-lyon-2023")
    assert report.live
    assert report.resource_type == "event_report"
    assert report.participants_count == 181
    assert [photo.image_id for photo in report.photos.all()] == [image.pk]
    assert [feedback.title for feedback in report.formats.all()] == ["Atelier"]



def test_a_month_only_date_must_be_the_first_of_the_month(db):
    report = factories.EventReportPageFactory(start_date=date(2023, 10, 12), end_date=None)
    report.date_precision = "month"
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert "start_date" in error.value.message_dict
    report.start_date = date(2023, 10, 1)
    report.full_clean()
