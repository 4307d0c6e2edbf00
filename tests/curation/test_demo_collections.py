"""The demo's four seed collections: filled, ordered, with their kind's facts; loading twice changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Revision

from curation.models import CollectionPage
from resources.models import EventReportPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, roll it back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo_content", stdout=StringIO())
            yield
            transaction.set_rollback(True)


def collection(slug: str) -> CollectionPage:
    return CollectionPage.objects.get(slug=slug)


def test_national_editions_from_2018_to_2024_with_the_seeds_figures(demo):
    editions = CollectionPage.objects.filter(kind="national_edition").order_by("edition_year")
    assert [(e.edition_year, e.edition_city) for e in editions] == [
        (2018, "Nantes"), (2019, "Marseille"), (2020, "Lyon"), (2021, "Sud Charente"),
        (2022, "Lens"), (2023, "Bordeaux"), (2024, ""),
    ]
    lens = editions.get(edition_year=2022)
    assert (lens.attendees_count, lens.speakers_count, lens.online_viewers_count) == (1800, 228, 6000)
    assert all(edition.public_items() for edition in editions)


def test_nec_locaux_lists_its_choices_first_then_every_other_resource_of_its_base(demo):
    local = collection("nec-locaux")
    items = local.public_items()
    chosen = [item for item in items if item.chosen]

    assert local.has_rule and local.rule_base.slug == "nec-locaux"
    assert [item.resource.slug for item in chosen[:2]] == ["nec-metz-2023", "nec-pont-du-gard-2023"]
    assert all(item.chosen for item in items[: len(chosen)])  # choices come first
    shown = {item.resource.pk for item in items}
    assert set(EventReportPage.objects.values_list("pk", flat=True)) <= shown


def test_the_podcast_has_four_numbered_episodes_with_licensed_audio(demo):
    podcast = collection("podcast-numerique-en-communs")
    episodes = [block.value for block in podcast.episodes]

    assert [e["number"] for e in episodes] == [1, 2, 3, 4]
    for episode, item in zip(episodes, podcast.public_items()):
        audio = episode["audio_document"]
        assert audio.filename.endswith(".wav") and audio.licence.is_open and audio.attribution
        assert episode["resource"].pk == item.resource.pk  # the episodes follow the collection's order


def test_la_revue_nec_has_four_issues_with_licensed_pdfs(demo):
    revue = collection("la-revue-nec")
    issues = [block.value for block in revue.issues]

    assert [(i["number"], i["season"]) for i in issues] == [
        (1, "Printemps 2023"), (2, "Automne 2023"), (3, "Été 2024"), (4, "Automne 2024"),
    ]
    for issue in issues:
        document = issue["document"]
        assert document.filename.endswith(".pdf") and document.licence.is_open
        with document.file.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    assert [item.resource.pk for item in revue.public_items()] == [i["resource"].pk for i in issues]


def test_loading_again_adds_no_document_and_no_revision(demo):
    documents, revisions = get_document_model().objects.count(), Revision.objects.count()

    call_command("load_demo_content", stdout=StringIO())

    assert get_document_model().objects.count() == documents
    assert Revision.objects.count() == revisions
