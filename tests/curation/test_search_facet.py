"""The collection facet follows membership (hand-picked and by rule), through the outbox."""

from __future__ import annotations

import pytest

from curation.models import CollectionItem, CollectionKind, CollectionPage
from resources.models import ResourcePage, ResourceType
from search.models import IndexOutboxEntry
from search.query import Facet, SearchQuery
from tests import factories
from tests.curation.conftest import index

pytestmark = pytest.mark.django_db


def collection_counts(engine) -> dict[str, int]:
    result = engine.search(SearchQuery())
    return {value.value: value.count for value in result.facets[Facet.COLLECTION]}


@pytest.fixture
def locaux(home):
    return factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")


def test_facet_counts_follow_hand_picked_items(engine, base_page):
    a, b = (factories.ResourcePageFactory(parent=base_page) for _ in range(2))
    collection = factories.CollectionPageFactory(slug="selection")
    index(engine)
    assert "selection" not in collection_counts(engine)

    collection = CollectionPage.objects.get(pk=collection.pk)
    collection.items = [CollectionItem(resource=a, sort_order=0), CollectionItem(resource=b, sort_order=1)]
    collection.save_revision().publish()
    index(engine)
    assert collection_counts(engine)["selection"] == 2

    collection = CollectionPage.objects.get(pk=collection.pk)
    collection.items = [CollectionItem(resource=b, sort_order=0)]
    collection.save_revision().publish()
    index(engine)
    assert collection_counts(engine)["selection"] == 1


def test_facet_counts_follow_a_rule_and_the_publication_of_its_members(engine, locaux):
    factories.CollectionPageFactory(
        slug="tous-les-nec-locaux", kind=CollectionKind.LOCAL_NECS, rule_base=locaux,
        rule_resource_type=ResourceType.EVENT_REPORT,
    )
    first = factories.EventReportPageFactory(parent=locaux)
    index(engine)
    assert collection_counts(engine)["tous-les-nec-locaux"] == 1

    second = factories.EventReportPageFactory(parent=locaux, live=False)
    second.save_revision().publish()
    index(engine)
    assert collection_counts(engine)["tous-les-nec-locaux"] == 2

    ResourcePage.objects.get(pk=first.pk).unpublish()
    index(engine)
    assert collection_counts(engine)["tous-les-nec-locaux"] == 1


def test_changing_a_rule_requeues_old_and_new_members_through_the_outbox(engine, locaux, base_page):
    report = factories.EventReportPageFactory(parent=locaux)
    guide = factories.ResourcePageFactory(parent=base_page)
    collection = factories.CollectionPageFactory(slug="regle", rule_base=locaux)
    index(engine)
    assert collection_counts(engine)["regle"] == 1

    collection = CollectionPage.objects.get(pk=collection.pk)
    collection.rule_base = base_page
    collection.save_revision().publish()

    # Recorded, not applied: the engine only changes when the outbox is drained.
    assert {report.pk, guide.pk} <= set(IndexOutboxEntry.objects.values_list("page_id", flat=True))
    index(engine)
    search = engine.search(SearchQuery(filters={Facet.COLLECTION: ("regle",)}))
    assert [hit.id for hit in search.hits] == [guide.pk]


def test_a_draft_rule_change_touches_nothing(engine, locaux, base_page):
    factories.EventReportPageFactory(parent=locaux)
    collection = factories.CollectionPageFactory(slug="regle", rule_base=locaux)
    index(engine)

    collection = CollectionPage.objects.get(pk=collection.pk)
    collection.rule_base = base_page
    collection.save_revision()  # a draft: the public collection is unchanged

    assert not IndexOutboxEntry.objects.exists()
    assert collection_counts(engine)["regle"] == 1
