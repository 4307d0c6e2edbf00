"""Image sizes for headless clients, chosen server-side (renditions in the API)."""

from __future__ import annotations

from wagtail.images.models import SourceImageIOError

# Name in the API → Wagtail filter spec.
RENDITIONS: dict[str, str] = {
    "card": "fill-800x450",  # result cards and covers in lists (16:9)
    "large": "width-1600",  # full-width in a page (never upscaled)
}


def image_data(image) -> dict | None:
    """An image's credit and its renditions; a missing source file leaves them out."""
    if image is None:
        return None
    try:
        found = image.get_renditions(*RENDITIONS.values())
    except (SourceImageIOError, FileNotFoundError):
        found = {}
    renditions = {
        name: {"url": r.url, "full_url": r.full_url, "width": r.width, "height": r.height}
        for name, spec in RENDITIONS.items()
        if (r := found.get(spec)) is not None
    }
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "attribution": image.attribution,
        "licence": image.licence_id,
        "source_url": image.source_url,
        "renditions": renditions,
    }
