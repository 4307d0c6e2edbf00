"""Every page type renders as a DSFR page with its content, and never shows
what the public may not see."""

from __future__ import annotations

import re
from datetime import date

import pytest

from curation.models import CollectionItem
from tests import factories
from tests.front.conftest import SECRET

pytestmark = pytest.mark.django_db


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_every_page_has_the_dsfr_frame(client, hub):
    page = html(client, hub["guide"].url)
    assert '<html lang="fr"' in page
    assert "/static/dsfr/dist/dsfr/dsfr.min.css" in page
    assert 'role="banner"' in page and 'role="main"' in page and 'role="contentinfo"' in page
    assert 'href="#contenu"' in page and 'id="contenu"' in page  # skip link and its target
    assert 'id="navigation-principale"' in page
    # The main menu lists the home page's sections.
    for title in ("Thématiques", "Principes", "Collections", "NEC locaux"):
        assert f">{title}</a>" in page


def test_breadcrumb_leads_from_home_to_the_page(client, hub):
    page = html(client, hub["report"].url)
    crumbs = re.findall(r'class="fr-breadcrumb__link"[^>]*>([^<]+)<', page)
    assert crumbs == ["Accueil", "NEC locaux", "NEC local de Lyon"]


def test_home_lists_latest_resources_collections_themes_and_principles(client, hub):
    page = html(client, "/")
    for title in (
        "Cartographier les lieux de médiation",
        "Podcast : les communs numériques",
        "NEC local de Lyon",
        "NEC locaux 2023",
        "Données &amp; territoires",
        "Inclusion &amp; émancipation",
        "1. Harmoniser",
        "5. Ouvrir",
    ):
        assert title in page, title


def test_theme_page_shows_its_text_and_resources(client, hub):
    page = html(client, hub["inclusion"].url)
    assert "Les questions que pose cette thématique." in page
    assert "Podcast : les communs numériques" in page and "NEC local de Lyon" in page
    data = html(client, hub["data"].url)
    assert "Cartographier les lieux de médiation" in data and "Podcast" not in data
    assert "/recherche/?theme=donnees-territoires" in data


def test_principle_page_shows_its_number_and_resources(client, hub):
    page = html(client, hub["harmoniser"].url)
    assert "Principe 1 sur 7" in page
    assert "Cartographier les lieux de médiation" in page and "NEC local de Lyon" in page
    assert "Podcast" not in page


def test_base_page_lists_its_own_resources(client, hub):
    page = html(client, hub["locaux"].url)
    assert "NEC local de Lyon" in page and "Cartographier" not in page


def test_index_pages_list_their_children(client, hub):
    assert "Inclusion &amp; émancipation" in html(client, "/thematiques/")
    assert "5. Ouvrir" in html(client, "/principes/")
    assert "NEC locaux 2023" in html(client, "/collections/")


def test_collection_page_keeps_the_editors_order_and_notes(client, hub):
    collection = hub["collection"]
    page = html(client, collection.url)
    assert page.index("NEC local de Lyon") < page.index("Cartographier les lieux de médiation")
    assert "À lire d&#x27;abord" in page
    # Reordering in the admin reorders the page.
    CollectionItem.objects.filter(collection=collection, resource=hub["guide"]).update(sort_order=-1)
    page = html(client, collection.url)
    assert page.index("Cartographier les lieux de médiation") < page.index("NEC local de Lyon")
    assert f'<link rel="license" href="{collection.licence.url}">' in page


