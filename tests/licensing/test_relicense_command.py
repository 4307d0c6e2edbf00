"""The relicense command: a door that must refuse closed licences, all or nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from licensing.models import LicensedImage
from tests import factories


def test_relicenses_images_and_reports_progress(image):
    other = factories.ImageFactory()
    out = _run("image", image.pk, other.pk, "--licence", "cc-by-4.0")
    assert set(LicensedImage.objects.filter(pk__in=[image.pk, other.pk]).values_list("licence_id", flat=True)) == {
        "cc-by-4.0"
    }
    assert "[2/2]" in out


@pytest.mark.parametrize("licence", ["cc-by-nc-sa-4.0", "no-such-licence"])
def test_refuses_a_licence_that_is_not_open_and_changes_nothing(image, licence):
    before = image.licence_id
    with pytest.raises(CommandError) as error:
        _run("image", image.pk, "--licence", licence)
    message = str(error.value)
    assert "--licence" in message and licence in message
    assert "cc-by-sa-4.0" in message and "etalab-2.0" in message  # the allowed ones are listed
    image.refresh_from_db()
    assert image.licence_id == before


def test_unknown_id_changes_nothing(image):
    with pytest.raises(CommandError, match="no image with id 999999"):
        _run("image", image.pk, 999999, "--licence", "cc0-1.0")
    image.refresh_from_db()
    assert image.licence_id != "cc0-1.0"


def test_relicenses_a_live_page_through_a_published_revision(resource):
    revisions_before = resource.revisions.count()
    _run("page", resource.pk, "--licence", "etalab-2.0")
    resource.refresh_from_db()
    assert resource.licence_id == "etalab-2.0"
    assert resource.live and resource.revisions.count() == revisions_before + 1


def test_refuses_pages_without_a_licence(home):
    with pytest.raises(CommandError, match="carry no licence"):
        _run("page", home.pk, "--licence", "cc-by-4.0")


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("relicense", *[str(a) for a in args], stdout=out)
    return out.getvalue()
