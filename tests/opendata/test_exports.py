"""Markdown and PDF exports of a resource carry its licence, every work's credit and its address."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.api.conftest import API

CREDITS = ("Coopérative des Communs", "Atelier cartographique du Coin", "Collectif Photo Libre", "Réseau des médiateurs")
LICENCES = (
    "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 International",
    "Creative Commons Attribution 4.0 International",
    "Creative Commons Zero 1.0 Universel",
    "Licence Ouverte 2.0",
)


def test_the_markdown_export_carries_licence_credits_and_address(client, illustrated):
    response = client.get(f"/exports/ressources/{illustrated.pk}.md")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    assert text.startswith(f"# {illustrated.title}")
    assert illustrated.full_url in text
    assert "## Préparer l'atelier" in text and "**dix personnes**" in text and "[carte](https://example.org/carte)" in text
    assert "![Les participants](http://testserver/media/" in text
    for expected in CREDITS + LICENCES:
        assert expected in text, expected


def test_the_pdf_export_carries_licence_credits_and_address(client, illustrated):
    response = client.get(f"/exports/ressources/{illustrated.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert illustrated.title in text
    assert illustrated.full_url in text
    for expected in CREDITS + LICENCES:
        assert expected in text, expected
    images = sum(len(page.images) for page in reader.pages)
    assert images == 2  # the cover and the body's photo, read from the media storage


def test_exports_of_hidden_resources_are_404(client, hub, hidden, orphan):
    for page in (*[hidden[n] for n in ("draft", "unpublished", "private")], orphan):
        for ext in ("md", "pdf"):
            assert client.get(f"/exports/ressources/{page.pk}.{ext}").status_code == 404


def test_the_page_and_the_api_link_the_exports(client, illustrated):
    html = client.get(illustrated.url).content.decode()
    assert f'href="/exports/ressources/{illustrated.pk}.pdf"' in html
    assert f'<link rel="alternate" type="text/markdown" title="Export MARKDOWN" href="/exports/ressources/{illustrated.pk}.md">' in html
    data = client.get(f"{API}/pages/{illustrated.pk}/").json()
    assert {link["format"]: link["url"] for link in data["exports"]} == {
        "markdown": f"http://testserver/exports/ressources/{illustrated.pk}.md",
        "pdf": f"http://testserver/exports/ressources/{illustrated.pk}.pdf",
    }
