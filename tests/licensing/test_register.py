"""The licence register: its seeded contents, its rules and its admin."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F

from licensing.models import Licence, LicensedImage, default_licence_id
from licensing.initial_licences import INITIAL_LICENCES
from resources.models import ResourcePage
from tests import factories
from tests.helpers import CLOSED_LICENCE, SEEDED_OPEN_LICENCES, db_refuses, messages_for

pytestmark = pytest.mark.django_db


# --- Contents ------------------------------------------------------------------

# id: (is_open, share_alike, requires_attribution)
EXPECTED_FLAGS = {
    "etalab-2.0": (True, False, True),
    "cc-by-4.0": (True, False, True),
    "cc-by-sa-4.0": (True, True, True),
    "cc0-1.0": (True, False, False),
    "odbl-1.0": (True, True, True),
    "cc-by-nc-sa-4.0": (False, True, True),
}


@pytest.mark.parametrize("licence_id", sorted(EXPECTED_FLAGS))
def test_seeded_licence_has_the_right_flags(licence_id):
    licence = Licence.objects.get(pk=licence_id)

    assert (licence.is_open, licence.share_alike, licence.requires_attribution) == EXPECTED_FLAGS[licence_id]
    assert licence.url.startswith("https://")
    assert licence.name and licence.short_name
    # open_key mirrors the id for open licences only: that is what items point at.
    assert licence.open_key == (licence_id if licence.is_open else None)


def test_register_is_seeded_from_the_shared_data():
    assert set(Licence.objects.values_list("id", flat=True)) >= {data["id"] for data in INITIAL_LICENCES}
    assert set(Licence.objects.open().values_list("id", flat=True)) == SEEDED_OPEN_LICENCES


def test_open_queryset_excludes_the_closed_licence_and_is_sorted_by_name():
    open_licences = list(Licence.objects.open())

    assert CLOSED_LICENCE not in {licence.id for licence in open_licences}
    assert [licence.name for licence in open_licences] == sorted(licence.name for licence in open_licences)


def test_etalab_is_the_licence_ouverte():
    assert Licence.objects.get(pk="etalab-2.0").name == "Licence Ouverte 2.0"


def test_licence_lookup_factory_returns_the_seeded_row():
    before = Licence.objects.count()

    licence = factories.LicenceFactory(id="cc-by-4.0")

    assert licence.name == "Creative Commons Attribution 4.0 International"
    assert Licence.objects.count() == before


# --- Defaults ------------------------------------------------------------------


def test_default_licence_is_cc_by_sa(settings):
    assert settings.LICENSING_DEFAULT_LICENCE == "cc-by-sa-4.0"
    assert default_licence_id() == "cc-by-sa-4.0"


def test_new_page_image_and_document_default_to_cc_by_sa(base_page, theme):
    page = ResourcePage(title="Sans licence choisie", summary="…", attribution="NEC")
    image = LicensedImage(title="Photo")

    assert page.licence_id == "cc-by-sa-4.0"
    assert image.licence_id == "cc-by-sa-4.0"

    # …and the default survives a real save through the tree and the media models.
    saved_page = factories.ResourcePageFactory(parent=base_page, themes=[theme])
    saved_image = factories.ImageFactory()
    saved_document = factories.DocumentFactory()
    for item in (saved_page, saved_image, saved_document):
        item.refresh_from_db()
        assert item.licence_id == "cc-by-sa-4.0"
        assert item.licence.share_alike is True


# --- Rules of the register ------------------------------------------------------


def test_saving_a_licence_keeps_open_key_in_step_with_is_open():
    licence = factories.LicenceFactory(id="test-open-1.0", is_open=True)
    licence.refresh_from_db()
    assert licence.open_key == "test-open-1.0"

    licence.is_open = False
    licence.full_clean()  # not used by any item: closing it is allowed
    licence.save()
    licence.refresh_from_db()
    assert licence.open_key is None


def test_closing_a_licence_in_use_is_refused_with_a_message(image):
    licence = Licence.objects.get(pk=image.licence_id)
    licence.is_open = False

    with pytest.raises(ValidationError) as excinfo:
        licence.full_clean()

    [message] = messages_for(excinfo.value, "is_open")
    assert image.licence_id in message
    assert "1 élément" in message


def test_usage_count_counts_pages_images_and_documents(resource, image, document):
    licence = Licence.objects.get(pk="cc-by-sa-4.0")

    assert licence.usage_count() == 3
    assert Licence.objects.get(pk="cc0-1.0").usage_count() == 0


def test_usage_count_counts_an_event_report_once(base_page, theme):
    from resources.models import EventPhoto

    # Its photo shares its licence: ODbL share-alike allows nothing else (see test_compatibility).
    photo = EventPhoto(image=factories.ImageFactory(licence_id="cc0-1.0"), caption="L'accueil")
    factories.EventReportPageFactory(parent=base_page, themes=[theme], licence_id="odbl-1.0", photos=[photo])

    assert Licence.objects.get(pk="odbl-1.0").usage_count() == 1


def test_a_licence_id_must_be_spdx_style():
    licence = Licence(id="CC BY 4.0", name="Mauvais identifiant", short_name="X", url="https://example.org/")

    with pytest.raises(ValidationError) as excinfo:
        licence.full_clean()

    assert "id" in excinfo.value.message_dict


def test_db_refuses_a_closed_licence_with_an_open_key():
    assert db_refuses(lambda: Licence.objects.filter(pk=CLOSED_LICENCE).update(open_key=F("id")))
    assert Licence.objects.get(pk=CLOSED_LICENCE).open_key is None


def test_db_refuses_closing_a_licence_without_clearing_its_open_key():
    factories.LicenceFactory(id="test-unused-1.0")

    assert db_refuses(lambda: Licence.objects.filter(pk="test-unused-1.0").update(is_open=False))
    assert db_refuses(lambda: Licence.objects.filter(pk="test-unused-1.0").update(open_key="test-other-1.0"))
    licence = Licence.objects.get(pk="test-unused-1.0")
    assert (licence.is_open, licence.open_key) == (True, "test-unused-1.0")


def test_db_refuses_an_open_licence_without_its_open_key():
    """An open licence whose open_key is NULL would be offered everywhere yet
    unusable (items reference open_key): the CHECK constraint must refuse it."""
    factories.LicenceFactory(id="test-unused-1.0")

    assert db_refuses(lambda: Licence.objects.filter(pk="test-unused-1.0").update(open_key=None))


def test_db_accepts_closing_an_unused_licence_consistently():
    """The raw-write helper itself must see an accepted write as accepted."""
    factories.LicenceFactory(id="test-unused-2.0")

    assert not db_refuses(
        lambda: Licence.objects.filter(pk="test-unused-2.0").update(is_open=False, open_key=None)
    )


def test_db_refuses_closing_a_licence_in_use(image):
    licence_id = image.licence_id

    refused = db_refuses(lambda: Licence.objects.filter(pk=licence_id).update(is_open=False, open_key=None))

    assert refused
    assert Licence.objects.get(pk=licence_id).is_open


# --- Admin ---------------------------------------------------------------------


def test_licence_register_admin_listing_renders(admin_client):
    response = admin_client.get("/admin/licensing/licence/")

    assert response.status_code == 200
    content = response.content.decode()
    for licence_id in SEEDED_OPEN_LICENCES | {CLOSED_LICENCE}:
        assert licence_id in content


def test_licence_register_admin_refuses_closing_a_licence_in_use(admin_client, image):
    licence = Licence.objects.get(pk="cc-by-sa-4.0")
    data = {
        "id": licence.id,
        "name": licence.name,
        "short_name": licence.short_name,
        "url": licence.url,
        "share_alike": "on",
        "requires_attribution": "on",
        "description": licence.description,
        # is_open left out: the checkbox is unticked
    }

    response = admin_client.post("/admin/licensing/licence/edit/cc-by-sa-4.0/", data)

    assert response.status_code == 200
    assert "ne peut pas cesser d" in response.content.decode()
    licence.refresh_from_db()
    assert licence.is_open and licence.open_key == "cc-by-sa-4.0"
