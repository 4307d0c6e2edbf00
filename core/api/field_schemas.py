"""How the hub's model fields read and write in Wagtail v3's page schemas.

v3 builds every page schema once, when its registry module is first imported;
the apps register their field types from ``AppConfig.ready``, before that.
This module imports v3's schema generators, which need the app registry ready:
only ``ready()`` methods import it.
"""

from __future__ import annotations

import sys

from django.core.exceptions import ImproperlyConfigured
from modelcluster.fields import ParentalManyToManyField
from wagtail.api.v3.schemas.generators.read import read_generator
from wagtail.api.v3.schemas.generators.write import create_generator, patch_generator

from core.api.fields import page_links
from core.api.schemas import PageRefSchema


def ensure_page_schemas_not_built() -> None:
    """Field schemas must be registered before v3 builds the page schemas.

    v3 builds every page schema once, when its registry module is first
    imported; the apps register their field types in ``AppConfig.ready``.
    """
    if "wagtail.api.v3.registry" in sys.modules:
        raise ImproperlyConfigured("The v3 page schemas were built before the hub registered its field types.")


def register_page_link_schemas() -> None:
    """A ``ParentalManyToManyField`` to pages (themes, principles) reads as links to
    the visible pages and is written as a list of ids (empty by default: a draft
    may wait for its themes, publishing may not)."""
    ensure_page_schemas_not_built()
    read_generator.register_field_schema(ParentalManyToManyField, _page_links_schema)
    create_generator.register_field_schema(ParentalManyToManyField, _page_ids_input_schema)
    patch_generator.register_field_schema(ParentalManyToManyField, _page_ids_input_schema)


def _page_ids_input_schema(generator, field) -> tuple:
    return list[int], []


def _page_links_schema(generator, field) -> tuple:
    name = field.name

    def resolve(obj, context):
        return page_links(getattr(obj, name).all())

    return list[PageRefSchema], [], staticmethod(resolve)
