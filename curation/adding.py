"""Add a resource to a collection on an editor's behalf: as a new revision, published
when the collection was live with nothing else pending, otherwise kept as a draft."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction


class CurationError(Exception):
    """A curation action was refused; the message says why, in French."""


@dataclass(frozen=True)
class AddResult:
    published: bool
    message: str


def editable_collections(user) -> list:
    """The collections ``user`` may edit, by title (organisers of local NECs get none).

    Kept on the user object for the request: the page listing asks once per row.
    """
    from curation.models import CollectionPage

    cached = getattr(user, "_editable_collections", None)
    if cached is None:
        cached = [c for c in CollectionPage.objects.order_by("title") if c.permissions_for_user(user).can_edit()]
        user._editable_collections = cached
    return cached


def add_to_collection(collection, resource, user, note: str = "") -> AddResult:
    """Append ``resource`` to the hand-picked items of ``collection`` (latest revision included).

    Raises CurationError if the user may not edit the collection or if the
    resource is already in it (in the live page or in its pending draft).
    """
    from curation.models import CollectionItem

    permissions = collection.permissions_for_user(user)
    if not permissions.can_edit():
        raise CurationError(f"Vous ne pouvez pas modifier la collection « {collection.title} ».")
    with transaction.atomic():
        had_draft = collection.has_unpublished_changes
        latest = collection.get_latest_revision_as_object()
        items = list(latest.items.all())
        if any(item.resource_id == resource.pk for item in items):
            raise CurationError(f"« {resource.title} » est déjà dans la collection « {collection.title} ».")
        next_order = max((item.sort_order or 0 for item in items), default=-1) + 1
        latest.items = [*items, CollectionItem(resource=resource, note=note, sort_order=next_order)]
        revision = latest.save_revision(user=user, log_action=True)
        publish = collection.live and not had_draft and permissions.can_publish()
        if publish:
            revision.publish(user=user)
    if publish:
        return AddResult(True, f"« {resource.title} » a été ajoutée à la collection « {collection.title} » (publiée).")
    return AddResult(
        False,
        f"« {resource.title} » a été ajoutée au brouillon de la collection « {collection.title} » : "
        "publiez la collection pour l'afficher.",
    )
