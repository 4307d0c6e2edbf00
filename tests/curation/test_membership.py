"""Membership: hand-picked items first, then the rule's members, computed over what the public sees."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from curation.lookups import collections_of
from curation.membership import hidden_items, members, public_items
from curation.models import CollectionItem, CollectionKind, CollectionPage
from resources.models import ResourcePage, ResourceType
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def locaux(home):
    return factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")


def rule_collection(**rule) -> CollectionPage:
    return factories.CollectionPageFactory(kind=CollectionKind.LOCAL_NECS, title="Tous les NEC locaux", **rule)


def public_ids(collection: CollectionPage) -> list[int]:
    return [item.resource.pk for item in CollectionPage.objects.get(pk=collection.pk).public_items()]


def test_a_rule_collection_gains_a_resource_on_publication_and_loses_it_on_unpublication(locaux, theme):
    collection = rule_collection(rule_base=locaux, rule_resource_type=ResourceType.EVENT_REPORT)
    report = factories.EventReportPageFactory(parent=locaux, live=False, themes=[theme])
    assert public_ids(collection) == []

    report.save_revision().publish()
    assert public_ids(collection) == [report.pk]
    assert [entry.chosen for entry in members(collection)] == [False]

    report.refresh_from_db()
    report.unpublish()
    assert public_ids(collection) == []
    # A rule member was never chosen: nothing to flag to editors.
    assert hidden_items(collection) == []


def test_every_part_of_the_rule_must_match(locaux, base_page, theme):
    other_theme = factories.ThemePageFactory(title="Écologie", slug="ecologie")
    match = factories.EventReportPageFactory(parent=locaux, themes=[theme], start_date=date(2023, 5, 2))
    factories.EventReportPageFactory(parent=locaux, themes=[other_theme], start_date=date(2023, 5, 2))
    factories.EventReportPageFactory(parent=locaux, themes=[theme], start_date=date(2022, 5, 2))
    factories.EventReportPageFactory(parent=base_page, themes=[theme], start_date=date(2023, 5, 2))
    factories.ResourcePageFactory(parent=locaux, themes=[theme])  # a guide, not a report

    collection = rule_collection(
        rule_base=locaux, rule_theme=theme, rule_year=2023, rule_resource_type=ResourceType.EVENT_REPORT
    )

    assert public_ids(collection) == [match.pk]


def test_hand_picked_items_come_first_in_their_order_then_rule_members_newest_first(locaux, base_page, theme):
    older = factories.EventReportPageFactory(parent=locaux, title="Plus ancien")
    newer = factories.EventReportPageFactory(parent=locaux, title="Plus récent")
    guide = factories.ResourcePageFactory(parent=base_page, title="Guide")
    collection = rule_collection(rule_base=locaux)
    collection.items = [
        CollectionItem(resource=guide, sort_order=0, note="Pour commencer", featured=True),
        CollectionItem(resource=older, sort_order=1),  # chosen and matching: shown once, at its chosen place
    ]
    collection.save_revision().publish()

    entries = members(collection)
    assert [e.resource_id for e in entries] == [guide.pk, older.pk, newer.pk]
    assert [e.chosen for e in entries] == [True, True, False]
    assert entries[0].note == "Pour commencer" and entries[0].featured


def test_a_collection_without_rule_has_only_its_chosen_items(resource, locaux):
    factories.EventReportPageFactory(parent=locaux)
    collection = factories.CollectionPageFactory()
    factories.CollectionItemFactory(collection=collection, resource=resource)

    assert public_ids(collection) == [resource.pk]


def test_an_unpublished_item_is_hidden_publicly_and_flagged_to_editors(base_page, theme):
    kept, dropped = (factories.ResourcePageFactory(parent=base_page, title=t) for t in ("Gardée", "Retirée"))
    collection = factories.CollectionPageFactory()
    factories.CollectionItemFactory(collection=collection, resource=kept, sort_order=0)
    factories.CollectionItemFactory(collection=collection, resource=dropped, sort_order=1)

    dropped.unpublish()

    assert public_ids(collection) == [kept.pk]
    hidden = hidden_items(collection)
    assert [(h.resource_id, h.title, h.reason) for h in hidden] == [(dropped.pk, "Retirée", "dépubliée")]


def test_a_restricted_item_is_hidden_too(base_page, resource):
    from wagtail.models import PageViewRestriction

    collection = factories.CollectionPageFactory()
    factories.CollectionItemFactory(collection=collection, resource=resource)
    PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.LOGIN)

    assert public_ids(collection) == []
    assert "accès restreint" in hidden_items(collection)[0].reason


def test_a_resource_knows_its_collections_hand_picked_and_by_rule(locaux, resource):
    report = factories.EventReportPageFactory(parent=locaux)
    by_rule = rule_collection(rule_base=locaux)
    chosen = factories.CollectionPageFactory(title="Sélection")
    factories.CollectionItemFactory(collection=chosen, resource=report)
    draft = factories.CollectionPageFactory(title="Brouillon", live=False, rule_base=locaux)

    found = collections_of([report.pk, resource.pk])

    assert [title for _, _, title in found[report.pk]] == ["Sélection", "Tous les NEC locaux"]
    assert resource.pk not in found
    assert draft.pk not in {pk for pk, _, _ in found[report.pk]}


def test_at_most_one_featured_item(resource, base_page):
    other = factories.ResourcePageFactory(parent=base_page)
    collection = factories.CollectionPageFactory()
    collection.items = [
        CollectionItem(resource=resource, sort_order=0, featured=True),
        CollectionItem(resource=other, sort_order=1, featured=True),
    ]
    with pytest.raises(ValidationError) as excinfo:
        collection.save_revision()
    assert "mise en avant" in str(excinfo.value)

    factories.CollectionItemFactory(collection=collection, resource=resource, featured=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionItem.objects.create(collection=collection, resource=other, featured=True, sort_order=1)


def test_public_items_are_pages_with_note_and_flags(resource):
    collection = factories.CollectionPageFactory()
    factories.CollectionItemFactory(collection=collection, resource=resource, note="À lire", featured=True)

    [item] = public_items(collection)
    assert item.resource.title == resource.title and item.note == "À lire" and item.featured and item.chosen


def test_the_public_page_shows_visible_items_in_order_and_hides_unpublished_ones(client, base_page):
    first, second, gone = (factories.ResourcePageFactory(parent=base_page, title=t) for t in ("Première", "Seconde", "Partie"))
    collection = factories.CollectionPageFactory()
    for position, resource in enumerate((second, gone, first)):
        factories.CollectionItemFactory(collection=collection, resource=resource, sort_order=position, note=f"n{position}")
    ResourcePage.objects.get(pk=gone.pk).unpublish()

    html = client.get(CollectionPage.objects.get(pk=collection.pk).url).content.decode()

    assert html.index("Seconde") < html.index("Première") and "Partie" not in html
    assert "n0" in html and "n2" in html


def test_the_public_page_shows_rule_members_after_the_featured_hand_picked_item(client, base_page, locaux):
    chosen = factories.ResourcePageFactory(parent=base_page, title="Choisie par la rédaction")
    by_rule = factories.ResourcePageFactory(parent=locaux, title="Arrivée par la règle")
    factories.ResourcePageFactory(parent=base_page, title="Hors de la règle")
    collection = rule_collection(rule_base=locaux)
    factories.CollectionItemFactory(collection=collection, resource=chosen, featured=True)

    html = client.get(CollectionPage.objects.get(pk=collection.pk).url).content.decode()

    assert html.index("À la une") < html.index("Choisie par la rédaction") < html.index("Arrivée par la règle")
    assert "Hors de la règle" not in html


def test_a_resource_page_names_the_rule_collections_it_belongs_to(client, locaux):
    resource = factories.ResourcePageFactory(parent=locaux, title="Compte rendu local")
    rule_collection(rule_base=locaux)

    html = client.get(ResourcePage.objects.get(pk=resource.pk).url).content.decode()

    assert "Dans les collections" in html and "Tous les NEC locaux" in html
