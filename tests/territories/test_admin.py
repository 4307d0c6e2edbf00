"""The register in the admin: a read-only listing crediting its source, and the chooser."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from territories.models import Territory

pytestmark = pytest.mark.django_db


def test_listing_credits_the_source_and_offers_no_edit(territories, admin_client):
    response = admin_client.get(reverse("territories:index"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Licence Ouverte 2.0" in text and "Code officiel géographique" in text
    found = admin_client.get(reverse("territories:index"), {"q": "Pont-du"}).content.decode()
    assert "Vers-Pont-du-Gard" in found and "Metz" not in found
    metz = Territory.objects.get(kind="commune", code="57463")
    assert admin_client.get(reverse("territories:edit", args=[metz.pk])).status_code in (302, 403)
    assert admin_client.get(reverse("territories:add")).status_code in (302, 403)
    assert admin_client.post(reverse("territories:delete", args=[metz.pk])).status_code in (302, 403)
    assert Territory.objects.filter(pk=metz.pk).exists()
    inspect = admin_client.get(reverse("territories:inspect", args=[metz.pk]))
    assert inspect.status_code == 200 and "reg-44/dep-57/com-57463" in inspect.content.decode()


def test_chooser_autocompletes_names_without_accents(territories, admin_client):
    response = admin_client.get(reverse("territory_chooser:choose_results"), {"q": "merignac"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mérignac (33)" in text and "Mérignac (16)" in text and "Metz" not in text
    narrowed = admin_client.get(reverse("territory_chooser:choose_results"), {"q": "gard", "kind": "departement"})
    assert "Gard (30)" in narrowed.content.decode() and "Vers-Pont-du-Gard" not in narrowed.content.decode()


def test_chooser_is_not_a_public_door(territories, client):
    response = client.get(reverse("territory_chooser:choose_results"), {"q": "metz"})
    assert response.status_code == 302  # to the admin's login
    with pytest.raises(NoReverseMatch):
        reverse("territories:copy", args=[1])
