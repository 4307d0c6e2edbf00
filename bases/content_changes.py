"""Which writes change what the public sees, and telling the response cache when they happen.

Any saved, deleted or re-linked row of a public-content model (pages of every type,
licences, images, documents, territories, tags, the site and its DSFR settings…) and
every Wagtail publish, unpublish or move changes the content version
(``core.content_version``) once the transaction commits. Rows written by the machinery
while anonymous pages are served (image renditions, embeds), by search and insights,
sessions, tasks or the admin's own bookkeeping (revisions, logs, workflows) do not:
they change nothing a visitor sees, and some are written by visitors' own requests.

Writes that bypass model signals (``QuerySet.update``, ``bulk_create`` in
``load_territories``) call ``content_changed()`` themselves; every ``migrate`` does too
(a deploy also changes templates and the hashed names of static files).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.content_version import content_changed

# Apps whose every model is public content, unless listed in NOT_CONTENT below.
CONTENT_APPS = frozenset({
    "bases", "curation", "events", "licensing", "opendata", "resources", "taxonomy",
    "territories", "taggit", "dsfr",
})
# Models of other apps that are public content.
CONTENT_MODELS = frozenset({
    "wagtailcore.Page", "wagtailcore.Site", "wagtailcore.PageViewRestriction",
    "wagtailcore.Collection", "wagtailcore.CollectionViewRestriction", "wagtailcore.Locale",
    "wagtailimages.Image", "wagtaildocs.Document",
})
# Models of content apps that the public never sees, or that visitors' requests write.
NOT_CONTENT = frozenset({
    "licensing.LicensedRendition",  # created while an anonymous page renders
    "licensing.LicenceAcknowledgement",  # a contributor's acceptance of the charter
    "events.LocalEventApplication",  # reviewed by editors; written by the public form
})


def is_public_content(model: type[Model]) -> bool:
    """Whether a row of ``model`` may appear (or shape what appears) on a public response."""
    label = model._meta.label
    if label in NOT_CONTENT:
        return False
    return model._meta.app_label in CONTENT_APPS or label in CONTENT_MODELS


def _after_commit(**kwargs) -> None:
    transaction.on_commit(content_changed, using=kwargs.get("using"))


def _row_changed(sender: type[Model], **kwargs) -> None:
    if is_public_content(sender):
        _after_commit(**kwargs)


def _links_changed(sender: type[Model], instance: Model, action: str, **kwargs) -> None:
    # sender is the through model (often auto-created): judge by the model holding the link.
    if action.startswith("post_") and is_public_content(type(instance)):
        _after_commit(**kwargs)


def _migrated(app_config, **kwargs) -> None:
    # post_migrate is sent once per installed app; one change per migrate is enough, and
    # wagtailcore (where pages live) is always installed and always has models.
    if app_config.label == "wagtailcore":
        content_changed()


def connect() -> None:
    """Connect the receivers (from ``BasesConfig.ready``)."""
    post_save.connect(_row_changed, dispatch_uid="bases.content_changes.saved")
    post_delete.connect(_row_changed, dispatch_uid="bases.content_changes.deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="bases.content_changes.links")
    page_published.connect(_after_commit, dispatch_uid="bases.content_changes.published")
    page_unpublished.connect(_after_commit, dispatch_uid="bases.content_changes.unpublished")
    post_page_move.connect(_after_commit, dispatch_uid="bases.content_changes.moved")
    post_migrate.connect(_migrated, dispatch_uid="bases.content_changes.migrated")
