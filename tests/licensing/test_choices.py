"""The closed licence is offered nowhere: admin forms, media forms, embed blocks."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.forms import get_document_form
from wagtail.images.forms import get_image_form

from curation.models import CollectionPage
from licensing.blocks import LicensedEmbedBlock, OpenLicenceChoiceBlock, open_licence_choices
from licensing.models import Licence, LicensedDocument, LicensedImage
from resources.models import EventReportPage, ResourcePage
from tests import factories
from tests.helpers import CLOSED_LICENCE, SEEDED_OPEN_LICENCES, assert_lists_open_licences

pytestmark = pytest.mark.django_db


def _choice_values(field) -> set[str]:
    return {str(value) for value, _label in field.choices if value not in ("", None)}


@pytest.mark.parametrize("page_model", [ResourcePage, EventReportPage, CollectionPage])
def test_page_admin_form_offers_open_licences_only(page_model, admin_user):
    form_class = page_model.get_edit_handler().get_form_class()
    form = form_class(instance=page_model(), for_user=admin_user)

    assert _choice_values(form.fields["licence"]) == SEEDED_OPEN_LICENCES
    assert form["licence"].value() == "cc-by-sa-4.0"


@pytest.mark.parametrize(
    ("model", "get_form"),
    [(LicensedImage, get_image_form), (LicensedDocument, get_document_form)],
    ids=["image", "document"],
)
def test_media_admin_form_offers_open_licences_only(model, get_form, admin_user):
    form = get_form(model)(user=admin_user)

    assert _choice_values(form.fields["licence"]) == SEEDED_OPEN_LICENCES
    assert form["licence"].value() == "cc-by-sa-4.0"


def test_a_licence_closed_later_disappears_from_the_choices(admin_user):
    factories.LicenceFactory(id="test-open-1.0")
    form_class = get_image_form(LicensedImage)
    assert "test-open-1.0" in _choice_values(form_class(user=admin_user).fields["licence"])

    licence = Licence.objects.get(pk="test-open-1.0")
    licence.is_open = False
    licence.save()

    assert "test-open-1.0" not in _choice_values(form_class(user=admin_user).fields["licence"])
    assert "test-open-1.0" not in {value for value, _ in open_licence_choices()}


def test_embed_licence_block_offers_open_licences_only():
    block = OpenLicenceChoiceBlock()

    assert _choice_values(block.field) == SEEDED_OPEN_LICENCES
    assert {value for value, _ in open_licence_choices()} == SEEDED_OPEN_LICENCES


@pytest.mark.parametrize("value", [CLOSED_LICENCE, "", None, "unknown"])
def test_embed_licence_block_refuses_a_licence_that_is_not_open(value):
    with pytest.raises(ValidationError) as excinfo:
        OpenLicenceChoiceBlock().clean(value)

    assert_lists_open_licences(excinfo.value.messages[0])


def test_embed_licence_block_accepts_an_open_licence():
    assert OpenLicenceChoiceBlock().clean("cc0-1.0") == "cc0-1.0"


def test_licensed_embed_block_reports_the_error_on_its_licence():
    block = LicensedEmbedBlock()
    value = block.to_python(
        {
            "url": "https://peertube.example.org/w/abc",
            "title": "Plénière d'ouverture",
            "licence": CLOSED_LICENCE,
            "attribution": "NEC",
        }
    )

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)

    assert set(excinfo.value.block_errors) == {"licence"}
    message = excinfo.value.block_errors["licence"].messages[0]
    assert CLOSED_LICENCE in message
    assert_lists_open_licences(message)
