"""No 5xx on out-of-range pagination anywhere in the API: every list operation of
the OpenAPI document is called with absurd offsets, limits and page numbers (huge,
negative, zero, not a number), signed in with a token so that protected lists reach
their pagination too; each answer is a 200 or a 4xx problem naming the parameter."""

from __future__ import annotations

import pytest

from tests.api.conftest import API, assert_problem

pytestmark = pytest.mark.django_db

PAGINATION = {"limit", "offset", "page", "page_size"}
# Values for the required query parameters some lists have (the territories' ``q``).
REQUIRED_EXAMPLES = {"q": "metz"}
ABSURD = ["99999999999999999999", "9223372036854775808", "2147483648", "100000", "-1", "-99999999999999999999", "0", "abc", "1.5"]


def list_operations(client) -> list[tuple[str, dict, set[str], dict]]:
    """(path template, its path parameters' schemas, its pagination parameters, values for
    its required query parameters) of every GET list."""
    document = client.get(f"{API}/openapi.json").json()
    found = []
    for path, operations in document["paths"].items():
        operation = operations.get("get")
        if not operation:
            continue
        parameters = operation.get("parameters", [])
        pagination = {p["name"] for p in parameters if p["in"] == "query" and p["name"] in PAGINATION}
        if pagination:
            path_parameters = {p["name"]: p.get("schema", {}) for p in parameters if p["in"] == "path"}
            required = {
                p["name"]: REQUIRED_EXAMPLES[p["name"]]
                for p in parameters
                if p["in"] == "query" and p.get("required") and p["name"] not in PAGINATION
            }
            found.append((path, path_parameters, pagination, required))
    return found


def fill(path: str, path_parameters: dict, values: dict) -> str:
    for name in path_parameters:
        path = path.replace("{" + name + "}", str(values[name]))
    return path


def test_every_list_operation_answers_absurd_pagination_without_a_5xx(client, token_client, hub):
    from wagtail.models import Site

    resource = hub["guide"] if "guide" in hub else next(v for v in hub.values() if hasattr(v, "revisions"))
    resource.save_revision()
    values = {
        "page_id": resource.pk,
        "resource_id": resource.pk,
        "collection_id": hub["collection"].pk,
        "type": "",
        "pk": Site.objects.first().pk,
    }
    operations = list_operations(client)
    assert len(operations) >= 10  # the walk found the lists (pages, images, search, collections…)
    answers = {}
    for path, path_parameters, pagination, required in operations:
        url = fill(path, path_parameters, values)
        # The snippets' lists have no type to name while no snippet model is registered
        # (their ``type`` is the constant ""): there every answer is a 4xx (a 404 page).
        reachable = not any(schema.get("const") == "" for schema in path_parameters.values())
        if reachable:
            assert token_client.get(url, required).status_code == 200, url  # the list itself works
        for parameter in sorted(pagination):
            for value in ABSURD:
                response = token_client.get(url, {**required, parameter: value})
                answers[(url, parameter, value)] = response.status_code
                assert response.status_code < 500, (url, parameter, value, response.content[:300])
                if response.status_code != 200:
                    assert 400 <= response.status_code < 500
                    if reachable:
                        assert_problem(response, response.status_code, parameter)
    # Huge offsets were really tried on the pages list (the 500 this guards against).
    assert (f"{API}/pages/", "offset", "99999999999999999999") in answers
