"""The permission matrix: organiser, another organiser, editor and anonymous,
over pages, images, documents, collections, licences, themes and principles."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import Collection
from wagtail.permissions import collection_permission_policy, policy_registry

from licensing.models import LicensedDocument, LicensedImage
from tests import factories
from tests.workflow.forms import report_form_data

pytestmark = pytest.mark.django_db

ACTORS = ["organiser", "other_organiser", "editor", "anonymous"]


@pytest.fixture
def people(organiser, other_organiser, editor):
    return {"organiser": organiser, "other_organiser": other_organiser, "editor": editor, "anonymous": AnonymousUser()}


@pytest.fixture
def draft_report(nec_locaux, organiser, theme):
    """A draft write-up owned by the organiser."""
    return factories.EventReportPageFactory(parent=nec_locaux, owner=organiser, live=False, themes=[theme])


def _submitted(report, organiser):
    workflow = report.get_workflow()
    workflow.start(report, organiser)
    report.refresh_from_db()
    return report


# --- Pages ---------------------------------------------------------------------------

PAGE_MATRIX = {
    # action: actors allowed
    "add_in_nec_locaux": {"organiser", "other_organiser", "editor"},
    "add_in_editorial_base": {"editor"},
    "edit_own_draft": {"organiser", "editor"},
    "publish": {"editor"},
    "submit": {"organiser", "editor"},
    "edit_theme": {"editor"},
    "edit_principle": {"editor"},
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", sorted(PAGE_MATRIX))
def test_page_permissions(people, nec_locaux, base_page, draft_report, theme, actor, action):
    user = people[actor]
    principle = factories.PrinciplePageFactory(title="Ouvrir", slug="ouvrir")
    checks = {
        "add_in_nec_locaux": lambda: nec_locaux.permissions_for_user(user).can_add_subpage(),
        "add_in_editorial_base": lambda: base_page.permissions_for_user(user).can_add_subpage(),
        "edit_own_draft": lambda: draft_report.permissions_for_user(user).can_edit(),
        "publish": lambda: draft_report.permissions_for_user(user).can_publish(),
        # Wagtail's tester only says whether a workflow can start; the edit view
        # (the only way to submit) also needs the right to edit.
        "submit": lambda: draft_report.permissions_for_user(user).can_edit()
        and draft_report.permissions_for_user(user).can_submit_for_moderation(),
        "edit_theme": lambda: theme.permissions_for_user(user).can_edit(),
        "edit_principle": lambda: principle.permissions_for_user(user).can_edit(),
    }
    assert checks[action]() is (actor in PAGE_MATRIX[action])


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_editorial_team_can_approve_a_submission(people, draft_report, organiser, actor):
    report = _submitted(draft_report, organiser)
    task = report.current_workflow_task
    assert task is not None
    actions = {name for name, _label, _modal in task.get_actions(report, people[actor])}
    assert ("approve" in actions) is (actor == "editor")
    assert ("reject" in actions) is (actor == "editor")


def test_the_review_workflow_is_the_nec_locaux_one(draft_report):
    from bases.roles import EDITORS, WORKFLOW_NAME

    workflow = draft_report.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    [task] = [task.specific for task in workflow.tasks]
    assert [group.name for group in task.groups.all()] == [EDITORS]


@pytest.mark.parametrize(
    ("actor", "status"), [("organiser", 200), ("other_organiser", 302), ("editor", 200), ("anonymous", 302)]
)
def test_edit_view_of_the_organisers_draft(client, people, draft_report, actor, status):
    if actor != "anonymous":
        client.force_login(people[actor])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft_report.pk]))
    assert response.status_code == status
    if status == 302 and actor != "anonymous":
        assert response["Location"] == reverse("wagtailadmin_home")


def test_another_organiser_cannot_submit_the_draft(client, other_organiser, draft_report):
    client.force_login(other_organiser)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft_report.pk]), {"action-submit": "1"})
    assert response.status_code == 302
    draft_report.refresh_from_db()
    assert draft_report.workflow_in_progress is False


def test_an_organiser_cannot_publish_through_the_admin(client, organiser, draft_report, theme, image):
    client.force_login(organiser)
    data = report_form_data(theme=theme, image=image, action="action-publish", slug=draft_report.slug)
    client.post(reverse("wagtailadmin_pages:edit", args=[draft_report.pk]), data)
    draft_report.refresh_from_db()
    assert not draft_report.live
    assert draft_report.live_revision_id is None


# --- Images and documents --------------------------------------------------------------


@pytest.mark.parametrize("model", [LicensedImage, LicensedDocument])
@pytest.mark.parametrize("actor", ACTORS)
def test_media_permissions(people, organiser, model, actor):
    factory = factories.ImageFactory if model is LicensedImage else factories.DocumentFactory
    owner_field = "uploaded_by_user"
    own = factory(**{owner_field: organiser})
    policy = policy_registry.get_by_type(model)
    user = people[actor]
    can_add = policy.user_has_permission(user, "add")
    can_change_own = policy.user_has_permission_for_instance(user, "change", own)
    can_choose = policy.user_has_permission(user, "choose")
    assert can_add is (actor != "anonymous")
    assert can_choose is (actor != "anonymous")
    # Organisers edit only what they uploaded; editors edit everything.
    assert can_change_own is (actor in {"organiser", "editor"})
    assert policy.user_has_permission_for_instance(user, "delete", own) is (actor in {"organiser", "editor"})


# --- Collections, licences, synonyms ------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_collections_licences_and_synonyms_are_the_editorial_teams(people, actor):
    user = people[actor]
    is_editor = actor == "editor"
    root = Collection.get_first_root_node()
    for action in ("add", "change", "delete"):
        assert collection_permission_policy.user_has_permission(user, action) is is_editor
        assert collection_permission_policy.user_has_permission_for_instance(user, action, root) is is_editor
    for codename in ("add_licence", "change_licence", "delete_licence"):
        assert user.has_perm(f"licensing.{codename}") is is_editor
    assert user.has_perm("hubsearch.change_searchsynonym") is is_editor


@pytest.mark.parametrize(("actor", "allowed"), [("organiser", False), ("editor", True)])
def test_licence_register_admin(client, people, actor, allowed):
    client.force_login(people[actor])
    response = client.get("/admin/licensing/licence/")
    assert (response.status_code == 200) is allowed


def test_roles_are_idempotent(nec_locaux):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, WorkflowPage

    from bases.roles import ensure_roles

    counts = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    assert ensure_roles() is True
    assert ensure_roles() is True
    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == counts
