"""The public pages in a real browser, on the demo content: search « écologie »,
tick a theme, open a result, copy its credits, follow its licence; open every
page type and check it with axe-core (no serious or critical violation); the
search page without JavaScript. Screenshots go to artifacts/ (git-ignored)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
ECOLOGY = "ecologie-soutenabilite"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from npm (package-lock.json), installed with `npm ci` when missing."""
    if not AXE.exists():
        if shutil.which("npm") is None:
            pytest.skip("axe-core is not installed and npm is missing (apt-get install npm, then npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True, timeout=600)
    return AXE


def _urls(live_server) -> dict[str, str]:
    """One live page of each type."""
    from bases.models import BasePage, HomePage
    from curation.models import CollectionIndexPage, CollectionPage
    from taxonomy.models import PrincipleIndexPage, PrinciplePage, ThemeIndexPage, ThemePage
    from resources.models import EventReportPage, ResourcePage

    models = {
        "home": HomePage,
        "base": BasePage,
        "theme-index": ThemeIndexPage,
        "theme": ThemePage,
        "principle-index": PrincipleIndexPage,
        "principle": PrinciplePage,
        "collection-index": CollectionIndexPage,
        "collection": CollectionPage,
        "resource": ResourcePage,
        "event-report": EventReportPage,
    }
    urls = {name: model.objects.live().exact_type(model).first().url for name, model in models.items()}
    urls["search"] = "/recherche/?q=%C3%A9cologie"
    urls["statistics"] = "/statistiques/"
    urls["not-found"] = "/page-qui-n-existe-pas/"
    return {name: f"{live_server.url}{url}" for name, url in urls.items()}


def _axe_violations(page, axe_script: Path) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))
        }))"""
    )


def _tick(page, facet: str, value: str) -> None:
    """Tick a facet value as a user does: DSFR draws the box on the label, so click that."""
    box = page.locator(f"input[name={facet}][value={value}]")
    page.click(f"label[for={box.get_attribute('id')}]")


def test_search_tick_a_theme_open_copy_credits_follow_licence(browser, demo, artifacts):
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="fr-FR", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(f"{demo.url}/recherche/")

    # Suggestions as you type: the datalist fills from the suggest endpoint.
    page.fill("#champ-recherche", "Num")
    page.wait_for_function("() => document.querySelectorAll('#suggestions-recherche option').length > 0", timeout=5000)
    page.fill("#champ-recherche", "écologie")
    with page.expect_navigation():
        page.press("#champ-recherche", "Enter")
    total = int(re.match(r"(\d+) résultat", page.inner_text("#nombre-resultats")).group(1))
    assert total > 0
    page.screenshot(path=str(artifacts / "public-search.png"), full_page=True)

    # Ticking a theme applies it at once (JavaScript on): the URL and the results follow.
    with page.expect_navigation():
        _tick(page, "theme", ECOLOGY)
    assert parse_qs(urlparse(page.url).query)["theme"] == [ECOLOGY]
    assert page.locator(f"input[name=theme][value={ECOLOGY}]").is_checked()
    filtered = int(re.match(r"(\d+) résultat", page.inner_text("#nombre-resultats")).group(1))
    assert 0 < filtered <= total

    # Matches are highlighted (« écologie » itself may match through a theme, without a mark).
    marked = context.new_page()
    marked.goto(f"{demo.url}/recherche/?q=num%C3%A9rique")
    assert marked.locator("#resultats mark").count() > 0
    marked.close()

    # Open the first result.
    first = page.locator("#resultats h3 a").first
    title = re.sub(r"\s+", " ", first.inner_text()).strip()
    with page.expect_navigation():
        first.click()
    assert page.locator("h1").inner_text().strip() == title
    page.screenshot(path=str(artifacts / "public-resource.png"), full_page=True)

    # Copy its credits: the clipboard holds the text shown, which names the work and its licence.
    from resources.models import ResourcePage

    resource = ResourcePage.objects.select_related("licence").get(url_path__endswith=urlparse(page.url).path.rstrip("/").split("/")[-1] + "/")
    page.click("button[data-copy=credits-texte]")
    page.wait_for_function("() => document.getElementById('credits-copie').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value("#credits-texte")
    assert copied.startswith(f"« {title} » — {resource.attribution} — {resource.licence.name} ({resource.licence.url})")

    # The licence link, in the page and in the head, points to the licence's text.
    assert page.get_attribute("#lien-licence", "href") == resource.licence.url
    assert page.get_attribute("#lien-licence", "rel") == "license"
    assert page.get_attribute("head link[rel=license]", "href") == resource.licence.url
    context.close()


def test_every_page_type_opens_and_passes_axe(browser, demo, artifacts, axe_script):
    # axe-core goes in as an inline script, which the site's CSP refuses by design: this
    # test is about accessibility (test_security_policy.py checks the policy itself).
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    report = {}
    for name, url in _urls(demo).items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), (name, url)
        assert page.get_attribute("html", "lang") == "fr"
        assert page.locator("main#contenu h1").count() == 1, name
        assert page.locator("header[role=banner]").count() == 1 and page.locator("footer[role=contentinfo]").count() == 1
        # Every image has an alt text and a size (renditions).
        for image in page.locator("main img").all():
            assert image.get_attribute("alt"), (name, image.get_attribute("src"))
            assert image.get_attribute("width") and image.get_attribute("height"), (name, image.get_attribute("src"))
        violations = _axe_violations(page, axe_script)
        report[name] = violations
        if name == "home":
            page.screenshot(path=str(artifacts / "public-home.png"), full_page=True)
        if name == "event-report":
            page.screenshot(path=str(artifacts / "public-event-report.png"), full_page=True)
    (artifacts / "public-pages-axe.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    blocking = {name: [v for v in found if v["impact"] in BLOCKING_IMPACTS] for name, found in report.items()}
    assert blocking == {name: [] for name in report}, json.dumps(blocking, ensure_ascii=False, indent=2)
    context.close()


def test_search_works_without_javascript(browser, demo, axe_script):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo.url}/")
    page.fill("#recherche-accueil", "écologie")
    with page.expect_navigation():
        page.press("#recherche-accueil", "Enter")
    assert urlparse(page.url).path == "/recherche/"
    total = int(re.match(r"(\d+) résultat", page.inner_text("#nombre-resultats")).group(1))
    assert total > 0
    _tick(page, "theme", ECOLOGY)
    page.select_option("#tri", "title")
    with page.expect_navigation():
        page.click("#appliquer-filtres")
    query = parse_qs(urlparse(page.url).query)
    assert query["theme"] == [ECOLOGY] and query["sort"] == ["title"]
    titles = [t.strip() for t in page.locator("#resultats h3 a").all_inner_texts()]
    assert titles and titles == sorted(titles, key=str.lower)
    # The credits stay readable without JavaScript; the copy button needs it and stays hidden.
    with page.expect_navigation():
        page.locator("#resultats h3 a").first.click()
    assert page.input_value("#credits-texte")
    assert not page.locator("button[data-copy=credits-texte]").is_visible()
    context.close()
