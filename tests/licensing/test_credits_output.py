"""Credits as a reuser copies them: text and escaped HTML, in the API and the page,
following any change to the works; licence data machine-readable everywhere."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from licensing.credits import credits_for, credits_html, credits_text
from resources.models import EventPhoto, EventReportPage
from tests import factories
from tests.api.conftest import API, assert_problem
from tests.api.conftest import editor, engine, hub, token_client  # noqa: F401 (fixtures of the API tests)


def test_text_and_html_credits(resource, image):
    image.title = 'Atelier <script>alert("x")</script>'
    image.attribution = "Studio & Co"
    image.source_url = "https://photos.example.org/1"
    image.save()
    resource.cover_image = image
    resource.save()
    credits = credits_for(resource)
    text = credits_text(credits)
    assert text.splitlines() == [
        f"« {resource.title} » — Collectif NEC — Creative Commons Attribution – Partage dans les mêmes conditions 4.0 "
        "International (https://creativecommons.org/licenses/by-sa/4.0/deed.fr)",
        '« Atelier <script>alert("x")</script> » — Studio & Co — Creative Commons Attribution – Partage dans les mêmes '
        "conditions 4.0 International (https://creativecommons.org/licenses/by-sa/4.0/deed.fr) — d'après "
        "https://photos.example.org/1",
    ]
    html = str(credits_html(credits))
    assert "<script>" not in html and "&lt;script&gt;" in html and "Studio &amp; Co" in html
    assert html.count('<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">') == 2
    assert html.startswith('<ul class="credits"><li>') and html.count("<li>") == 2


def test_the_api_gives_credits_text_html_and_the_licence_url(client, resource, image):
    resource.cover_image = image
    resource.save_revision().publish()
    data = client.get(f"{API}/pages/{resource.pk}/").json()
    assert data["licence"]["id"] == "cc-by-sa-4.0"
    assert data["licence_url"] == data["licence"]["url"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    assert data["credits_text"] == credits_text(credits_for(resource))
    assert data["credits_html"] == str(credits_html(credits_for(resource)))
    assert [c["kind"] for c in data["credits"]] == ["item", "image"]


def test_relicensing_a_photo_updates_the_credits_everywhere(client, base_page, theme):
    photo = factories.ImageFactory(title="Photo de groupe", licence_id="cc-by-4.0", attribution="Ville de Metz")
    report = factories.EventReportPageFactory(
        parent=base_page, themes=[theme], licence_id="cc-by-sa-4.0", photos=[EventPhoto(image=photo, caption="")]
    )
    report.save_revision().publish()
    url = f"{API}/pages/{report.pk}/"
    before = client.get(url).json()
    assert "Photo de groupe » — Ville de Metz — Creative Commons Attribution 4.0" in before["credits_text"]
    photo.licence_id, photo.attribution = "cc0-1.0", "Mairie de Metz"
    photo.save()
    after = client.get(url).json()
    assert "Photo de groupe » — Mairie de Metz — Creative Commons Zero 1.0 Universel" in after["credits_text"]
    assert next(c for c in after["credits"] if c["kind"] == "image")["licence_id"] == "cc0-1.0"
    page = client.get(report.url).content.decode()
    assert "Mairie de Metz" in page and "Ville de Metz" not in page


def _credit_queries(report_id: int) -> int:
    report = EventReportPage.objects.get(pk=report_id)
    with CaptureQueriesContext(connection) as captured:
        credits_for(report)
    return len(captured)


def test_credit_queries_do_not_grow_with_the_number_of_photos_and_images(base_page, theme):
    def report_with(count: int) -> int:
        images = [factories.ImageFactory(title=f"Photo {n}") for n in range(count)]
        report = factories.EventReportPageFactory(
            parent=base_page, themes=[theme], photos=[EventPhoto(image=image, caption="") for image in images]
        )
        report.body = json.dumps([{"type": "image", "value": {"image": image.pk, "caption": ""}} for image in images])
        report.save()
        return report.pk

    small, large = _credit_queries(report_with(2)), _credit_queries(report_with(12))
    assert small == large <= 4


def test_public_pages_carry_rel_license_and_json_ld(client, resource, image):
    resource.cover_image = image
    resource.save_revision().publish()
    html = client.get(resource.url).content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">' in head
    ld = json.loads(head.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["@context"] == "https://schema.org" and ld["license"].endswith("/by-sa/4.0/deed.fr")
    assert ld["name"] == resource.title and ld["creditText"] == "Collectif NEC"
    assert ld["hasPart"] == [
        {"@type": "ImageObject", "name": image.title, "creditText": image.attribution, "license": ld["license"]}
    ]
    assert '<ul class="credits">' in html and 'id="credits-texte"' in html


def test_search_results_and_api_items_carry_the_licence_id(client, hub, engine):
    from tests.api.conftest import index

    index(engine)
    results = client.get(f"{API}/search/", {"licence": "etalab-2.0"}).json()
    assert results["total"] >= 1 and {hit["licence"] for hit in results["results"]} == {"etalab-2.0"}
    facet = {value["value"] for value in results["facets"]["licence"]}
    assert "etalab-2.0" in facet
    detail = client.get(f"{API}/pages/{hub['guide'].pk}/").json()
    assert detail["licence"]["id"] == "etalab-2.0" and detail["licence_url"]


def test_an_api_publish_over_a_conflict_is_refused_naming_the_items(token_client, hub):
    shared = factories.DocumentFactory(title="Captation partagée", licence_id="cc-by-sa-4.0")
    payload = {
        "meta": {"type": "resources.ResourcePage", "parent_id": hub["base"].pk, "action": "publish"},
        "title": "Conflit par l'API",
        "summary": "Une ressource sous CC BY avec une photo CC BY-SA.",
        "resource_type": "guide",
        "attribution": "Collectif NEC",
        "themes": [hub["data"].pk],
        "licence": "cc-by-4.0",
        "body": [{"type": "document", "value": {"document": shared.pk, "title": ""}}],
    }
    problem = assert_problem(token_client.post(f"{API}/pages/", payload, content_type="application/json"), 422)
    assert "Captation partagée" in str(problem) and "cc-by-sa-4.0" in str(problem)
    from resources.models import ResourcePage

    assert not ResourcePage.objects.filter(title="Conflit par l'API").exists()



def test_an_api_publish_action_over_a_conflict_is_refused(token_client, hub):
    guide = hub["guide"]  # etalab-2.0
    guide.cover_image = factories.ImageFactory(title="Photo partagée", licence_id="cc-by-sa-4.0")
    guide.save_revision()
    response = token_client.post(f"{API}/pages/{guide.pk}/actions/publish/", content_type="application/json")
    problem = assert_problem(response, 422)
    assert "Photo partagée" in str(problem)
    guide.refresh_from_db()
    assert guide.cover_image_id is None


def test_json_ld_cannot_close_its_script_element(resource):
    from licensing.templatetags.licensing_tags import licence_head

    resource.title = "Fin </script><b>piège</b> & co"
    html = str(licence_head(resource))
    assert html.count("</script>") == 1 and "<b>" not in html
    payload = html.split('<script type="application/ld+json">')[1].removesuffix("</script>")
    assert json.loads(payload)["name"] == "Fin </script><b>piège</b> & co"
