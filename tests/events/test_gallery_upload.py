"""A write-up's photo uploaded from inside its gallery: the chooser's upload tab asks licence and credit."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from licensing.models import LicensedImage
from tests import factories

pytestmark = pytest.mark.django_db


def _upload(client, **fields):
    data = {"image-chooser-upload-title": "Accueil", "image-chooser-upload-file": factories.png_file("accueil.png"),
            "image-chooser-upload-licence": "cc-by-4.0", "image-chooser-upload-attribution": "Ville test"}
    data.update({f"image-chooser-upload-{name}": value for name, value in fields.items()})
    return client.post(reverse("wagtailimages_chooser:create"), {k: v for k, v in data.items() if v is not None})


def test_the_upload_tab_asks_for_the_licence_and_the_credit(client, organiser):
    client.force_login(organiser)
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert 'name="image-chooser-upload-licence"' in html
    assert 'name="image-chooser-upload-attribution"' in html


def test_an_organiser_uploads_a_licensed_photo_from_the_chooser(client, organiser):
    client.force_login(organiser)
    response = _upload(client)
    assert response.status_code == 200 and response.json()["step"] == "chosen"
    image = LicensedImage.objects.get()
    assert (image.licence_id, image.attribution, image.uploaded_by_user) == ("cc-by-4.0", "Ville test", organiser)


def _field_error(html: str, field: str) -> str:
    """The error shown on one field of the re-shown upload form."""
    block = html.split(f'id="id_image-chooser-upload-{field}-helptext"')[0].rsplit('data-field-wrapper', 1)[-1]
    match = re.search(r'class="error-message"[^>]*>(.*?)</p>', block, re.S)
    return " ".join(match.group(1).split()) if match else ""


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("attribution", "", "Champ requis"), ("licence", "cc-by-nc-4.0", "n&#x27;est pas une licence ouverte"),
     ("licence", "", "Une licence ouverte est obligatoire")],
)
def test_a_missing_credit_or_a_closed_licence_is_refused_in_the_chooser(client, organiser, field, value, words):
    client.force_login(organiser)
    payload = _upload(client, **{field: value}).json()
    assert payload["step"] == "reshow_creation_form"
    assert words in _field_error(payload["htmlFragment"], field)
    assert not LicensedImage.objects.exists()
