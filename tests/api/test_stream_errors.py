"""A StreamField refused through the write API names the block's index, its type
and the field inside it (core/stream_errors.py), and nothing is saved."""

from __future__ import annotations

import pytest

from resources.models import ResourcePage
from tests.api.conftest import API, assert_problem
from tests.api.test_writes import new_resource

pytestmark = pytest.mark.django_db


def post_body(token_client, hub, body: list[dict]):
    payload = new_resource(hub["base"], themes=[hub["data"].pk], body=body)
    return token_client.post(f"{API}/pages/", payload, content_type="application/json")


def test_a_bad_body_block_is_named_by_index_type_and_field(token_client, hub):
    body = [
        {"type": "heading", "value": "Pourquoi cartographier"},
        {"type": "paragraph", "value": "<p>Un texte.</p>"},
        {"type": "image", "value": {"image": None, "caption": "Sans image"}},
    ]
    problem = assert_problem(post_body(token_client, hub, body), 422)
    messages = [error["msg"] for error in problem["errors"]]
    assert len(messages) == 1 and messages[0].startswith("body[2] (image): image: "), messages
    assert problem["errors"][0]["loc"] == ["body"]
    assert "body[2] (image): image: " in problem["detail"]
    assert "Validation error in StreamBlock" not in str(problem)
    assert not ResourcePage.objects.filter(title="Publié par l'API").exists()


def test_every_faulty_block_is_named_down_to_nested_fields(token_client, hub):
    body = [
        {"type": "quote", "value": {"text": "", "source": "Atelier"}},
        {"type": "paragraph", "value": "<p>Bien.</p>"},
        {"type": "key_figures", "value": [{"value": "181", "label": "lieux"}, {"value": "", "label": "bénévoles"}]},
        {"type": "link", "value": {"url": "pas une adresse", "label": "Le site"}},
    ]
    problem = assert_problem(post_body(token_client, hub, body), 422)
    messages = [error["msg"] for error in problem["errors"]]
    assert [m.split(": ")[0] + ": " + m.split(": ")[1] for m in messages] == [
        "body[0] (quote): text",
        "body[2] (key_figures): [1].value",
        "body[3] (link): url",
    ], messages
    assert all(m.count(": ") >= 2 and m.split(": ", 2)[2] for m in messages)  # each ends with Django's message


def test_a_good_body_is_still_saved(token_client, hub):
    body = [{"type": "heading", "value": "Intertitre"}, {"type": "paragraph", "value": "<p>Texte.</p>"}]
    response = post_body(token_client, hub, body)
    assert response.status_code == 201, response.content
    assert [block.block_type for block in ResourcePage.objects.get(title="Publié par l'API").body] == ["heading", "paragraph"]
