"""The licence audit: its findings, the command's exit status and the admin report."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from licensing.models import LicensedImage
from resources.models import ResourcePage
from tests import factories


def run(*args) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("licence_audit", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue(), err.getvalue()


def test_a_clean_hub_passes_with_exit_status_0(resource, image, document):
    status, out, _ = run()
    assert status == 0 and "Aucun problème de licence" in out
    status, out, _ = run("--format", "json")
    assert status == 0 and json.loads(out) == {"count": 0, "findings": []}


@pytest.fixture
def problems(resource, base_page, theme):
    """A blank-looking image credit, an embed without attribution, an unacknowledged conflict."""
    blank = factories.ImageFactory(title="Photo sans auteur")
    LicensedImage.objects.filter(pk=blank.pk).update(attribution="   ")  # around the model rules, as an old import would
    resource.body = json.dumps(
        [{"type": "embed", "value": {"url": "https://video.example.org/2", "title": "Captation", "licence": "cc-by-4.0", "attribution": ""}}]
    )
    ResourcePage.objects.filter(pk=resource.pk).update(body=resource.body)
    photo = factories.ImageFactory(title="Photo de la plénière", licence_id="cc-by-4.0")
    published = factories.ResourcePageFactory(parent=base_page, themes=[theme], licence_id="cc-by-4.0", cover_image=photo)
    # The photo is relicensed afterwards: the published resource now breaks share-alike.
    photo.licence_id = "cc-by-sa-4.0"
    photo.save()
    return {"blank": blank, "resource": resource, "published": published}


def test_problems_are_listed_and_the_command_exits_1(problems):
    status, out, err = run()
    assert status == 1 and "3 problème(s)" in err
    lines = out.strip().splitlines()
    assert any(f"image {problems['blank'].pk} « Photo sans auteur » : attribution manquante" in line for line in lines)
    assert any(f"média externe {problems['resource'].pk}" in line and "Captation" in line for line in lines)
    assert any(line.startswith(f"conflit de licence {problems['published'].pk}") and "Photo de la plénière" in line for line in lines)


def test_json_output(problems):
    status, out, _ = run("--format", "json")
    data = json.loads(out)
    assert status == 1 and data["count"] == 3
    assert {finding["kind"] for finding in data["findings"]} == {"image", "embed", "conflict"}
    conflict = next(f for f in data["findings"] if f["kind"] == "conflict")
    assert "Licences qui conviendraient : cc-by-sa-4.0" in conflict["problem"]


def test_an_acknowledged_conflict_is_no_longer_reported(problems):
    from licensing.acknowledgements import acknowledge, record_on_revision
    from licensing.conflicts import licence_conflicts

    page = problems["published"]
    revision = page.save_revision()
    acknowledge(page, licence_conflicts(page))
    record_on_revision(page, revision, None)
    revision.publish()
    _, out, _ = run("--format", "json")
    assert "conflict" not in {finding["kind"] for finding in json.loads(out)["findings"]}


def test_the_admin_report_lists_and_exports(admin_client, problems):
    response = admin_client.get(reverse("licence_audit"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Audit des licences" in text and "Photo sans auteur" in text and "conflit de licence" in text
    export = admin_client.get(reverse("licence_audit"), {"export": "csv"})
    assert export.status_code == 200
    csv = b"".join(export.streaming_content if export.streaming else [export.content]).decode("utf-8-sig")
    assert csv.splitlines()[0] == "Élément,Identifiant,Titre,Problème"
    assert "Captation" in csv
    assert admin_client.get(reverse("licence_audit"), {"export": "xlsx"}).status_code == 200


def test_the_report_is_for_the_editorial_team(client, organiser):
    client.force_login(organiser)
    response = client.get(reverse("licence_audit"))
    assert response.status_code in (302, 403)
