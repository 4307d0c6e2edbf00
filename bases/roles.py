"""The hub's two roles and the review workflow of the « NEC locaux » base.

- « Organisateurs NEC locaux » may add event reports and resources under the
  « NEC locaux » base and edit the ones they own (Wagtail's "add" page
  permission), upload images and documents and edit their own, and submit for
  review. They may not publish, nor touch other pages, collections, themes,
  principles or licences.
- « Équipe éditoriale » reviews, publishes and curates everything.

Everything here is idempotent. ``ensure_groups`` works with a migration's
historical models (the data migration calls it on an empty database);
``ensure_roles`` adds what needs the page tree — page permissions on the
« NEC locaux » base and its review workflow — once that page exists. It runs
after every ``migrate`` (post_migrate), from ``manage.py setup_roles`` and at the
end of ``manage.py load_demo_content``.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from bases.models import BasePage

ORGANISERS = "Organisateurs NEC locaux"
EDITORS = "Équipe éditoriale"
NEC_LOCAUX_SLUG = "nec-locaux"
WORKFLOW_NAME = "Relecture des contributions NEC locaux"
TASK_NAME = "Relecture éditoriale"

# (app_label, codename) of plain model permissions.
_ADMIN = [("wagtailadmin", "access_admin")]
_ORGANISER_MODEL_PERMISSIONS = _ADMIN
_EDITOR_MODEL_PERMISSIONS = _ADMIN + [
    ("licensing", f"{action}_licence") for action in ("add", "change", "delete", "view")
] + [("hubsearch", f"{action}_searchsynonym") for action in ("add", "change", "delete", "view")]
# Granted by ``ensure_roles`` only (after migrate): the data migration that creates
# the groups does not depend on these apps. The local NEC applications: read and
# decide (they come from the public form).
_EDITOR_LATER_PERMISSIONS = [("events", f"{action}_localeventapplication") for action in ("change", "view")]

# Permissions granted on the root collection (images, documents, collections).
_ORGANISER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
_EDITOR_COLLECTION_PERMISSIONS = [
    (app, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
] + [("wagtailcore", f"{action}_collection") for action in ("add", "change", "delete")]

# Page permissions: organisers on the « NEC locaux » base, editors on the tree root.
ORGANISER_PAGE_PERMISSIONS = ["add_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]


def _permission(apps: Any, app_label: str, codename: str) -> Any:
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_missing_permissions(apps: Any) -> None:
    """Create the auth permissions now: on a fresh database Django only creates
    them after the last migration (post_migrate), too late for a data migration."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    historical = apps is not global_apps
    for app_config in apps.get_app_configs():
        if historical:
            app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        if historical:
            app_config.models_module = None


def ensure_groups(apps: Any) -> dict[str, Any]:
    """Create both groups with their model, collection and tree-root page permissions."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (ORGANISERS, EDITORS)}
    for name, model_perms, collection_perms in (
        (ORGANISERS, _ORGANISER_MODEL_PERMISSIONS, _ORGANISER_COLLECTION_PERMISSIONS),
        (EDITORS, _EDITOR_MODEL_PERMISSIONS, _EDITOR_COLLECTION_PERMISSIONS),
    ):
        group = groups[name]
        group.permissions.add(*(_permission(apps, app, codename) for app, codename in model_perms))
        root_collection = Collection.objects.filter(depth=1).first()
        if root_collection is not None:
            for app, codename in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, app, codename)
                )
    tree_root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    _grant_page_permissions(apps, groups[EDITORS], tree_root, EDITOR_PAGE_PERMISSIONS)
    return groups


def _grant_page_permissions(apps: Any, group: Any, page: Any, codenames: list[str]) -> None:
    if page is None:
        return
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=_permission(apps, "wagtailcore", codename)
        )


def nec_locaux_page() -> Any:
    """The « NEC locaux » base, or None before it exists."""
    return BasePage.objects.filter(slug=NEC_LOCAUX_SLUG).first()


def ensure_review_workflow(page: Any, editors: Any) -> Any:
    """The « submit → editorial review → published » workflow on ``page``."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_roles() -> bool:
    """Groups, permissions and, once the « NEC locaux » base exists, its page
    permissions and review workflow. Returns whether that base was found."""
    from django.apps import apps

    create_missing_permissions(apps)
    groups = ensure_groups(apps)
    groups[EDITORS].permissions.add(*(_permission(apps, app, codename) for app, codename in _EDITOR_LATER_PERMISSIONS))
    page = nec_locaux_page()
    if page is None:
        return False
    _grant_page_permissions(apps, groups[ORGANISERS], page, ORGANISER_PAGE_PERMISSIONS)
    ensure_review_workflow(page, groups[EDITORS])
    return True


def ensure_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate receiver: runs once per migrate or flush, for the last app."""
    from django.apps import apps

    if sender is not list(apps.get_app_configs())[-1]:
        return
    ensure_roles()
