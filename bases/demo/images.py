"""Placeholder images for the demo: a coloured card with its title, drawn with Pillow.

Each card is saved as a licensed Wagtail image (licence + attribution), found
again by its title so that a second load updates it instead of adding a copy.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from bases.demo.facts import Illustration

CARD_SIZE = (1200, 675)
FOOTER = "Les Bases · Numérique en Commun[s] · image de substitution"
_FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """A bold TrueType font if the system has one, else Pillow's bundled font."""
    for name in _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _wrap(text: str, font: ImageFont.ImageFont | ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Split ``text`` into lines no wider than ``max_width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [text]


def render_card(title: str, colour: str, size: tuple[int, int] = CARD_SIZE) -> bytes:
    """Draw a PNG card: a flat background, the title in white, a small footer."""
    width, height = size
    background = _hex_to_rgb(colour)
    card = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(card)

    # A lighter band on the left, so the cards read as a family.
    band = tuple(min(255, channel + 40) for channel in background)
    draw.rectangle([0, 0, width // 40, height], fill=band)

    margin = width // 12
    title_font = _font(64)
    lines = _wrap(title, title_font, width - 2 * margin)
    line_height = 80
    top = (height - line_height * len(lines)) // 2 - 20
    for index, line in enumerate(lines):
        draw.text((margin, top + index * line_height), line, font=title_font, fill=(255, 255, 255))

    draw.text((margin, height - 70), FOOTER, font=_font(26), fill=(235, 235, 235))

    buffer = io.BytesIO()
    card.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@dataclass
class ImageResult:
    """What ``ensure_image`` did: the image, whether it is new or changed, any file it wrote."""

    image: object
    created: bool
    changed: bool
    written_file: str | None


def ensure_image(spec: Illustration) -> ImageResult:
    """Create or update the licensed image titled ``spec.title``.

    The file is only (re)drawn when the image is new or its file is missing,
    so repeated loads leave existing media alone.
    """
    image_model = get_image_model()
    image = image_model.objects.filter(title=spec.title).order_by("pk").first()
    created = image is None
    if created:
        image = image_model(title=spec.title)

    wanted = {"description": spec.alt, "licence_id": spec.licence, "attribution": spec.attribution, "source_url": ""}
    changed = any(getattr(image, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(image, name, value)

    written: str | None = None
    if created or not image.file or not image.file.storage.exists(image.file.name):
        data = render_card(spec.title, spec.colour)
        image.file = ImageFile(io.BytesIO(data), name=f"demo-{slugify(spec.title)[:60]}.png")
        image.file_size = len(data)
        image.width, image.height = CARD_SIZE
        image.file_hash = hash_filelike(io.BytesIO(data))
        image.save()
        written = image.file.name
        changed = True
    elif changed:
        image.save()
    return ImageResult(image=image, created=created, changed=changed, written_file=written)