def test_resource_page_shows_body_licence_and_credits(client, illustrated):
    page = html(client, illustrated.url)
    licence_url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert f'<link rel="license" href="{licence_url}">' in page
    assert f'rel="license" href="{licence_url}" id="lien-licence">Licence Ouverte 2.0</a>' in page
    # Cover: a rendition with its size, alt text from the image's description.
    assert re.search(r'<img alt="Carte des lieux de médiation en Gironde"[^>]*height="\d+"[^>]*width="\d+"', page)
    for text in (
        "<h2>Pourquoi cartographier</h2>",
        "Pour <b>connaître</b> les lieux.",
        'alt="Atelier cartographie"',
        "Télécharger le modèle",
        "La carte en ligne",
        "Une carte, c&#x27;est un commun.",
        "lieux recensés",
        "cartographie",  # a tag
        "NEC locaux 2023",  # the collection holding it
    ):
        assert text in page, text
    credits = re.search(r'<textarea[^>]*id="credits-texte"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    lines = credits.strip().split("\n")
    assert lines[0].startswith("« Cartographier les lieux de médiation » — Collectif NEC — Licence Ouverte 2.0")
    assert lines[0].endswith(f" — {illustrated.full_url}")
    assert any(line.startswith("« Atelier cartographie » — Photographe du réseau") for line in lines)
    assert any(line.startswith("« Modèle de recensement »") for line in lines)
    assert 'data-copy="credits-texte"' in page


def test_event_report_shows_facts_formats_and_photos(client, hub):
    report = factories.EventReportPageFactory(
        title="NEC local de Villeurbanne",
        event_name="NEC local de Villeurbanne",
        start_date=date(2024, 3, 1),
        end_date=None,
        date_precision="month",
        venue="Maison du numérique",
        city="Villeurbanne",
        speakers_count=10,
        speakers_women_count=6,
        speakers_men_count=4,
        is_free_and_open=True,
        budget_euros=14000,
        themes=[hub["inclusion"]],
        parent=hub["locaux"],
        photos=[
            factories.EventPhoto(image=factories.ImageFactory(description="La salle pleine"), caption="La plénière"),
            factories.EventPhoto(image=factories.ImageFactory(title="Atelier"), caption=""),
        ],
    )
    page = html(client, report.url)
    for text in (
        "<dd>mars 2024</dd>",
        "Maison du numérique, Villeurbanne",
        "10 (6 femmes, 4 hommes)",
        "<dd>oui</dd>",
        "14",
        "Un atelier très suivi.",
        'alt="La salle pleine"',
        'alt="Atelier"',
        "La plénière",
    ):
        assert text in page, text
    assert len(re.findall(r'fill-800x450\.png" width="\d+"', page)) == 2  # gallery renditions, sized


def test_hidden_pages_never_show(client, hub, hidden):
    for url in ("/", hub["base"].url, hub["inclusion"].url, hub["collection"].url, "/collections/", "/recherche/?q=zorglub"):
        assert SECRET not in html(client, url), url
    for page in (hidden["draft"], hidden["unpublished"], hidden["draft_collection"]):
        assert client.get(f"/{page.url_path.split('/', 2)[2]}").status_code == 404
    assert client.get(hidden["private"].url).status_code in (302, 403)


def test_preview_shows_the_draft_and_is_not_cached(hub):
    guide = hub["guide"]
    guide.title = "Titre encore en brouillon"
    response = guide.make_preview_request()
    assert response.status_code == 200
    assert "Titre encore en brouillon" in response.content.decode()
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "private" in directives and "public" not in directives


def test_collection_preview_shows_the_items_being_edited(hub):
    collection = hub["collection"]
    collection.items = [CollectionItem(resource=hub["podcast"], sort_order=0)]
    page = collection.make_preview_request().content.decode()
    assert "Podcast : les communs numériques" in page and "NEC local de Lyon" not in page


def test_not_found_page_is_a_french_dsfr_page(client, hub):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="fr"' in page and "Page introuvable" in page and 'href="/recherche/"' in page


def test_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert '<html lang="fr">' in page and "Erreur inattendue" in page


def test_long_lists_are_paged(client, hub):
    for n in range(13):
        factories.ResourcePageFactory(title=f"Fiche données {n:02d}", themes=[hub["data"]])
    first = html(client, hub["data"].url)
    assert first.count('class="fr-card__title"') == 12
    assert 'href="?page=2"' in first and 'aria-current="page" title="Page 1"' in first
    second = html(client, f"{hub['data'].url}?page=2")
    assert second.count('class="fr-card__title"') == 2  # 14 resources in the theme
    # A page number past the end or not a number shows the nearest page, as Django's paginator does.
    assert html(client, f"{hub['data'].url}?page=99").count('class="fr-card__title"') == 2
