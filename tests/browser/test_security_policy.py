"""The Content-Security-Policy in a real browser: the public pages, the admin
(dashboard and a page editor, signed in) and the API docs (Swagger UI) carry the
header and work under it, with no violation reported by the browser
(``securitypolicyviolation`` events and console messages).

Its name sorts after test_organiser_path.py on purpose: that test needs the rows
migrations made, which a transactional test flushes (the demo fixture puts them back).
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects every violation from the first script on, before the page's own.
COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({
        directive: event.effectiveDirective, blocked: event.blockedURI,
        source: event.sourceFile, line: event.lineNumber, sample: event.sample,
    });
});
"""
PASSWORD = "un mot de passe d'administration"  # noqa: S105 - test account only


def _watch(context) -> list[str]:
    """Console messages about the policy, for every page of the context."""
    messages: list[str] = []
    context.add_init_script(COLLECT)
    context.on(
        "console",
        lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return messages


def _visit(page, url: str, ready: str) -> dict:
    """Open ``url``, wait for ``ready`` (a selector that shows the page's scripts ran), report."""
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    header = response.headers.get("content-security-policy", "")
    page.wait_for_selector(ready, timeout=15_000)
    page.wait_for_load_state("networkidle")
    return {"header": header, "violations": page.evaluate("window.__cspViolations")}


def test_no_policy_violation_on_public_pages_admin_and_api_docs(browser, demo, artifacts):
    from django.contrib.auth import get_user_model

    from resources.models import ResourcePage

    resource = ResourcePage.objects.live().first()
    get_user_model().objects.create_superuser("admin@example.org", "admin@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    console = _watch(context)
    page = context.new_page()
    report = {}

    # The DSFR's module script ran when it marks the document (data-fr-js).
    report["home"] = _visit(page, f"{demo.url}/", "html[data-fr-js='true']")
    report["search"] = _visit(page, f"{demo.url}/recherche/?q=%C3%A9cologie", "html[data-fr-js='true']")
    report["resource"] = _visit(page, f"{demo.url}{resource.url}", "html[data-fr-js='true']")
    # The control: an inline script without the nonce is blocked, and reported.
    page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "window.__injected = true"; document.body.append(s); }""")
    page.wait_for_function("() => window.__cspViolations.length > 0", timeout=5_000)
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__cspViolations[0].directive") == "script-src-elem"
    console.clear()
    # Swagger UI drew the document's title from /api/v3/openapi.json.
    report["api-docs"] = _visit(page, f"{demo.url}/api/v3/docs/", ".swagger-ui .info .title")
    assert "Les Bases API" in page.inner_text(".swagger-ui .info .title")
    page.screenshot(path=str(artifacts / "csp-api-docs.png"))

    page.goto(f"{demo.url}/admin/login/")
    page.fill("#id_username", "admin@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    report["admin-dashboard"] = _visit(page, f"{demo.url}/admin/", "#main")
    # The page editor: inline panels and date widgets run their inline scripts.
    report["admin-editor"] = _visit(page, f"{demo.url}/admin/pages/{resource.pk}/edit/", "form[data-edit-form]")
    page.screenshot(path=str(artifacts / "csp-admin-editor.png"))
    context.close()

    (artifacts / "csp-violations.json").write_text(json.dumps({"pages": report, "console": console}, indent=2))
    for name, found in report.items():
        assert "default-src 'self'" in found["header"] and "object-src 'none'" in found["header"], name
    assert {name: found["violations"] for name, found in report.items()} == {name: [] for name in report}
    assert console == []
