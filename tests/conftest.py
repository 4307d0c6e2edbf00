"""Fixtures shared by every app's tests: the page tree and licensed media.

The Wagtail admin is reached with pytest-django's ``admin_client`` (a logged-in
superuser).
"""

from __future__ import annotations

import pytest

from tests import factories


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

