"""Fixtures of the API tests: a small hub, pages the public must never see, tokens.

The search backend is the database one, fed from the outbox as after a commit.
"""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import APIToken, PageViewRestriction

from search import backends, indexing
from search.api import router, schemas
from search.backends.database import cache
from tests import factories

API = "/api/v3"


@pytest.fixture
def engine(monkeypatch, db):
    """The database search backend, installed as the configured one."""
    from search.backends.database.backend import DatabaseBackend

    backend = DatabaseBackend()
    monkeypatch.setattr(backends, "get_backend", lambda: backend)
    return backend


def index(engine) -> None:
    """What the sync task does after a commit: apply the outbox."""
    indexing.drain(backend=engine)


@pytest.fixture
def cold_search_caches():
    """The backend's result cache and the search API's rendered bodies and known filters, empty before and after."""

    def clear() -> None:
        cache.clear()
        router._bodies.clear()
        schemas._known.clear()

    clear()
    yield
    clear()


@pytest.fixture
def hub(engine):
    """Two bases, two themes, two principles, resources and a collection, indexed."""
    base = factories.default_base()
    locaux = factories.BasePageFactory(title="NEC locaux", slug="nec-locaux")
    data = factories.default_theme()
    inclusion = factories.ThemePageFactory(title="Inclusion & émancipation", slug="inclusion-emancipation")
    harmoniser = factories.PrinciplePageFactory(title="Harmoniser", slug="harmoniser", number=1)
    ouvrir = factories.PrinciplePageFactory(title="Ouvrir", slug="ouvrir", number=5)
    guide = factories.ResourcePageFactory(
        title="Cartographier les lieux de médiation",
        summary="Un guide pour recenser les lieux de médiation numérique d'un territoire.",
        themes=[data, inclusion],
        principles=[harmoniser],
        territory=factories.territory("dep-33"),
        licence_id="etalab-2.0",
        parent=base,
    )
    podcast = factories.ResourcePageFactory(
        title="Podcast : les communs numériques",
        summary="Un épisode sur les communs et la souveraineté.",
        resource_type="podcast_episode",
        themes=[inclusion],
        principles=[ouvrir],
        parent=base,
    )
    report = factories.EventReportPageFactory(
        title="NEC local de Lyon",
        summary="Le compte rendu de la journée lyonnaise.",
        themes=[inclusion],
        principles=[harmoniser],
        parent=locaux,
    )
    collection = factories.CollectionPageFactory(
        title="NEC locaux 2023", slug="nec-locaux-2023", kind="local_necs", edition_year=2023
    )
    factories.CollectionItemFactory(collection=collection, resource=report, sort_order=0, note="À lire d'abord")
    factories.CollectionItemFactory(collection=collection, resource=guide, sort_order=1)
    index(engine)
    return {
        "base": base,
        "locaux": locaux,
        "data": data,
        "inclusion": inclusion,
        "harmoniser": harmoniser,
        "ouvrir": ouvrir,
        "guide": guide,
        "podcast": podcast,
        "report": report,
        "collection": collection,
    }


# Words that only pages the public must never see carry.
SECRET = "Zorglub"
ORPHAN = "Quuxorphan"


@pytest.fixture
def hidden(hub, engine):
    """Pages the public must never see, each carrying SECRET in its title:
    a draft, an unpublished page, a private page (view restriction), a live
    page's unpublished draft changes and a draft collection.
    """
    theme = hub["inclusion"]
    draft = factories.ResourcePageFactory(title=f"{SECRET} brouillon", slug="zorglub-brouillon", live=False, themes=[theme])
    unpublished = factories.ResourcePageFactory(title=f"{SECRET} dépubliée", slug="zorglub-depubliee", themes=[theme])
    unpublished.unpublish()
    private = factories.ResourcePageFactory(title=f"{SECRET} privée", slug="zorglub-privee", themes=[theme])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    changed = hub["podcast"]
    changed.title = f"{SECRET} modification non publiée"
    changed.save_revision()
    draft_collection = factories.CollectionPageFactory(
        title=f"{SECRET} collection brouillon", slug="zorglub-collection", live=False
    )
    factories.CollectionItemFactory(collection=draft_collection, resource=hub["guide"])
    for resource in (draft, unpublished, private):
        factories.CollectionItemFactory(collection=hub["collection"], resource=resource, sort_order=10 + resource.pk)
    index(engine)
    return {
        "draft": draft,
        "unpublished": unpublished,
        "private": private,
        "draft_collection": draft_collection,
    }


@pytest.fixture
def orphan(hub, engine):
    """A live resource under an unpublished base (the base carries SECRET, the resource ORPHAN)."""
    hidden_base = factories.BasePageFactory(title=f"{SECRET} base", slug="base-masquee")
    page = factories.ResourcePageFactory(
        title=f"{ORPHAN} sous une base dépubliée", slug="orpheline", parent=hidden_base, themes=[hub["inclusion"]]
    )
    hidden_base.unpublish()
    index(engine)
    return page


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("redaction", "redaction@example.org", "motdepasse-long")


@pytest.fixture
def token_client(editor) -> Client:
    """A client sending an editor's bearer token."""
    _token, plaintext = APIToken.create_token(user=editor, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def assert_problem(response, status: int, parameter: str | None = None) -> dict:
    """A problem JSON response (RFC 7807, Wagtail v3's shape), naming ``parameter`` if given."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert {"type", "title", "status"} <= problem.keys()
    if parameter is not None:
        locations = [error.get("loc", []) for error in problem.get("errors", [])]
        named = any(parameter in loc for loc in locations) or problem["detail"].startswith(parameter)
        assert named, f"{parameter!r} not named in {problem}"
    return problem
