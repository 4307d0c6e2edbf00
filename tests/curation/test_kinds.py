"""Each kind of collection carries its own facts; misplaced or incoherent facts are refused by name."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from curation.models import CollectionKind, CollectionPage
from tests import factories
from tests.helpers import messages_for

pytestmark = pytest.mark.django_db


def refused(**fields) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        factories.CollectionPageFactory(**fields)
    assert not CollectionPage.objects.exists()
    return excinfo.value


def episode(number: int, **overrides) -> tuple[str, dict]:
    value = {
        "number": number, "title": f"Épisode {number}", "audio_url": f"https://audio.example.org/{number}.mp3",
        "audio_document": None, "duration": "30 min", "licence": "cc-by-sa-4.0", "attribution": "NEC", "resource": None,
    }
    return ("episode", {**value, **overrides})


def issue(number: int, document, season: str = "Automne 2023") -> tuple[str, dict]:
    return ("issue", {"number": number, "season": season, "document": document, "resource": None})


@pytest.fixture
def pdf(db):
    from django.core.files.base import ContentFile

    return factories.DocumentFactory(file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="revue-1.pdf"))


def test_a_national_edition_carries_its_figures(home):
    edition = factories.CollectionPageFactory(
        kind=CollectionKind.NATIONAL_EDITION, edition_year=2022, edition_city="Lens",
        attendees_count=1800, speakers_count=228, online_viewers_count=6000,
    )
    assert CollectionPage.objects.get(pk=edition.pk).attendees_count == 1800


def test_edition_figures_on_a_podcast_are_refused_by_name(home):
    error = refused(kind=CollectionKind.PODCAST, edition_city="Lens", attendees_count=1800)

    assert set(error.message_dict) == {"edition_city", "attendees_count"}
    assert "Édition nationale" in messages_for(error, "edition_city")[0]


def test_more_speakers_than_attendees_is_incoherent(home):
    error = refused(kind=CollectionKind.NATIONAL_EDITION, edition_year=2019, attendees_count=80, speakers_count=800)

    assert "800 intervenants pour 80 participants" in messages_for(error, "speakers_count")[0]


def test_local_necs_carry_a_territory_and_dates(home):
    local = factories.CollectionPageFactory(
        kind=CollectionKind.LOCAL_NECS, local_territory="Occitanie",
        local_start_date=date(2024, 1, 10), local_end_date=date(2024, 6, 30), edition_year=2024,
    )
    assert CollectionPage.objects.get(pk=local.pk).local_territory == "Occitanie"


def test_local_dates_must_be_in_order_and_in_the_year(home):
    error = refused(
        kind=CollectionKind.LOCAL_NECS, local_start_date=date(2024, 6, 1), local_end_date=date(2024, 5, 1)
    )
    assert "précède" in messages_for(error, "local_end_date")[0]

    error = refused(kind=CollectionKind.LOCAL_NECS, edition_year=2023, local_start_date=date(2024, 6, 1))
    assert "2023" in messages_for(error, "local_start_date")[0]

    error = refused(kind=CollectionKind.LOCAL_NECS, local_end_date=date(2024, 5, 1))
    assert "date de début" in messages_for(error, "local_start_date")[0]


def test_a_territory_on_a_review_is_refused(home):
    error = refused(kind=CollectionKind.REVIEW, local_territory="Gard")

    assert "NEC locaux" in messages_for(error, "local_territory")[0]


def test_a_podcast_carries_episodes_with_audio_licence_and_credit(home):
    podcast = factories.CollectionPageFactory(kind=CollectionKind.PODCAST, episodes=[episode(1), episode(2)])

    stored = CollectionPage.objects.get(pk=podcast.pk)
    assert [block.value["number"] for block in stored.episodes] == [1, 2]
    assert stored.episodes[0].value["licence"] == "cc-by-sa-4.0"


def test_episodes_only_belong_to_a_podcast_and_are_numbered_once(home):
    error = refused(kind=CollectionKind.THEMATIC, episodes=[episode(1)])
    assert "Podcast" in messages_for(error, "episodes")[0]

    error = refused(kind=CollectionKind.PODCAST, episodes=[episode(1), episode(1)])
    assert "épisode n° 1 apparaît deux fois" in messages_for(error, "episodes")[0]


def test_an_episode_needs_exactly_one_audio_and_an_open_licence(home):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from curation.blocks import EpisodeBlock

    block = EpisodeBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(episode(1, audio_url="")[1]))
    assert "audio_url" in excinfo.value.block_errors

    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(episode(1, licence="cc-by-nc-4.0")[1]))
    assert "licence" in excinfo.value.block_errors


def test_a_review_carries_its_issues_with_their_pdf(home, pdf):
    review = factories.CollectionPageFactory(kind=CollectionKind.REVIEW, issues=[issue(1, pdf), issue(2, pdf)])

    stored = CollectionPage.objects.get(pk=review.pk)
    assert [(b.value["number"], b.value["document"].pk) for b in stored.issues] == [(1, pdf.pk), (2, pdf.pk)]


def test_an_issue_must_be_a_pdf_and_numbered_once(home, pdf, document):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from curation.blocks import IssueBlock

    error = refused(kind=CollectionKind.REVIEW, issues=[issue(3, pdf), issue(3, pdf)])
    assert "numéro n° 3 apparaît deux fois" in messages_for(error, "issues")[0]

    block = IssueBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(issue(1, document.pk)[1]))
    assert "PDF" in str(excinfo.value.block_errors["document"])
