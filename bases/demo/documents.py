"""Placeholder documents for the demo collections: small generated PDFs (la revue NEC)
and short silent audio files (the podcast), each a licensed Wagtail document.

Like the placeholder images, each is found again by its title so that a
second load leaves it alone instead of adding a copy.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

PDF_NOTICE = "Document de substitution généré pour la démonstration de Les Bases."


def _pdf_text(text: str) -> str:
    """A PDF string literal in WinAnsi (Latin-1): unknown characters become « ? »."""
    encoded = text.replace("’", "'").encode("latin-1", "replace").decode("latin-1")
    return "(" + encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def render_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF showing ``lines`` in Helvetica (a few hundred bytes)."""
    commands = ["BT", "/F1 20 Tf", "72 760 Td", "26 TL"]
    for line in lines:
        commands += [f"{_pdf_text(line)} Tj", "T*"]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def render_silence(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A mono 8-bit WAV of silence: a stand-in for an episode's audio."""
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(1)
        audio.setframerate(rate)
        audio.writeframes(b"\x80" * int(seconds * rate))
    return out.getvalue()


@dataclass(frozen=True, kw_only=True)
class DemoDocument:
    title: str
    filename: str
    licence: str
    attribution: str


@dataclass
class DocumentResult:
    document: object
    written_file: str | None


def ensure_document(spec: DemoDocument, render) -> DocumentResult:
    """Create the licensed document titled ``spec.title`` (drawn by ``render()``) or update its licence.

    The file is only written when the document is new or its file is missing.
    """
    model = get_document_model()
    document = model.objects.filter(title=spec.title).order_by("pk").first() or model(title=spec.title)
    wanted = {"licence_id": spec.licence, "attribution": spec.attribution, "source_url": ""}
    changed = document.pk is None or any(getattr(document, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(document, name, value)
    new_file = document.pk is None or not document.file or not document.file.storage.exists(document.file.name)
    if new_file:
        data = render()
        document.file = ContentFile(data, name=spec.filename)
        document.file_size = len(data)
        document.file_hash = hash_filelike(io.BytesIO(data))
    if changed or new_file:
        document.full_clean(exclude=["file_hash", "file_size"])
        document.save()
    return DocumentResult(document, document.file.name if new_file else None)
