"""Bad input from an organiser is refused with a clear message, nothing saved half-way:
oversized or non-image uploads, image bombs, HTML in text, dates out of order,
negative figures."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from licensing.models import LicensedImage
from resources.models import EventReportPage
from tests import factories
from tests.workflow.forms import report_form_data

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str = "photo.png"):
    """Upload through the admin's image form, with licence and credit in the same step."""
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Photo de l'accueil",
            "file": SimpleUploadedFile(name, content),
            "collection": "1",
            "licence": "cc-by-sa-4.0",
            "attribution": "NEC local de Lyon",
            "source_url": "",
            "tags": "",
        },
    )


def test_an_organiser_uploads_a_photo_with_its_licence_and_credit(client, organiser):
    client.force_login(organiser)
    response = upload(client, factories.png_bytes())
    assert response.status_code == 302
    image = LicensedImage.objects.get()
    assert (image.licence_id, image.attribution, image.uploaded_by_user) == ("cc-by-sa-4.0", "NEC local de Lyon", organiser)


def test_a_photo_without_credit_is_refused(client, organiser):
    client.force_login(organiser)
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "x", "file": SimpleUploadedFile("p.png", factories.png_bytes()), "collection": "1",
         "licence": "cc-by-sa-4.0", "attribution": ""},
    )
    assert response.status_code == 200
    assert "attribution" in response.context["form"].errors
    assert not LicensedImage.objects.exists()


def test_a_non_image_is_refused(client, organiser):
    client.force_login(organiser)
    response = upload(client, b"%PDF-1.4 not an image", name="programme.png")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not LicensedImage.objects.exists()


def test_an_oversized_upload_is_refused(client, organiser, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client.force_login(organiser)
    response = upload(client, factories.png_bytes(width=400, height=400, colour=(1, 2, 3)) + b"\0" * 2048)
    assert response.status_code == 200
    [message] = response.context["form"].errors["file"]
    assert "1,0" in message or "1.0" in message or "Ko" in message or "KB" in message, message
    assert not LicensedImage.objects.exists()


def test_an_image_bomb_is_refused(client, organiser):
    """A tiny file declaring 81 million pixels (limit: 64 million)."""
    buffer = io.BytesIO()
    PILImage.new("1", (9000, 9000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 1024 * 1024
    client.force_login(organiser)
    response = upload(client, buffer.getvalue(), name="bombe.png")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not LicensedImage.objects.exists()


def _add(client, parent, data):
    url = reverse("wagtailadmin_pages:add", args=("resources", "eventreportpage", parent.pk))
    return client.post(url, data)


@pytest.mark.parametrize(
    "field", ["summary", "event_name", "city", "venue", "formats-0-feedback", "formats-0-title"]
)
def test_html_in_a_text_field_is_refused(client, organiser, nec_locaux, theme, field):
    image = factories.ImageFactory(uploaded_by_user=organiser)
    client.force_login(organiser)
    data = report_form_data(theme=theme, image=image)
    data[field] = 'Bonjour <script>alert("x")</script>'
    response = _add(client, nec_locaux, data)
    assert response.status_code == 200
    assert "retirez les balises HTML" in response.content.decode()
    assert not EventReportPage.objects.exists()


def test_a_lone_less_than_sign_is_plain_text(nec_locaux, theme):
    report = factories.EventReportPageFactory(parent=nec_locaux, themes=[theme], summary="Moins de 10 € < 20 €.")
    assert report.live


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": "2023-10-13", "end_date": "2023-10-12"}, "end_date"),
        ({"participants_count": "-1"}, "participants_count"),
        ({"budget_euros": "-5"}, "budget_euros"),
        ({"speakers_count": "4", "speakers_women_count": "3", "speakers_men_count": "3"}, "speakers_women_count"),
    ],
)
def test_wrong_dates_and_figures_are_refused_for_an_organiser(client, organiser, nec_locaux, theme, overrides, field):
    image = factories.ImageFactory(uploaded_by_user=organiser)
    client.force_login(organiser)
    response = _add(client, nec_locaux, report_form_data(theme=theme, image=image, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not EventReportPage.objects.exists()
