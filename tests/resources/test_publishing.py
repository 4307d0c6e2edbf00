"""Publishing a resource needs a theme and an open licence; a draft needs neither theme
nor anything else — through the model and through the Wagtail admin."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from resources.blocks import RICH_TEXT_FEATURES
from resources.readiness import THEME_REQUIRED_MESSAGE
from resources.models import ResourcePage
from tests import factories
from tests.helpers import CLOSED_LICENCE, assert_lists_open_licences, messages_for

pytestmark = pytest.mark.django_db

REFUSED_LICENCES = [CLOSED_LICENCE, None, "unknown"]


def revision_count(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


@pytest.fixture
def draft(base_page):
    """A draft resource with no theme (allowed: only publishing needs one)."""
    return factories.ResourcePageFactory(parent=base_page, themes=[], live=False)


# --- Themes: model ---------------------------------------------------------------


def test_a_draft_without_themes_can_be_saved(draft):
    revision = draft.save_revision()

    draft.refresh_from_db()
    assert not draft.live
    assert draft.latest_revision_id == revision.pk
    assert not draft.themes.exists()


def test_publishing_without_themes_fails_naming_the_field(draft):
    revision = draft.save_revision()

    with pytest.raises(ValidationError) as excinfo:
        revision.publish()

    assert messages_for(excinfo.value, "themes") == [THEME_REQUIRED_MESSAGE]
    assert "themes" in THEME_REQUIRED_MESSAGE
    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision_id is None


def test_a_new_live_resource_without_themes_is_refused(base_page):
    before = ResourcePage.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        factories.ResourcePageFactory(parent=base_page, themes=[])

    assert "themes" in excinfo.value.message_dict
    assert ResourcePage.objects.count() == before


def test_removing_the_last_theme_of_a_live_resource_keeps_it_as_a_draft_only(resource):
    resource.themes = []
    revision = resource.save_revision()  # the draft is kept…

    with pytest.raises(ValidationError) as excinfo:
        revision.publish()  # …but cannot go live

    assert "themes" in excinfo.value.message_dict
    live = ResourcePage.objects.get(pk=resource.pk)
    assert live.live
    assert list(live.themes.all()) != []


def test_publishing_with_a_theme_succeeds(draft, theme):
    draft.themes = [theme]

    draft.save_revision().publish()

    draft.refresh_from_db()
    assert draft.live
    assert list(draft.themes.all()) == [theme]
    assert list(theme.live_resources()) == [draft.page_ptr.specific]


# --- Licence: model --------------------------------------------------------------


@pytest.mark.parametrize("licence_id", REFUSED_LICENCES)
def test_publishing_without_an_open_licence_fails_and_saves_nothing(resource, licence_id):
    pages_before = ResourcePage.objects.count()
    revisions_before = revision_count(resource)
    resource.licence_id = licence_id
    resource.title = "Titre modifié"

    with pytest.raises(ValidationError) as excinfo:
        resource.save_revision().publish()

    [message] = messages_for(excinfo.value, "licence")
    assert message.startswith("licence :")
    assert_lists_open_licences(message)
    assert ResourcePage.objects.count() == pages_before
    assert revision_count(resource) == revisions_before
    stored = ResourcePage.objects.get(pk=resource.pk)
    assert stored.licence_id == "cc-by-sa-4.0"
    assert stored.title != "Titre modifié"


@pytest.mark.parametrize("licence_id", REFUSED_LICENCES)
def test_a_revision_without_open_licence_is_not_kept_even_unvalidated(resource, licence_id):
    """save_revision(clean=False) skips validation, but the licensed save still
    refuses and the revision is rolled back with it: nothing half-way."""
    revisions_before = revision_count(resource)
    resource.licence_id = licence_id

    with pytest.raises(ValidationError):
        resource.save_revision(clean=False)

    assert revision_count(resource) == revisions_before
    assert ResourcePage.objects.get(pk=resource.pk).licence_id == "cc-by-sa-4.0"


@pytest.mark.parametrize("licence_id", REFUSED_LICENCES)
def test_a_new_resource_without_an_open_licence_is_not_created(base_page, theme, licence_id):
    before = ResourcePage.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        factories.ResourcePageFactory(parent=base_page, themes=[theme], licence_id=licence_id)

    assert_lists_open_licences(messages_for(excinfo.value, "licence")[0])
    assert ResourcePage.objects.count() == before


def test_an_unvalidated_save_cannot_slip_a_closed_licence_in(resource):
    resource.licence_id = CLOSED_LICENCE

    with pytest.raises(ValidationError):
        resource.save(clean=False)

    assert ResourcePage.objects.get(pk=resource.pk).licence_id == "cc-by-sa-4.0"


def test_resource_without_attribution_is_refused(resource):
    resource.attribution = ""

    with pytest.raises(ValidationError) as excinfo:
        resource.save_revision().publish()

    assert "attribution" in excinfo.value.message_dict


@pytest.mark.parametrize("licence_id", ["etalab-2.0", "cc0-1.0", "odbl-1.0", "cc-by-4.0"])
def test_publishing_with_any_open_licence_succeeds(resource, licence_id):
    resource.licence_id = licence_id

    resource.save_revision().publish()

    assert ResourcePage.objects.get(pk=resource.pk).licence_id == licence_id


# --- Embeds in the body ------------------------------------------------------------


def _embed(licence_id):
    return {
        "type": "embed",
        "value": {
            "url": "https://peertube.example.org/w/pleniere",
            "title": "Plénière d'ouverture",
            "licence": licence_id,
            "attribution": "NEC 2023",
        },
    }


@pytest.mark.parametrize("licence_id", [CLOSED_LICENCE, "", "unknown"])
def test_body_embed_with_a_licence_that_is_not_open_is_refused(resource, licence_id):
    resource.body = json.dumps([{"type": "heading", "value": "La plénière"}, _embed(licence_id)])

    with pytest.raises(ValidationError) as excinfo:
        resource.full_clean()

    [message] = messages_for(excinfo.value, "body")
    assert "licence" in message
    if licence_id:
        assert licence_id in message
    assert_lists_open_licences(message)


def test_body_embed_refusal_blocks_publishing(resource):
    revisions_before = revision_count(resource)
    resource.body = json.dumps([_embed(CLOSED_LICENCE)])

    with pytest.raises(ValidationError):
        resource.save_revision().publish()

    assert revision_count(resource) == revisions_before
    assert len(ResourcePage.objects.get(pk=resource.pk).body) == 0


def test_body_embed_with_an_open_licence_is_accepted(resource):
    resource.body = json.dumps([_embed("cc-by-4.0")])

    resource.full_clean()
    resource.save_revision().publish()

    [block] = ResourcePage.objects.get(pk=resource.pk).body
    assert block.value["licence"] == "cc-by-4.0"


# --- Admin -------------------------------------------------------------------------


def _add_url(parent, model=ResourcePage):
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def _resource_form_data(themes=(), licence="cc-by-sa-4.0", **extra):
    data = nested_form_data(
        {
            "title": "Animer un atelier de médiation numérique",
            "slug": "animer-un-atelier",
            "summary": "Les étapes pour préparer et animer un atelier.",
            "resource_type": "guide",
            "cover_image": "",
            "body": streamfield(
                [
                    ("heading", "Préparer"),
                    ("paragraph", rich_text("<p>Choisir un lieu accessible.</p>", features=RICH_TEXT_FEATURES)),
                ]
            ),
            "tags": "médiation, atelier",
            "territory": "",
            "date": "2024-03-01",
            "date_precision": "month",
            "licence": licence,
            "attribution": "Collectif NEC",
            "source_url": "",
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )
    # A multiple select posts one key with several values (nested_form_data
    # would turn a list into "themes-0", "themes-1"…).
    data["themes"] = [str(theme.pk) for theme in themes]
    data["principles"] = []
    return data


def _post(client, url, data):
    return client.post(url, data)


def test_admin_publish_without_themes_shows_the_error_and_publishes_nothing(admin_client, base_page, theme):
    response = _post(admin_client, _add_url(base_page), _resource_form_data(**{"action-publish": "action-publish"}))

    assert response.status_code == 200
    assert response.context["form"].errors["themes"] == [THEME_REQUIRED_MESSAGE]
    assert THEME_REQUIRED_MESSAGE in response.content.decode()
    assert not ResourcePage.objects.filter(slug="animer-un-atelier").exists()


def test_admin_save_draft_without_themes_works(admin_client, base_page, theme):
    response = _post(admin_client, _add_url(base_page), _resource_form_data())

    assert response.status_code == 302, response.context and response.context["form"].errors
    page = ResourcePage.objects.get(slug="animer-un-atelier")
    assert not page.live
    assert page.has_unpublished_changes
    assert not page.themes.exists()
    assert page.get_latest_revision() is not None


def test_admin_publish_with_a_theme_publishes(admin_client, base_page, theme):
    response = _post(
        admin_client,
        _add_url(base_page),
        _resource_form_data(themes=[theme], **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    page = ResourcePage.objects.get(slug="animer-un-atelier")
    assert page.live
    assert list(page.themes.all()) == [theme]
    assert [block.block_type for block in page.body] == ["heading", "paragraph"]
    assert sorted(page.tags.names()) == ["atelier", "médiation"]


def test_admin_publishing_an_existing_draft_without_themes_is_refused(admin_client, draft):
    data = _resource_form_data(**{"action-publish": "action-publish"})
    data["slug"] = draft.slug

    response = _post(admin_client, reverse("wagtailadmin_pages:edit", args=(draft.pk,)), data)

    assert response.status_code == 200
    assert response.context["form"].errors["themes"] == [THEME_REQUIRED_MESSAGE]
    draft.refresh_from_db()
    assert not draft.live


def test_admin_publishing_an_existing_draft_once_a_theme_is_chosen(admin_client, draft, theme):
    data = _resource_form_data(themes=[theme], **{"action-publish": "action-publish"})
    data["slug"] = draft.slug

    response = _post(admin_client, reverse("wagtailadmin_pages:edit", args=(draft.pk,)), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    draft.refresh_from_db()
    assert draft.live
    assert list(draft.themes.all()) == [theme]


def test_admin_saving_a_live_resource_as_draft_without_themes_keeps_the_live_version(admin_client, resource):
    data = _resource_form_data(themes=[])
    data["slug"] = resource.slug

    response = _post(admin_client, reverse("wagtailadmin_pages:edit", args=(resource.pk,)), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    stored = ResourcePage.objects.get(pk=resource.pk)
    assert stored.live and stored.has_unpublished_changes
    assert stored.themes.exists()  # the live version keeps its theme
    assert not stored.get_latest_revision_as_object().themes.all()


@pytest.mark.parametrize("licence_id", [CLOSED_LICENCE, "unknown", ""])
def test_admin_publish_with_a_licence_that_is_not_open_is_refused(admin_client, base_page, theme, licence_id):
    data = _resource_form_data(themes=[theme], licence=licence_id, **{"action-publish": "action-publish"})

    response = _post(admin_client, _add_url(base_page), data)

    assert response.status_code == 200
    [message] = response.context["form"].errors["licence"]
    assert message.lower().startswith("licence")
    assert_lists_open_licences(message)
    assert not ResourcePage.objects.filter(slug="animer-un-atelier").exists()


def test_admin_draft_with_a_closed_licence_is_refused_too(admin_client, base_page, theme):
    response = _post(admin_client, _add_url(base_page), _resource_form_data(licence=CLOSED_LICENCE))

    assert response.status_code == 200
    assert "licence" in response.context["form"].errors
    assert not ResourcePage.objects.filter(slug="animer-un-atelier").exists()
