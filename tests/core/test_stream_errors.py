"""Every StreamField of the hub names its faulty blocks, not only the resource body."""

from __future__ import annotations

import pytest
from wagtail.blocks.stream_block import StreamBlockValidationError

from curation.models import CollectionPage
from taxonomy.models import ThemePage


def refusal(model, field: str, raw: list[dict]) -> str:
    block = model._meta.get_field(field).stream_block
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(block.to_python(raw))
    return caught.value.message


@pytest.mark.django_db
def test_a_podcast_episode_without_audio_is_named_by_index_type_and_field():
    episode = {"number": 1, "title": "Épisode", "audio_url": "", "audio_document": None,
               "duration": "", "licence": "cc-by-4.0", "attribution": "NEC", "resource": None}
    message = refusal(CollectionPage, "episodes", [
        {"type": "episode", "value": {**episode, "audio_url": "https://example.org/1.mp3"}},
        {"type": "episode", "value": episode},
    ])
    assert message.startswith("[1] (episode): audio_url: Indiquez soit")


@pytest.mark.django_db
def test_a_review_issue_without_its_pdf_is_named():
    message = refusal(CollectionPage, "issues", [
        {"type": "issue", "value": {"number": 3, "season": "Automne 2023", "document": None, "resource": None}},
    ])
    assert message.startswith("[0] (issue): document:")


def test_a_guiding_question_too_long_is_named():
    message = refusal(ThemePage, "guiding_questions", [
        {"type": "question", "value": "Une question ?"},
        {"type": "question", "value": "x" * 301},
    ])
    assert message.startswith("[1] (question): ")
