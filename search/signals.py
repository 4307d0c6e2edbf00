"""Record in the outbox every change a search document depends on.

Model signals (``pre_save``/``post_save``/``pre_delete``/``post_delete``) fire
inside the transaction that writes the change — ``Page.save`` is atomic — so
the outbox row commits or rolls back with it. Wagtail's own signals
(``page_published``, ``page_unpublished``, ``post_page_move``) fire after
``save`` returns, outside any transaction when the caller opened none; they are
connected too as a second net, at the price of a duplicate row now and then
(the drain dedupes page ids).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from curation.lookups import stored_member_ids
from curation.membership import member_ids_in_memory
from curation.models import CollectionPage
from licensing.register import Licence
from search import affected
from search.outbox import enqueue

# Fields Wagtail saves alone for drafts, comments and locks: the live page the
# public sees does not change, so neither does its document.
BOOKKEEPING_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# What a non-resource page lends to the documents below or linked to it:
# visibility, label (base, theme, collection), URL prefix.
_SNAPSHOT_FIELDS = ("live", "title", "slug", "url_path")


def connect() -> None:
    """Connect every handler (idempotent: each has a dispatch_uid)."""
    for model in {Page, *get_page_models()}:
        label = model._meta.label_lower
        pre_save.connect(_page_pre_save, sender=model, dispatch_uid=f"search-pre-save-{label}")
        post_save.connect(_page_post_save, sender=model, dispatch_uid=f"search-post-save-{label}")
    # Deleting any page deletes its wagtailcore_page row, one Page instance per
    # page and descendant: listening on Page alone sees them all.
    pre_delete.connect(_page_pre_delete, sender=Page, dispatch_uid="search-pre-delete-page")
    post_delete.connect(_page_post_delete, sender=Page, dispatch_uid="search-post-delete-page")
    page_published.connect(_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-pvr-saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-pvr-deleted")
    pre_save.connect(_licence_pre_save, sender=Licence, dispatch_uid="search-licence-pre-save")
    post_save.connect(_licence_post_save, sender=Licence, dispatch_uid="search-licence-post-save")


def _bookkeeping_only(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= BOOKKEEPING_FIELDS


# --- Page saves (publish, unpublish, move, direct saves) -------------------------


def _page_pre_save(sender, instance: Page, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Remember what a non-resource page looked like, to know what its save changes."""
    if raw or instance.pk is None or _bookkeeping_only(update_fields):
        return
    model = instance.specific_class
    if affected.is_resource_class(model):
        return
    instance._search_before = Page.objects.filter(pk=instance.pk).values(*_SNAPSHOT_FIELDS).first()
    if affected.is_collection_class(model):
        instance._search_members_before = stored_member_ids(instance.pk)


def _page_post_save(sender, instance: Page, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or _bookkeeping_only(update_fields):
        return
    model = instance.specific_class
    if affected.is_resource_class(model):
        enqueue([instance.pk], "page saved")
        return
    before = instance.__dict__.pop("_search_before", None)
    members_before = instance.__dict__.pop("_search_members_before", set())
    changed = before is not None and any(before[f] != getattr(instance, f) for f in _SNAPSHOT_FIELDS)
    ids: set[int] = set()
    if changed:
        ids |= affected.resources_at_or_under([instance.path])
        ids |= affected.resources_linked_to(instance)
    if affected.is_collection_class(model):
        # A generic Page (a move) carries no items nor rule: its members are those stored before.
        members_after = member_ids_in_memory(instance) if isinstance(instance, CollectionPage) else members_before
        # The items are written after post_save (modelcluster commits them
        # then): the new ones come from the instance, the old ones from before.
        ids |= (members_before | members_after) if changed else (members_before ^ members_after)
    enqueue(ids, "container saved")


# --- Deletions -----------------------------------------------------------------------


def _page_pre_delete(sender, instance: Page, **kwargs) -> None:
    """Capture the affected ids while the page and its links still exist."""
    model = instance.specific_class
    if affected.is_resource_class(model):
        ids = {instance.pk}
    else:
        ids = affected.resources_at_or_under([instance.path]) | affected.resources_linked_to(instance)
    instance._search_deleted = ids


def _page_post_delete(sender, instance: Page, **kwargs) -> None:
    enqueue(instance.__dict__.pop("_search_deleted", ()), "page deleted")


# --- Wagtail's page signals (second net) -----------------------------------------------


def _page_published(sender, instance: Page, **kwargs) -> None:
    # A base's or the home page's publish only matters if it changed what
    # post_save compares; resources and linked terms are cheap to redo.
    if affected.is_resource_class(instance.specific_class):
        enqueue([instance.pk], "page published")
    else:
        enqueue(affected.resources_linked_to(instance), "term published")


def _page_unpublished(sender, instance: Page, **kwargs) -> None:
    # Unpublishing any page hides every resource below it.
    ids = affected.resources_under_page(instance.pk) | affected.resources_linked_to(instance)
    enqueue(ids, "page unpublished")


def _page_moved(sender, instance: Page, **kwargs) -> None:
    # New base, new URL, maybe new visibility: the page and all below it.
    enqueue(affected.resources_under_page(instance.pk), "page moved")


# --- View restrictions and licences ------------------------------------------------------


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    enqueue(affected.resources_under_page(instance.page_id), "view restriction changed")


def _licence_pre_save(sender, instance: Licence, raw: bool = False, **kwargs) -> None:
    if not raw:
        instance._search_before = (
            Licence.objects.filter(pk=instance.pk).values_list("name", "short_name").first()
        )


def _licence_post_save(sender, instance: Licence, created: bool, raw: bool = False, **kwargs) -> None:
    before = instance.__dict__.pop("_search_before", None)
    if raw or before is None or before == (instance.name, instance.short_name):
        return
    enqueue(affected.resources_with_licence(instance.pk), "licence renamed")
