"""Typed, read-only computed fields for a page's ``api_fields``.

Wagtail's v3 read schemas type an ``APIField`` from its model field, or, for
an ``APIField(name, serializer=...)``, from the return annotation of the
serializer's ``to_representation`` (v3's path for API v2 serializer fields).
That second path is the only one v3 offers for a value that is not a model
field (credits, renditions, collections…), so ``computed`` builds such a
serializer around a plain function: the function's return annotation becomes
the field's OpenAPI type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_type_hints

from rest_framework.fields import Field
from wagtail.api import APIField


def computed(name: str, func: Callable[[Any], Any]) -> APIField:
    """A read-only APIField whose value is ``func(page)``, typed by ``func``'s return annotation."""
    return_type = get_type_hints(func)["return"]

    def to_representation(self, value):
        return func(value)

    to_representation.__annotations__ = {"return": return_type}
    serializer_class = type(f"{name.title().replace('_', '')}Field", (Field,), {"to_representation": to_representation})
    return APIField(name, serializer=serializer_class(source="*", read_only=True))


def register_field_schemas() -> None:
    """Teach v3's schema generators the hub's field types (see bases.apps).

    - an ``OpenLicenceField`` reads as the licence itself (id, name, URL, open,
      share-alike) and is written as a licence id under the same name,
      ``licence``, defaulting to CC BY-SA 4.0 on creation;
    - a ``ParentalManyToManyField`` to pages (themes, principles) reads as
      links to the visible pages, and is written as a list of ids (empty by
      default: a draft may wait for its themes, publishing may not).

    v3 builds every page schema once, when its registry module is first
    imported: this must run before, which the app's ``ready()`` ensures.
    """
    import sys

    from django.core.exceptions import ImproperlyConfigured
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.api.v3.schemas.generators.read import read_generator
    from wagtail.api.v3.schemas.generators.write import create_generator, patch_generator

    from licensing.models import OpenLicenceField

    if "wagtail.api.v3.registry" in sys.modules:
        raise ImproperlyConfigured("The v3 page schemas were built before the hub registered its field types.")
    read_generator.register_field_schema(OpenLicenceField, _licence_schema)
    read_generator.register_field_schema(ParentalManyToManyField, _page_links_schema)
    create_generator.register_field_schema(OpenLicenceField, _licence_input_schema)
    patch_generator.register_field_schema(OpenLicenceField, _licence_input_schema)
    create_generator.register_field_schema(ParentalManyToManyField, _page_ids_input_schema)
    patch_generator.register_field_schema(ParentalManyToManyField, _page_ids_input_schema)


def _licence_schema(generator, field) -> tuple:
    from bases.api_schemas import LicenceSchema

    name = field.name

    def resolve(obj, context):
        return getattr(obj, name)

    return LicenceSchema, None, staticmethod(resolve)


def _licence_input_schema(generator, field) -> tuple:
    from pydantic.fields import FieldInfo

    from licensing.models import default_licence_id

    description = "Id of an open licence of the register (see /api/v3/licences/); default cc-by-sa-4.0."
    return str, FieldInfo(default_factory=default_licence_id, description=description)


def _page_ids_input_schema(generator, field) -> tuple:
    return list[int], []


def _page_links_schema(generator, field) -> tuple:
    from bases.api_schemas import PageRefSchema

    name = field.name

    def resolve(obj, context):
        return page_links(getattr(obj, name).all())

    return list[PageRefSchema], [], staticmethod(resolve)


def page_links(pages) -> list[dict]:
    """Links to the visible pages among ``pages`` (a queryset, or a revision's in-memory list)."""
    from django.db.models import QuerySet

    from bases.api_links import page_api_url
    from bases.visibility import visible

    if isinstance(pages, QuerySet):
        pages = visible(pages)
    else:  # a draft revision's in-memory relation
        pages = [page for page in pages if page.live]
    return [{"id": p.pk, "title": p.title, "slug": p.slug, "api_url": page_api_url(p.pk)} for p in pages]
