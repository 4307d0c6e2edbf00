"""Fixtures shared by every app's tests: the page tree and licensed media.

The Wagtail admin is reached with pytest-django's ``admin_client`` (a logged-in
superuser).
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.helpers import restore_migrated_data


@pytest.fixture
def migrated(transactional_db):
    """What migrations created, put back: another transactional test may have flushed the tables."""
    restore_migrated_data()


@pytest.fixture
def home(db):
    return factories.home_page()


@pytest.fixture
def base_page(home):
    return factories.default_base()


@pytest.fixture
def theme(home):
    return factories.default_theme()


@pytest.fixture
def resource(base_page, theme):
    return factories.ResourcePageFactory(parent=base_page, themes=[theme])


@pytest.fixture
def image(db):
    return factories.ImageFactory()


@pytest.fixture
def document(db):
    return factories.DocumentFactory()



# --- Roles: the « NEC locaux » base, two organisers and an editor ------------------


@pytest.fixture
def nec_locaux(home):
    """The « NEC locaux » base, with its page permissions and review workflow."""
    from bases.roles import ensure_roles

    page = factories.nec_locaux_base()
    ensure_roles()
    return page


@pytest.fixture
def organiser(nec_locaux):
    return factories.organiser("organisatrice@example.org")


@pytest.fixture
def other_organiser(nec_locaux):
    return factories.organiser("autre-organisateur@example.org")


@pytest.fixture
def editor(nec_locaux):
    return factories.editor("editrice@example.org")
