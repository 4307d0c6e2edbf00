"""How a licence reads and writes in Wagtail v3's page schemas.

An ``OpenLicenceField`` reads as the licence itself (id, name, URL, open,
share-alike) and is written as a licence id under the same name, ``licence``,
defaulting to CC BY-SA 4.0 on creation. Registered by ``LicensingConfig.ready``,
before v3 builds its page schemas.
"""

from __future__ import annotations

from pydantic.fields import FieldInfo
from wagtail.api.v3.schemas.generators.read import read_generator
from wagtail.api.v3.schemas.generators.write import create_generator, patch_generator

from core.api.field_schemas import ensure_page_schemas_not_built
from licensing.api.schemas import LicenceSchema
from licensing.models import OpenLicenceField, default_licence_id


def register_licence_field_schemas() -> None:
    """Teach v3's schema generators how an ``OpenLicenceField`` reads and writes."""
    ensure_page_schemas_not_built()
    read_generator.register_field_schema(OpenLicenceField, _licence_schema)
    create_generator.register_field_schema(OpenLicenceField, _licence_input_schema)
    patch_generator.register_field_schema(OpenLicenceField, _licence_input_schema)


def _licence_schema(generator, field) -> tuple:
    name = field.name

    def resolve(obj, context):
        return getattr(obj, name)

    return LicenceSchema, None, staticmethod(resolve)


def _licence_input_schema(generator, field) -> tuple:
    description = "Id of an open licence of the register (see /api/v3/licences/); default cc-by-sa-4.0."
    return str, FieldInfo(default_factory=default_licence_id, description=description)
