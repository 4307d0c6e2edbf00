"""Licence names and addresses met in imports, mapped to the register or refused."""

from __future__ import annotations

import pytest

from licensing.import_mapping import LicenceImportError, licence_from_import
from tests.helpers import assert_lists_open_licences

pytestmark = pytest.mark.django_db

SPELLINGS = [
    ("CC-BY-SA", "cc-by-sa-4.0"),
    ("cc by-sa 4.0", "cc-by-sa-4.0"),
    ("CC BY-SA 4.0 International", "cc-by-sa-4.0"),
    ("Creative Commons Attribution - ShareAlike 4.0", "cc-by-sa-4.0"),
    ("Creative Commons Attribution – Partage dans les mêmes conditions", "cc-by-sa-4.0"),
    ("https://creativecommons.org/licenses/by-sa/4.0/", "cc-by-sa-4.0"),
    ("CC BY", "cc-by-4.0"),
    ("cc-by-4.0", "cc-by-4.0"),
    ("Creative Commons Attribution 4.0 International", "cc-by-4.0"),
    ("https://creativecommons.org/licenses/by/4.0/deed.fr", "cc-by-4.0"),
    ("http://www.creativecommons.org/licenses/by/4.0", "cc-by-4.0"),
    ("Licence Ouverte v2.0", "etalab-2.0"),
    ("licence ouverte", "etalab-2.0"),
    ("Licence Ouverte / Open Licence version 2.0", "etalab-2.0"),
    ("etalab 2.0", "etalab-2.0"),
    ("Etalab-2.0", "etalab-2.0"),
    ("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "etalab-2.0"),
    ("CC0", "cc0-1.0"),
    ("cc0 1.0", "cc0-1.0"),
    ("Domaine public (CC0)", "cc0-1.0"),
    ("https://creativecommons.org/publicdomain/zero/1.0/deed.fr", "cc0-1.0"),
    ("ODbL", "odbl-1.0"),
    ("Open Database License (ODbL) v1.0", "odbl-1.0"),
    ("https://opendatacommons.org/licenses/odbl/1-0/", "odbl-1.0"),
]


@pytest.mark.parametrize(("value", "expected"), SPELLINGS)
def test_spellings_map_to_the_register(value, expected):
    assert licence_from_import(value).id == expected


REFUSED = [
    ("CC BY-NC-SA 4.0", "pas une licence ouverte"),
    ("cc-by-nc-sa-4.0", "pas une licence ouverte"),
    ("https://creativecommons.org/licenses/by-nc/4.0/", "pas une licence ouverte"),
    ("CC BY-ND", "pas une licence ouverte"),
    ("Creative Commons Attribution - Pas d'utilisation commerciale", "pas une licence ouverte"),
    ("Tous droits réservés", "pas une licence connue"),
    ("CC BY-SA 3.0", "pas une licence connue"),  # not (yet) in the register
    ("GPL v3", "pas une licence connue"),
    ("https://example.org/ma-licence", "aucune licence connue"),
    ("", "obligatoire"),
    (None, "obligatoire"),
]


@pytest.mark.parametrize(("value", "problem"), REFUSED)
def test_non_open_and_unknown_values_are_refused_with_a_clear_message(value, problem):
    with pytest.raises(LicenceImportError) as raised:
        licence_from_import(value)
    message = str(raised.value)
    assert problem in message
    assert f"« {value} »" in message
    assert_lists_open_licences(message)


def test_a_closed_licence_of_the_register_is_refused_even_by_its_id():
    from tests import factories

    factories.LicenceFactory(id="licence-maison-1.0", name="Licence maison", is_open=False)
    with pytest.raises(LicenceImportError, match="désigne licence-maison-1.0, qui n'est pas une licence ouverte"):
        licence_from_import("Licence Maison 1.0")
