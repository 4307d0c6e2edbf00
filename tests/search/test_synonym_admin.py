"""Editors keep the synonyms list in the admin; bad input is refused there."""

from __future__ import annotations

import pytest

from search.models import SearchSynonym

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/hubsearch/searchsynonym/create/"


def test_an_editor_adds_a_synonym_group(admin_client):
    response = admin_client.post(ADD_URL, {"terms": "NEC, Numérique en Commun[s]", "enabled": "on"})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().term_list() == ["NEC", "Numérique en Commun[s]"]
    assert admin_client.get("/admin/hubsearch/searchsynonym/").status_code == 200


@pytest.mark.parametrize(
    "terms, message",
    [("NEC", "au moins deux termes"), ("NEC => Numérique, x", "ne sont pas acceptés")],
)
def test_a_bad_synonym_group_is_refused_with_a_message(admin_client, terms, message):
    response = admin_client.post(ADD_URL, {"terms": terms, "enabled": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SearchSynonym.objects.exists()
