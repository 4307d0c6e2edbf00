"""Collections: ordered, curated lists of resources; national editions state their year."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from curation.models import CollectionItem, CollectionKind, CollectionPage
from tests import factories
from tests.helpers import CLOSED_LICENCE, assert_lists_open_licences, messages_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources(base_page, theme):
    return [
        factories.ResourcePageFactory(parent=base_page, themes=[theme], title=f"Ressource {letter}")
        for letter in "ABCD"
    ]


def collection_form(**fields) -> dict:
    """The collection editor's POST data: every field empty unless given."""
    data = {
        "title": "",
        "slug": "",
        "kind": "thematic",
        "introduction": "",
        "cover_image": "",
        "edition_year": "",
        "edition_city": "",
        "edition_venue": "",
        "attendees_count": "",
        "speakers_count": "",
        "online_viewers_count": "",
        "online_participants_count": "",
        "local_territory": "",
        "local_start_date": "",
        "local_end_date": "",
        "episodes": streamfield([]),
        "issues": streamfield([]),
        "items": inline_formset([]),
        "rule_base": "",
        "rule_theme": "",
        "rule_year": "",
        "rule_resource_type": "",
        "licence": "cc-by-sa-4.0",
        "attribution": "Équipe éditoriale NEC",
        "source_url": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    return nested_form_data({**data, **fields})


def item_ids(collection: CollectionPage) -> list[int]:
    return [item.resource_id for item in CollectionPage.objects.get(pk=collection.pk).items.all()]


# --- Editions --------------------------------------------------------------------


def test_national_edition_without_year_is_refused(home):
    with pytest.raises(ValidationError) as excinfo:
        factories.CollectionPageFactory(kind=CollectionKind.NATIONAL_EDITION, edition_year=None)

    assert "edition_year" in excinfo.value.message_dict
    assert "année" in messages_for(excinfo.value, "edition_year")[0]
    assert not CollectionPage.objects.exists()


def test_national_edition_losing_its_year_cannot_be_published(home):
    collection = factories.CollectionPageFactory(
        kind=CollectionKind.NATIONAL_EDITION, edition_year=2023, edition_city="Nantes"
    )
    collection.edition_year = None

    with pytest.raises(ValidationError) as excinfo:
        collection.save_revision().publish()

    assert "edition_year" in excinfo.value.message_dict
    assert CollectionPage.objects.get(pk=collection.pk).edition_year == 2023


@pytest.mark.parametrize("kind", [CollectionKind.PODCAST, CollectionKind.THEMATIC, CollectionKind.LOCAL_NECS])
def test_other_kinds_need_no_year(home, kind):
    collection = factories.CollectionPageFactory(kind=kind, edition_year=None)

    assert CollectionPage.objects.get(pk=collection.pk).kind == kind


@pytest.mark.parametrize("year", [1999, 2101])
def test_edition_year_is_plausible(home, year):
    collection = factories.CollectionPageFactory.build(kind=CollectionKind.NATIONAL_EDITION, edition_year=year)

    with pytest.raises(ValidationError) as excinfo:
        collection.full_clean(exclude=["path", "depth"])

    assert "edition_year" in excinfo.value.message_dict


def test_a_collection_needs_an_open_licence(home):
    with pytest.raises(ValidationError) as excinfo:
        factories.CollectionPageFactory(licence_id=CLOSED_LICENCE)

    assert_lists_open_licences(messages_for(excinfo.value, "licence")[0])
    assert not CollectionPage.objects.exists()


# --- Items -----------------------------------------------------------------------


def test_a_resource_can_sit_in_two_collections(resources):
    resource = resources[0]
    podcast = factories.CollectionPageFactory(kind=CollectionKind.PODCAST)
    edition = factories.CollectionPageFactory(kind=CollectionKind.NATIONAL_EDITION, edition_year=2023)

    factories.CollectionItemFactory(collection=podcast, resource=resource)
    factories.CollectionItemFactory(collection=edition, resource=resource)

    assert {item.collection_id for item in resource.collection_items.all()} == {podcast.pk, edition.pk}
    assert item_ids(podcast) == item_ids(edition) == [resource.pk]


def test_a_resource_sits_once_in_a_given_collection(resources):
    collection = factories.CollectionPageFactory()
    factories.CollectionItemFactory(collection=collection, resource=resources[0])

    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionItem.objects.create(collection=collection, resource=resources[0], sort_order=5)


def test_items_keep_their_order_after_publishing(resources):
    a, b, c, d = resources
    collection = factories.CollectionPageFactory()
    # Deliberately not in creation (pk) order.
    collection.items = [
        CollectionItem(resource=c, sort_order=0, note="Pour commencer"),
        CollectionItem(resource=a, sort_order=1),
        CollectionItem(resource=d, sort_order=2),
        CollectionItem(resource=b, sort_order=3),
    ]

    revision = collection.save_revision()
    revision.publish()

    assert item_ids(collection) == [c.pk, a.pk, d.pk, b.pk]
    stored = CollectionPage.objects.get(pk=collection.pk)
    assert [item.sort_order for item in stored.items.all()] == [0, 1, 2, 3]
    assert stored.items.first().note == "Pour commencer"
    # The revision holds the same order as the live page.
    assert [item.resource_id for item in revision.as_object().items.all()] == [c.pk, a.pk, d.pk, b.pk]


def test_reordering_items_and_publishing_again_keeps_the_new_order(resources):
    a, b, c, _ = resources
    collection = factories.CollectionPageFactory()
    collection.items = [CollectionItem(resource=r, sort_order=i) for i, r in enumerate([a, b, c])]
    collection.save_revision().publish()

    page = CollectionPage.objects.get(pk=collection.pk)
    by_resource = {item.resource_id: item for item in page.items.all()}
    by_resource[a.pk].sort_order, by_resource[c.pk].sort_order = 2, 0
    page.items = sorted(by_resource.values(), key=lambda item: item.sort_order)
    page.save_revision().publish()

    assert item_ids(collection) == [c.pk, b.pk, a.pk]


def test_admin_saves_items_in_the_editors_order(admin_client, resources):
    a, b, c, _ = resources
    index = factories.CollectionIndexPageFactory()
    url = reverse("wagtailadmin_pages:add", args=("curation", "collectionpage", index.pk))
    items = inline_formset([{"resource": str(r.pk), "note": "", "featured": ""} for r in (b, c, a)])
    # The editor dragged the first item last: ORDER decides, not the form index.
    items["0"]["ORDER"], items["1"]["ORDER"], items["2"]["ORDER"] = "2", "0", "1"
    data = collection_form(
        title="Revue NEC n°1", slug="revue-nec-1", kind="review", items=items, licence="cc-by-4.0"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    collection = CollectionPage.objects.get(slug="revue-nec-1")
    assert collection.live
    assert item_ids(collection) == [c.pk, a.pk, b.pk]


def test_admin_refuses_a_national_edition_without_year(admin_client, home):
    index = factories.CollectionIndexPageFactory()
    url = reverse("wagtailadmin_pages:add", args=("curation", "collectionpage", index.pk))
    data = collection_form(title="NEC 2023", slug="nec-2023", kind="national_edition", edition_city="Nantes")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "edition_year" in response.context["form"].errors
    assert not CollectionPage.objects.exists()
