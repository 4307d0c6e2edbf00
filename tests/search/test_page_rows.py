"""What indexing reads of a resource: plain rows, the body's text from its raw JSON."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import ResourcePage
from search.documents import documents_in_chunks
from search.page_rows import body_pieces, resource_rows
from tests import factories

BODY = [
    {"type": "heading", "value": "Pourquoi ouvrir"},
    {"type": "paragraph", "value": "<p>La <b>médiation</b> &amp; les <a href=\"https://exemple.org\">communs</a></p>"},
    {"type": "image", "value": {"image": None, "caption": "Pendant l'atelier"}},
    {"type": "document", "value": {"document": None, "title": "Le support"}},
    {
        "type": "embed",
        "value": {
            "url": "https://peertube.example.org/w/abc",
            "title": "La captation",
            "licence": "cc-by-sa-4.0",
            "attribution": "Équipe vidéo",
        },
    },
    {"type": "link", "value": {"url": "https://exemple.org/guide", "label": "Le guide", "description": "Pas à pas"}},
    {"type": "quote", "value": {"text": "Faire ensemble", "source": "Un participant"}},
    {
        "type": "key_figures",
        "value": [
            {"type": "item", "value": {"value": "181", "label": "participants"}, "id": "a"},
            {"value": "14 k€", "label": "budget"},  # an item stored bare, as older data does
        ],
    },
]


@pytest.fixture
def illustrated(base_page, image, document):
    body = json.loads(json.dumps(BODY))
    body[2]["value"]["image"] = image.pk
    body[3]["value"]["document"] = document.pk
    return factories.ResourcePageFactory(parent=base_page, title="Guide illustré", body=json.dumps(body))


def test_the_body_text_holds_every_text_block_and_the_chosen_titles_in_order(illustrated, image, document):
    [row] = resource_rows([illustrated.pk])
    assert row.body_text == " ".join([
        "Pourquoi ouvrir",
        "La médiation & les communs",
        image.title, "Pendant l'atelier",
        document.title, "Le support",
        # The embed's address and licence are not text; its title and credit are.
        "La captation", "Équipe vidéo",
        "Le guide", "Pas à pas",
        "Faire ensemble", "Un participant",
        "181", "participants", "14 k€", "budget",
    ])


def test_a_deleted_image_leaves_only_its_caption(illustrated, image):
    image.delete()
    [row] = resource_rows([illustrated.pk])
    assert "Pendant l'atelier" in row.body_text and image.title not in row.body_text


def test_rows_carry_the_facts_facets_read(illustrated, base_page):
    [row] = resource_rows([illustrated.pk, 10**9])
    page = ResourcePage.objects.get(pk=illustrated.pk)
    assert (row.pk, row.title, row.summary, row.url_path, row.path) == (
        page.pk, page.title, page.summary, page.url_path, page.path
    )
    assert (row.resource_type, row.licence_id, row.territory_id, row.date) == (
        page.resource_type, page.licence_id, page.territory_id, page.date
    )


def test_unknown_blocks_and_odd_values_are_skipped(db):
    block = ResourcePage._meta.get_field("body").stream_block
    raw = [{"type": "gone", "value": "ancien bloc"}, "not a block", {"type": "heading", "value": None},
           {"type": "quote", "value": "not a dict"}, {"type": "heading", "value": "Reste"}]
    assert body_pieces(block, raw) == ["Reste"]


def test_reading_rows_costs_a_fixed_number_of_queries(base_page, image, django_assert_max_num_queries):
    body = json.dumps([{"type": "image", "value": {"image": image.pk, "caption": ""}}])
    ids = [factories.ResourcePageFactory(parent=base_page, body=body).pk for _ in range(6)]
    # The page rows, the resource rows, then the images' titles: never a query per resource.
    with django_assert_max_num_queries(3):
        rows = resource_rows(ids)
    assert [row.body_text for row in rows] == [image.title] * 6


def test_a_rebuild_reads_the_trees_visibility_facts_once_for_all_its_chunks(base_page):
    ids = [factories.ResourcePageFactory(parent=base_page).pk for _ in range(5)]
    with CaptureQueriesContext(connection) as queries:
        documents = list(documents_in_chunks(ids, chunk_size=2))
    assert sorted(doc.id for doc in documents) == sorted(ids)
    deepest = [q for q in queries.captured_queries if 'MAX("wagtailcore_page"."depth")' in q["sql"]]
    restricted = [q for q in queries.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    # Three chunks, each checking collections' members for visibility: the facts are read once.
    assert len(deepest) == 1 and len(restricted) == 1
