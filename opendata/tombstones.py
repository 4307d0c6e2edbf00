"""Keep a tombstone for every published resource the public can no longer see.

Listens to Wagtail's ``page_published``/``page_unpublished`` and
``post_page_move``, to view restrictions being added or removed, and to page
deletion (``pre_delete``, while the resource's sets can still be read). Each
event re-checks the resources under the page it concerns: a published
resource that is not visible gets (or keeps) a tombstone, a visible one loses
it. A resource never published was never harvested and gets none.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from opendata.models import Tombstone
from opendata.records import public_resources
from opendata.sets import stored_specs_of
from resources.models import ResourcePage


def connect() -> None:
    """Connect every handler (idempotent: each has a dispatch_uid)."""
    page_published.connect(_page_changed, dispatch_uid="opendata-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="opendata-page-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="opendata-page-moved")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="opendata-pvr-saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="opendata-pvr-deleted")
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid="opendata-page-deleted")


def refresh_under(page: Page) -> None:
    """Tombstones of the published resources at or under ``page`` follow their visibility now."""
    resources = list(
        ResourcePage.objects.filter(path__startswith=page.path, first_published_at__isnull=False).only(
            "id", "title", "path", "depth"
        )
    )
    if not resources:
        return
    ids = [resource.pk for resource in resources]
    seen = set(public_resources().filter(pk__in=ids).values_list("pk", flat=True))
    Tombstone.objects.filter(resource_id__in=seen).delete()
    gone = [resource for resource in resources if resource.pk not in seen]
    reason = Tombstone.Reason.UNPUBLISHED if not page.live and len(resources) == 1 else Tombstone.Reason.HIDDEN
    record(gone, reason)


def record(resources: list[Page], reason: str) -> None:
    """A tombstone for each resource (kept as it was if it already has one, but for a deletion)."""
    if not resources:
        return
    specs = stored_specs_of(resources)
    existing = set(Tombstone.objects.filter(resource_id__in=[r.pk for r in resources]).values_list("resource_id", flat=True))
    now = timezone.now()
    for resource in resources:
        values = {"title": resource.title[:255], "set_specs": specs.get(resource.pk, []), "reason": reason, "withdrawn_at": now}
        if resource.pk not in existing:
            Tombstone.objects.create(resource_id=resource.pk, **values)
        elif reason == Tombstone.Reason.DELETED:
            Tombstone.objects.filter(resource_id=resource.pk).update(**values)


def _page_changed(sender, instance: Page, **kwargs) -> None:
    if kwargs.get("signal") is page_unpublished and instance.live:
        # Wagtail announces the deletion of a live page this way, before deleting it:
        # ``_page_deleted`` records it (the page still looks visible here).
        return
    refresh_under(instance)


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_under(page)


def _page_deleted(sender, instance: Page, **kwargs) -> None:
    # Django's collector sends this for the page and each descendant: only the resources count.
    if instance.first_published_at is None or not issubclass(instance.specific_class or Page, ResourcePage):
        return
    # The page row itself: Wagtail's deletion may already have removed the resource's own row.
    record([instance], Tombstone.Reason.DELETED)
