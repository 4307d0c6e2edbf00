"""Admin POST data for an event report, as the Wagtail editor sends it."""

from __future__ import annotations

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def report_form_data(
    *,
    theme=None,
    image=None,
    formats: list[dict[str, str]] | None = None,
    action: str = "action-submit",
    **overrides: Any,
) -> dict[str, Any]:
    """A complete write-up (one format, one photo when ``image`` is given)."""
    if formats is None:
        formats = [{"format": "workshop", "title": "Atelier", "feedback": "Très suivi.", "participants_count": "25"}]
    fields: dict[str, Any] = {
        "title": "NEC local de Lyon 2023",
        "slug": "nec-local-lyon-2023",
        "summary": "Deux jours de rencontres entre médiateurs et collectivités.",
        "resource_type": "event_report",
        "cover_image": "",
        "body": streamfield([]),
        "event_name": "NEC local de Lyon",
        "start_date": "2023-10-12",
        "end_date": "2023-10-13",
        "date_precision": "day",
        "venue": "",
        "city": "Lyon",
        "territory": "",
        "participants_count": "180",
        "speakers_count": "10",
        "speakers_women_count": "5",
        "speakers_men_count": "5",
        "is_free_and_open": "true",
        "workshops_count": "",
        "stands_count": "",
        "structures_count": "",
        "budget_euros": "",
        "formats": inline_formset(formats),
        "photos": inline_formset([{"image": str(image.pk), "caption": "Accueil"}] if image else []),
        "tags": "",
        "licence": "cc-by-sa-4.0",
        "attribution": "NEC local de Lyon",
        "source_url": "",
        "seo_title": "",
        "search_description": "",
        action: action,
    }
    fields.update(overrides)
    data = nested_form_data(fields)
    data["themes"] = [str(theme.pk)] if theme else []
    return data
