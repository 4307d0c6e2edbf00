"""``manage.py load_demo_content``: the seeds' facts, loaded once, published, licensed.

The demo is loaded once for the module (it takes a few seconds) inside an
outer transaction that is rolled back at the end, so other modules never see it.
Each test still runs in its own savepoint.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from bases.demo import builder, facts, local_events
from bases.models import BasePage, HomePage
from curation.models import CollectionIndexPage, CollectionItem, CollectionPage
from taxonomy.models import PrincipleIndexPage, PrinciplePage, ThemeIndexPage, ThemePage
from events.models import LocalEventApplication, LocalEventIndexPage, LocalEventPage
from licensing.models import Licence
from resources.models import EventFormatFeedback, EventPhoto, EventReportPage, ResourcePage

pytestmark = pytest.mark.django_db

FINAL_LINE = (
    "4 thématiques, 7 principes, 7 éditions nationales, 2 comptes rendus, 8 NEC locaux au calendrier, "
    "11 collections, 20 ressources (hors comptes rendus), 26 images"
)


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Run the command once for the whole module; roll everything back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = StringIO()
            call_command("load_demo_content", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def home(demo_output) -> HomePage:
    return HomePage.objects.get()


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "themes": ThemePage.objects.count(),
        "principles": PrinciplePage.objects.count(),
        "collections": CollectionPage.objects.count(),
        "resources": ResourcePage.objects.count(),
        "write_ups": EventReportPage.objects.count(),
        "items": CollectionItem.objects.count(),
        "formats": EventFormatFeedback.objects.count(),
        "photos": EventPhoto.objects.count(),
        "images": get_image_model().objects.count(),
    }


# --- Output -----------------------------------------------------------------------------


def test_progress_has_one_numbered_line_per_step(demo_output):
    lines = demo_output.strip().splitlines()
    steps = [line for line in lines if line.startswith("[")]
    assert [line.split("]")[0] + "]" for line in steps] == [f"[{n}/15]" for n in range(1, 16)]
    assert steps[1].startswith("[2/15] Territoires… 13 territoires")
    assert steps[5].startswith("[6/15] Thématiques… index + 4 thématiques")
    assert FINAL_LINE in lines[-1]


# --- Tree and site --------------------------------------------------------------------------


def test_home_page_is_the_default_site_root_and_welcome_page_is_gone(home):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert home.depth == 2
    assert Page.objects.filter(depth=2).count() == 1  # Wagtail's « Welcome » page was replaced
    assert Site.find_for_request(_request()).root_page_id == home.pk


def _request():
    from django.test import RequestFactory

    return RequestFactory().get("/", HTTP_HOST="localhost")


def test_home_children_follow_the_design(home):
    children = {(type(page), page.title) for page in home.get_children().specific()}
    assert children == {
        (BasePage, "Numérique en Commun[s]"),
        (BasePage, "NEC locaux"),
        (CollectionIndexPage, "Collections"),
        (ThemeIndexPage, "Thématiques"),
        (PrincipleIndexPage, "Principes"),
    }


def test_four_themes_with_their_guiding_questions(home):
    index = ThemeIndexPage.objects.child_of(home).get()
    themes = {theme.title: theme for theme in ThemePage.objects.child_of(index)}
    assert set(themes) == {
        "Données & territoires",
        "Écologie & soutenabilité",
        "Communs & souveraineté",
        "Inclusion & émancipation",
    }
    question_counts = {title: len(theme.guiding_questions) for title, theme in themes.items()}
    assert question_counts == {
        "Données & territoires": 3,
        "Écologie & soutenabilité": 3,
        "Communs & souveraineté": 3,
        "Inclusion & émancipation": 4,
    }
    for theme in themes.values():
        assert {block.block_type for block in theme.guiding_questions} == {"question"}
        assert all(str(block.value).endswith("?") for block in theme.guiding_questions)
        assert theme.introduction


def test_seven_numbered_principles(home):
    index = PrincipleIndexPage.objects.child_of(home).get()
    principles = dict(PrinciplePage.objects.child_of(index).values_list("number", "title"))
    assert principles == {
        1: "Harmoniser",
        2: "Débattre",
        3: "Éduquer",
        4: "Tempérer",
        5: "Ouvrir",
        6: "Faire ensemble",
        7: "Améliorer",
    }


# --- National editions ---------------------------------------------------------------------


def test_national_editions_carry_the_seeds_figures(home):
    editions = CollectionPage.objects.filter(kind="national_edition").order_by("edition_year")
    figures = {
        page.edition_year: (
            page.edition_city,
            page.edition_venue,
            page.attendees_count,
            page.speakers_count,
            page.online_viewers_count,
            page.online_participants_count,
        )
        for page in editions
    }
    assert figures == {
        2018: ("Nantes", "", 850, 120, None, None),
        2019: ("Marseille", "", 800, 80, None, None),
        2020: ("Lyon", "", None, 62, 4000, 2600),
        2021: ("Sud Charente", "Château de la Mercerie", 400, 60, 5000, None),
        2022: ("Lens", "", 1800, 228, 6000, None),
        2023: ("Bordeaux", "", None, None, None, None),
        2024: ("", "", None, None, None, None),  # the seeds name no city: left blank
    }
    for page in editions:
        assert page.items.count() >= 1, page.title


# --- Write-ups --------------------------------------------------------------------------------


def test_nec_metz_2023_write_up_has_the_exact_figures(home):
    metz = EventReportPage.objects.get(slug="nec-metz-2023")
    assert metz.get_parent().title == "NEC locaux"
    assert (
        metz.speakers_count,
        metz.workshops_count,
        metz.stands_count,
        metz.participants_count,
        metz.structures_count,
    ) == (15, 4, 5, 181, 71)
    assert metz.budget_euros == Decimal("14000")
    assert (metz.venue, metz.city) == ("BLIIDA", "Metz")
    assert metz.territory.key == "com-57463"
    assert [t.name for t in metz.territory.ancestors()] == ["Grand Est", "Moselle"]
    assert (metz.start_date.year, metz.start_date.month) == (2023, 10)
    # The seed gives the month only: the page records that, not a made-up day.
    assert metz.date_precision == "month" and metz.start_date.day == 1
    assert metz.date == metz.start_date and metz.date_label == "octobre 2023"
    assert metz.resource_type == "event_report"
    assert metz.attribution == "Ville de Metz"
    formats = {item.format: item for item in metz.formats.all()}
    assert set(formats) == {"workshop", "stand", "plenary"}
    assert formats["plenary"].title == "Regard croisé Danemark, Luxembourg, France"
    assert metz.photos.count() == 2
    assert [theme.slug for theme in metz.themes.all()] == ["inclusion-emancipation"]


def test_nec_pont_du_gard_2023_write_up(home):
    gard = EventReportPage.objects.get(slug="nec-pont-du-gard-2023")
    assert gard.start_date == datetime.date(2023, 10, 25)
    assert gard.venue == "Site du Pont du Gard"
    assert (gard.territory.key, gard.territory.name) == ("dep-30", "Gard")
    assert gard.territory.parent.name == "Occitanie"
    assert "premier NEC départemental" in gard.summary
    assert "ANCT" in gard.summary
    assert gard.source_url == "https://lesbases.anct.gouv.fr/ressources/nec-pont-du-gard-2023"


def test_every_write_up_has_what_the_guide_asks_for(home):
    write_ups = EventReportPage.objects.all()
    assert write_ups.count() == 2
    for page in write_ups:
        assert page.summary and len(page.body) > 0, page.title
        assert page.themes.count() >= 1, page.title
        assert page.formats.count() >= 1, page.title
        assert page.photos.count() >= 1, page.title
        for photo in page.photos.all():
            assert photo.image.licence.is_open and photo.image.attribution


# --- Collections -----------------------------------------------------------------------------


def _collection(kind: str) -> CollectionPage:
    return CollectionPage.objects.get(kind=kind)


def test_la_revue_nec_holds_its_four_issues_in_order(home):
    revue = _collection("review")
    issues = [item.resource.specific for item in revue.items.order_by("sort_order")]
    assert [page.title for page in issues] == [
        "La revue NEC #1 : Empreinte écologique du numérique",
        "La revue NEC #2 : Santé et numérique",
        "La revue NEC #3 : Illettrisme et inclusion numérique",
        "La revue NEC #4 : Jeux vidéo & numérique d'intérêt général",
    ]
    assert {page.resource_type for page in issues} == {"publication"}
    seasons = ["printemps 2023", "automne 2023", "été 2024", "automne 2024"]
    for page, season in zip(issues, seasons):
        assert season in page.summary, page.summary


def test_podcast_collection_holds_four_episodes(home):
    podcast = _collection("podcast")
    episodes = [item.resource.specific for item in podcast.items.order_by("sort_order")]
    assert len(episodes) == 4
    assert {page.resource_type for page in episodes} == {"podcast_episode"}
    assert [page.title for page in episodes] == [f"Podcast Numérique en Commun[s] — épisode {n}" for n in range(1, 5)]


def test_local_necs_collection_has_the_write_ups_and_no_calendar_article(home):
    local = _collection("local_necs")
    notes = {item.resource.slug: item.note for item in local.items.all()}
    assert "nec-metz-2023" in notes and "nec-pont-du-gard-2023" in notes
    assert not [slug for slug in notes if slug.startswith("calendrier-")]
    assert not ResourcePage.objects.filter(slug__startswith="calendrier-").exists()


def test_the_local_nec_calendar_is_made_of_events(home):
    calendar = LocalEventIndexPage.objects.get()
    assert calendar.get_parent().slug == "nec-locaux" and calendar.live
    events = {event.slug: event for event in LocalEventPage.objects.child_of(calendar).live()}
    assert {slug: (e.title, e.start_date, e.end_date) for slug, e in events.items() if slug.endswith("2024")} == {
        "nec-occitanie-2024": ("NEC Occitanie", datetime.date(2024, 9, 30), None),
        "nec-metz-2024": ("NEC Metz 2024", datetime.date(2024, 10, 3), None),
        "nec-974-la-reunion-2024": ("NEC 974 La Réunion", datetime.date(2024, 11, 19), datetime.date(2024, 11, 20)),
        "nec-paris-saclay-2024": ("NEC Paris-Saclay", datetime.date(2024, 11, 21), None),
        "nec-ess-2024": ("NEC ESS", datetime.date(2024, 11, 27), None),
        "nec-merignac-2024": ("NEC Mérignac", datetime.date(2024, 11, 27), None),
    }
    # The two write-ups, linked to their events both ways.
    assert events["nec-metz-2023"].report.slug == "nec-metz-2023"
    assert EventReportPage.objects.get(slug="nec-pont-du-gard-2023").event == events["nec-pont-du-gard-2023"]


def test_one_application_awaits_review(home):
    [application] = LocalEventApplication.objects.all()
    assert application.status == "submitted" and application.themes.count() == 2
    assert application.contact_email.endswith("@example.org")


def test_collections_cover_every_kind(home):
    kinds = sorted(CollectionPage.objects.values_list("kind", flat=True))
    assert kinds.count("national_edition") == 7
    assert {"local_necs", "podcast", "review", "thematic"} <= set(kinds)
    assert len(kinds) == 11


# --- Publishing and licensing ----------------------------------------------------------------


def test_every_page_is_live_and_published(home):
    pages = Page.objects.descendant_of(home, inclusive=True)
    # 22 resources, 11 collections, 4 themes, 7 principles, 8 events and their calendar, the indexes, bases, home.
    assert pages.count() == 59
    assert not pages.filter(live=False).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()
    assert not pages.filter(first_published_at__isnull=True).exists()


def test_every_licensed_item_has_an_open_licence_and_an_organisation_credit(home):
    open_ids = set(Licence.objects.filter(is_open=True).values_list("id", flat=True))
    items = [*ResourcePage.objects.all(), *CollectionPage.objects.all(), *get_image_model().objects.all()]
    assert len(items) == 22 + 11 + 26
    for item in items:
        assert item.licence_id in open_ids, item
        assert item.attribution.strip(), item
    used = {item.licence_id for item in items}
    assert used == {"cc-by-sa-4.0", "cc-by-4.0", "etalab-2.0", "cc0-1.0", "odbl-1.0"}
    assert {item.attribution for item in items} <= {
        facts.ANCT,
        facts.EDITORIAL_TEAM,
        facts.NEC,
        facts.VILLE_DE_METZ,
        facts.RING,
    }


def test_every_resource_has_a_theme_a_summary_and_a_cover(home):
    for page in ResourcePage.objects.all():
        assert page.themes.count() >= 1, page.title
        assert page.summary.strip(), page.title
        assert page.cover_image is not None, page.title


def test_content_has_no_email_address(home):
    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        text = json.dumps(
            {name: str(getattr(page, name, "")) for name in ("title", "introduction", "summary")}
        ) + json.dumps(getattr(page, "body", None) and page.body.get_prep_value(), ensure_ascii=False)
        assert "@" not in text, page.title


def test_images_are_small_placeholder_cards(home):
    images = get_image_model().objects.all()
    assert {(image.width, image.height) for image in images} == {(1200, 675)}
    for image in images:
        assert image.file_size and image.file_size < 200_000, image.title
        assert image.file_hash


# --- Idempotence and failures ------------------------------------------------------------------


def test_running_twice_creates_no_duplicates_and_no_revisions(home):
    before = _counts()
    revisions = Revision.objects.count()
    page_ids = set(Page.objects.values_list("pk", flat=True))
    item_ids = set(CollectionItem.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert _counts() == before
    assert set(Page.objects.values_list("pk", flat=True)) == page_ids
    assert set(CollectionItem.objects.values_list("pk", flat=True)) == item_ids
    # Nothing differs from the facts: nothing is republished.
    assert Revision.objects.count() == revisions
    assert "(0 créée, 0 mise à jour, 12 inchangées)" in out.getvalue()
    assert "26 images (0 créée, 0 mise à jour, 26 inchangées)" in out.getvalue()
    assert FINAL_LINE in out.getvalue()


def test_a_page_edited_since_is_put_back_to_the_facts_in_place(home):
    metz = EventReportPage.objects.get(slug="nec-metz-2023")
    metz.participants_count = 999
    metz.formats.first().delete()
    metz.save_revision().publish()
    pages_before = Page.objects.count()

    out = StringIO()
    call_command("load_demo_content", stdout=out)

    metz = EventReportPage.objects.get(slug="nec-metz-2023")
    assert metz.participants_count == 181
    assert metz.formats.count() == 3
    assert Page.objects.count() == pages_before
    assert "2 comptes rendus (0 créée, 1 mise à jour, 1 inchangée)" in out.getvalue()


def test_a_failure_saves_nothing(home, monkeypatch):
    """A run that updates, creates and draws before failing leaves no trace."""
    before = _counts()
    revisions = Revision.objects.count()
    old_introduction = home.introduction
    card = facts.Illustration(title="Carte de test", colour="#123456", alt="Carte de test")
    extra = facts.Resource(
        slug="ressource-de-test",
        title="Ressource de test",
        summary="Une ressource qui ne doit pas survivre à l'échec.",
        resource_type="article",
        themes=("donnees-territoires",),
        date=datetime.date(2024, 1, 1),
        date_precision="year",
        cover="Carte de test",
    )
    monkeypatch.setitem(facts.HOME, "introduction", "Une introduction modifiée.")
    monkeypatch.setattr(facts, "ILLUSTRATIONS", (*facts.ILLUSTRATIONS, card))
    monkeypatch.setattr(facts, "NEC_RESOURCES", (*facts.NEC_RESOURCES, extra))
    written: list[str] = []
    real_ensure_image = builder.ensure_image

    def spy(spec):
        result = real_ensure_image(spec)
        if result.written_file:
            written.append(result.written_file)
        return result

    def boom(ctx):
        raise builder.DemoContentError("panne simulée")

    monkeypatch.setattr(builder, "ensure_image", spy)
    monkeypatch.setattr(builder, "STEPS", (*builder.STEPS, ("Panne", boom)))

    with pytest.raises(CommandError, match="panne simulée"):
        call_command("load_demo_content", stdout=StringIO())

    assert _counts() == before
    assert Revision.objects.count() == revisions
    assert HomePage.objects.get().introduction == old_introduction
    assert not Page.objects.filter(slug="ressource-de-test").exists()
    assert len(written) == 1 and not default_storage.exists(written[0])  # the drawn file is removed too


def test_a_closed_licence_in_the_facts_is_refused_by_name(home, monkeypatch):
    closed = facts.Illustration(title="Carte fermée", colour="#000000", alt="x", licence="cc-by-nc-sa-4.0")
    monkeypatch.setattr(facts, "ILLUSTRATIONS", (*facts.ILLUSTRATIONS, closed))
    with pytest.raises(CommandError) as excinfo:
        call_command("load_demo_content", stdout=StringIO())
    message = str(excinfo.value)
    assert "cc-by-nc-sa-4.0" in message and "Licences autorisées" in message
    assert not get_image_model().objects.filter(title="Carte fermée").exists()


def test_every_resource_carries_the_date_the_seeds_give(home):
    """No resource is dated by the day the demo was loaded: each has its own date."""
    dates = dict(ResourcePage.objects.values_list("slug", "date"))
    assert None not in dates.values()
    assert {day.year for day in dates.values()} == set(range(2018, 2025))
    assert datetime.date.today().year not in {day.year for day in dates.values()}
    precisions = dict(ResourcePage.objects.values_list("slug", "date_precision"))
    assert (dates["revue-nec-1-empreinte-ecologique"], precisions["revue-nec-1-empreinte-ecologique"]) == (
        datetime.date(2023, 1, 1), "year"
    )
    assert dates["revue-nec-3-illettrisme-inclusion"].year == 2024
    # The 2024 calendar is made of events, dated by their first day.
    events = dict(LocalEventPage.objects.values_list("slug", "start_date"))
    assert events["nec-metz-2024"] == datetime.date(2024, 10, 3)
    assert all(events[event.slug].year == 2024 for event in local_events.LOCAL_EVENTS if event.slug.endswith("2024"))
    assert dates["nec-2018-nantes-en-chiffres"] == datetime.date(2018, 9, 13)
    assert {dates[f"nec-{y}-{c}-en-chiffres"].year for y, c in ((2019, "marseille"), (2022, "lens"))} == {2019, 2022}


def test_the_demo_territories_come_from_the_register(home):
    keys = dict(LocalEventPage.objects.exclude(territory=None).values_list("slug", "territory__path"))
    assert keys["nec-occitanie-2024"] == "reg-76"
    assert keys["nec-merignac-2024"] == "reg-75/dep-33/com-33281"
    assert keys["nec-paris-saclay-2024"] == "reg-11/dep-91"
    assert keys["nec-974-la-reunion-2024"] == "reg-04"
    assert "nec-ess-2024" not in keys  # the calendar names no place for it
    reports = dict(ResourcePage.objects.exclude(territory=None).values_list("slug", "territory__path"))
    assert reports["nec-metz-2023"] == "reg-44/dep-57/com-57463"
