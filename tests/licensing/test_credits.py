"""Credits of an item: its own licence, then every licensed work it uses, once each."""

from __future__ import annotations

import json

from licensing.credits import credits_for
from tests import factories


def test_a_resource_without_media_credits_itself(resource):
    credits = credits_for(resource)
    assert [(c.kind, c.title, c.licence_id) for c in credits] == [("item", resource.title, "cc-by-sa-4.0")]
    assert credits[0].attribution == "Collectif NEC" and credits[0].licence_url.startswith("https://")


def test_cover_body_media_and_embeds_are_credited_once_in_reading_order(resource, image, document):
    other = factories.ImageFactory(title="Schéma", licence_id="cc0-1.0", attribution="Atelier")
    resource.cover_image = image
    resource.body = json.dumps(
        [
            {"type": "image", "value": {"image": other.pk, "caption": ""}},
            {"type": "image", "value": {"image": image.pk, "caption": "encore"}},
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {
                "type": "embed",
                "value": {
                    "url": "https://video.example.org/1",
                    "title": "Captation",
                    "licence": "cc-by-4.0",
                    "attribution": "Vidéastes",
                },
            },
        ]
    )
    resource.save()
    credits = credits_for(resource)
    assert [(c.kind, c.title) for c in credits] == [
        ("item", resource.title),
        ("image", image.title),
        ("image", "Schéma"),
        ("document", document.title),
        ("embed", "Captation"),
    ]
    assert credits[2].licence_name == "Creative Commons Zero 1.0 Universel"
    assert credits[3].url.startswith("/documents/")
    assert (credits[4].attribution, credits[4].licence_id, credits[4].url) == (
        "Vidéastes",
        "cc-by-4.0",
        "https://video.example.org/1",
    )


def test_event_photos_are_credited(base_page, theme, image):
    from resources.models import EventPhoto, EventReportPage

    report = factories.EventReportPageFactory(parent=base_page, themes=[theme])
    EventPhoto.objects.create(report=report, image=image, caption="")
    report = EventReportPage.objects.get(pk=report.pk)
    assert ("image", image.title) in [(c.kind, c.title) for c in credits_for(report)]
