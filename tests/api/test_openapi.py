"""One OpenAPI document that validates, interactive docs, and a property-based
run over every GET operation that finds no server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from tests.api.conftest import API, index

HUB_PATHS = [
    "/search/",
    "/search/suggest/",
    "/resources/{resource_id}/related/",
    "/licences/",
    "/licences/{licence_id}/",
    "/themes/",
    "/principles/",
    "/collections/",
    "/collections/{collection_id}/",
    "/bases/",
]


def test_one_openapi_document_holds_wagtail_and_the_hub_routers(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    validate(schema)
    paths = set(schema["paths"])
    assert {f"{API}{path}" for path in HUB_PATHS} <= paths
    assert f"{API}/pages/" in paths and f"{API}/pages/{{page_id}}/" in paths
    resource = schema["components"]["schemas"]["ResourcePageSchema"]["properties"]
    assert "#/components/schemas/LicenceSchema" in str(resource["licence"])
    assert {"credits", "cover", "collections", "base", "themes", "principles", "body"} <= set(resource)


def test_interactive_docs_are_served(client, db):
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200 and b"openapi.json" in response.content


# Every GET operation but Wagtail's snippets ones: no model is registered as a
# snippet, so their ``type`` parameter allows no value at all (nothing to generate).
openapi = (
    schemathesis.openapi.from_wsgi(f"{API}/openapi.json", get_wsgi_application())
    .include(method="GET")
    .exclude(path_regex="/snippets/")
)


@pytest.fixture
def keep_connection():
    """Keep the test's database connection across WSGI requests, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def indexed_resource(resource, engine):
    index(engine)
    return resource


@pytest.mark.usefixtures("keep_connection", "indexed_resource")
@openapi.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_get_operation_answers_with_a_server_error(case):
    case.call_and_validate(checks=[schemathesis.checks.not_a_server_error])
