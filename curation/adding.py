"""Add a resource to a collection on an editor's behalf: as a new revision, published
when the collection was live with nothing else pending, otherwise kept as a draft."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from curation.items import CollectionItem
from curation.models import CollectionPage


class CurationError(Exception):
    """A curation action was refused; the message says why, in French."""


@dataclass(frozen=True)
class AddResult:
    published: bool
    added: list
    already_there: list
    collection_title: str

    @property
    def message(self) -> str:
        """What happened, for the editor."""
        collection = self.collection_title
        if len(self.added) == 1:
            text = f"« {self.added[0].title} » a été ajoutée à la collection « {collection} »"
        else:
            text = f"{len(self.added)} ressources ont été ajoutées à la collection « {collection} »"
        text += " (publiée)." if self.published else " : publiez la collection (brouillon en attente) pour l'afficher."
        if self.already_there:
            titles = ", ".join(f"« {r.title} »" for r in self.already_there)
            text += f" Déjà présentes, laissées à leur place : {titles}."
        return text


def editable_collections(user) -> list:
    """The collections ``user`` may edit, by title (organisers of local NECs get none).

    Kept on the user object for the request: the page listing asks once per row.
    """
    cached = getattr(user, "_editable_collections", None)
    if cached is None:
        cached = [c for c in CollectionPage.objects.order_by("title") if c.permissions_for_user(user).can_edit()]
        user._editable_collections = cached
    return cached


def already_in(collection, resources: Sequence) -> list:
    """Those of ``resources`` already in the collection, live or in its pending draft."""
    present = {item.resource_id for item in collection.get_latest_revision_as_object().items.all()}
    present |= set(collection.items.values_list("resource_id", flat=True))
    return [resource for resource in resources if resource.pk in present]


def add_to_collection(collection, resources: Sequence, user, note: str = "") -> AddResult:
    """Append ``resources`` to the hand-picked items of ``collection``, in one new revision.

    Resources already there (live or in the pending draft) keep their place and
    are reported; if all of them are, or the user may not edit the collection,
    CurationError says so and nothing is saved. The revision is published when
    the collection was live with nothing else pending and the user may publish.
    """
    permissions = collection.permissions_for_user(user)
    if not permissions.can_edit():
        raise CurationError(f"Vous ne pouvez pas modifier la collection « {collection.title} ».")
    with transaction.atomic():
        had_draft = collection.has_unpublished_changes
        duplicates = already_in(collection, resources)
        new = [resource for resource in resources if resource not in duplicates]
        if not new:
            titles = ", ".join(f"« {r.title} »" for r in duplicates)
            raise CurationError(f"{titles} : déjà dans la collection « {collection.title} ».")
        latest = collection.get_latest_revision_as_object()
        items = list(latest.items.all())
        start = max((item.sort_order or 0 for item in items), default=-1) + 1
        latest.items = [
            *items,
            *(CollectionItem(resource=r, note=note, sort_order=start + n) for n, r in enumerate(new)),
        ]
        revision = latest.save_revision(user=user, log_action=True)
        publish = collection.live and not had_draft and permissions.can_publish()
        if publish:
            revision.publish(user=user)
    return AddResult(publish, new, duplicates, collection.title)
