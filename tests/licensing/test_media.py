"""Images and documents: no open licence or no attribution, no save — at every door."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from licensing.models import LicensedDocument, LicensedImage
from tests import factories
from tests.helpers import CLOSED_LICENCE, assert_lists_open_licences, db_refuses, messages_for

pytestmark = pytest.mark.django_db

MEDIA = [
    pytest.param(factories.ImageFactory, id="image"),
    pytest.param(factories.DocumentFactory, id="document"),
]
REFUSED_LICENCES = [CLOSED_LICENCE, None, "", "unknown"]


# --- Model ---------------------------------------------------------------------


@pytest.mark.parametrize("factory", MEDIA)
def test_media_with_open_licence_and_attribution_is_saved(factory):
    item = factory(licence_id="etalab-2.0", attribution="Ville de Lyon")

    item.refresh_from_db()
    assert item.licence_id == "etalab-2.0"
    assert item.attribution == "Ville de Lyon"


@pytest.mark.parametrize("licence_id", REFUSED_LICENCES)
@pytest.mark.parametrize("factory", MEDIA)
def test_new_media_without_an_open_licence_is_not_saved(factory, licence_id):
    model = factory._meta.model
    before = model.objects.count()
    item = factory.build(licence_id=licence_id)

    with pytest.raises(ValidationError) as excinfo:
        item.save()

    [message] = messages_for(excinfo.value, "licence")
    assert message.startswith("licence :")
    assert_lists_open_licences(message)
    assert item.pk is None
    assert model.objects.count() == before


@pytest.mark.parametrize("factory", MEDIA)
def test_existing_media_cannot_be_moved_to_a_closed_licence(factory):
    item = factory()
    item.licence_id = CLOSED_LICENCE

    with pytest.raises(ValidationError) as excinfo:
        item.save()

    assert CLOSED_LICENCE in messages_for(excinfo.value, "licence")[0]
    item.refresh_from_db()
    assert item.licence_id == "cc-by-sa-4.0"


@pytest.mark.parametrize("licence_id", REFUSED_LICENCES)
@pytest.mark.parametrize("factory", MEDIA)
def test_full_clean_names_the_licence_field(factory, licence_id):
    item = factory.build(licence_id=licence_id)

    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()

    [message] = messages_for(excinfo.value, "licence")
    assert_lists_open_licences(message)


@pytest.mark.parametrize("attribution", ["", "   "])
@pytest.mark.parametrize("factory", MEDIA)
def test_media_without_attribution_is_not_saved(factory, attribution):
    model = factory._meta.model
    before = model.objects.count()
    item = factory.build(attribution=attribution)

    with pytest.raises(ValidationError) as excinfo:
        item.save()

    assert "attribution" in messages_for(excinfo.value, "attribution")[0]
    assert model.objects.count() == before


# --- Database ------------------------------------------------------------------


@pytest.mark.parametrize("licence_id", [CLOSED_LICENCE, "unknown"])
@pytest.mark.parametrize("factory", MEDIA)
def test_db_refuses_a_raw_update_to_a_licence_that_is_not_open(factory, licence_id):
    item = factory()
    model = type(item)

    assert db_refuses(lambda: model.objects.filter(pk=item.pk).update(licence_id=licence_id))
    item.refresh_from_db()
    assert item.licence_id == "cc-by-sa-4.0"


@pytest.mark.parametrize("factory", MEDIA)
def test_db_refuses_a_raw_update_to_no_licence(factory):
    item = factory()
    model = type(item)

    assert db_refuses(lambda: model.objects.filter(pk=item.pk).update(licence_id=None))


@pytest.mark.parametrize("factory", MEDIA)
def test_db_refuses_an_empty_attribution(factory):
    item = factory()
    model = type(item)

    assert db_refuses(lambda: model.objects.filter(pk=item.pk).update(attribution=""))
    item.refresh_from_db()
    assert item.attribution


@pytest.mark.parametrize("factory", MEDIA)
def test_db_accepts_a_raw_update_to_another_open_licence(factory):
    """Control case: the refusals above come from the licence, not the helper."""
    item = factory()
    model = type(item)

    assert not db_refuses(lambda: model.objects.filter(pk=item.pk).update(licence_id="cc0-1.0"))


# --- Admin ---------------------------------------------------------------------


def _image_post_data(**overrides):
    data = {
        "title": "Atelier fresque du numérique",
        "file": SimpleUploadedFile("atelier.png", factories.png_bytes(), content_type="image/png"),
        "collection": Collection.get_first_root_node().pk,
        "description": "",
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        "licence": "cc-by-4.0",
        "attribution": "NEC local de Lyon",
        "source_url": "",
    }
    data.update(overrides)
    return data


def _document_post_data(**overrides):
    data = {
        "title": "Programme de la journée",
        "file": SimpleUploadedFile("programme.txt", b"9h : accueil\n", content_type="text/plain"),
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "licence": "cc-by-4.0",
        "attribution": "NEC local de Lyon",
        "source_url": "",
    }
    data.update(overrides)
    return data


def _form_errors(response, field):
    form = response.context["form"]
    return form.errors.get(field, [])


def test_admin_image_add_with_an_open_licence_creates_the_image(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), _image_post_data())

    assert response.status_code == 302, response.context and response.context["form"].errors
    image = LicensedImage.objects.get(title="Atelier fresque du numérique")
    assert (image.licence_id, image.attribution) == ("cc-by-4.0", "NEC local de Lyon")


@pytest.mark.parametrize("licence_id", [CLOSED_LICENCE, "unknown", ""])
def test_admin_image_add_refuses_a_licence_that_is_not_open(admin_client, licence_id):
    response = admin_client.post(reverse("wagtailimages:add"), _image_post_data(licence=licence_id))

    assert response.status_code == 200
    [message] = _form_errors(response, "licence")
    assert message.lower().startswith("licence")
    assert_lists_open_licences(message)
    assert not LicensedImage.objects.exists()


def test_admin_image_add_refuses_a_missing_attribution(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), _image_post_data(attribution=""))

    assert response.status_code == 200
    assert _form_errors(response, "attribution")
    assert not LicensedImage.objects.exists()


def test_admin_image_edit_refuses_a_closed_licence(admin_client, image):
    data = _image_post_data(title="Nouveau titre", licence=CLOSED_LICENCE)
    del data["file"]  # keep the current file

    response = admin_client.post(reverse("wagtailimages:edit", args=(image.pk,)), data)

    assert response.status_code == 200
    [message] = _form_errors(response, "licence")
    assert CLOSED_LICENCE in message
    assert_lists_open_licences(message)
    image.refresh_from_db()
    assert (image.title, image.licence_id) != ("Nouveau titre", CLOSED_LICENCE)
    assert image.licence_id == "cc-by-sa-4.0"


def test_admin_multiple_upload_keeps_an_unlicensed_upload_out_of_the_library(admin_client):
    """The bulk uploader cannot know the attribution: the file waits, no image is saved."""
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("photo.png", factories.png_bytes(), content_type="image/png")},
    )

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert not LicensedImage.objects.exists()


def test_admin_document_add_refuses_a_closed_licence(admin_client):
    response = admin_client.post(reverse("wagtaildocs:add"), _document_post_data(licence=CLOSED_LICENCE))

    assert response.status_code == 200
    [message] = _form_errors(response, "licence")
    assert_lists_open_licences(message)
    assert not LicensedDocument.objects.exists()


def test_admin_document_add_with_an_open_licence_creates_the_document(admin_client):
    response = admin_client.post(reverse("wagtaildocs:add"), _document_post_data(licence="odbl-1.0"))

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert LicensedDocument.objects.get().licence_id == "odbl-1.0"


def test_admin_document_edit_refuses_a_closed_licence(admin_client, document):
    data = _document_post_data(licence=CLOSED_LICENCE)
    del data["file"]

    response = admin_client.post(reverse("wagtaildocs:edit", args=(document.pk,)), data)

    assert response.status_code == 200
    assert_lists_open_licences(_form_errors(response, "licence")[0])
    document.refresh_from_db()
    assert document.licence_id == "cc-by-sa-4.0"
