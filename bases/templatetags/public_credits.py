"""Credits to show and to copy, built on ``licensing.credits.credits_for``.

``credits_for`` gives one ``Credit`` per work; the text to copy is written here
(one line per work) until the licensing app offers its own text variant.
"""

from __future__ import annotations

from django import template

from licensing.credits import Credit, credits_for

register = template.Library()

KIND_LABELS = {"item": "", "image": "Image", "document": "Document", "embed": "Média"}


def credit_line(credit: Credit) -> str:
    """One work's credit as plain text: « Titre », auteur, licence (adresse)[, source]."""
    prefix = f"{KIND_LABELS.get(credit.kind, '')} ".lstrip()
    licence = credit.licence_name or credit.licence_id
    if credit.licence_url:
        licence = f"{licence} ({credit.licence_url})"
    parts = [f"{prefix}« {credit.title} »", credit.attribution, licence]
    if credit.source_url:
        parts.append(f"adapté de {credit.source_url}")
    return " — ".join(part for part in parts if part)


def credits_text(credits: list[Credit], url: str = "") -> str:
    """All the credits as plain text, the item's address after its own line."""
    lines = [credit_line(credit) for credit in credits]
    if lines and url:
        lines[0] = f"{lines[0]} — {url}"
    return "\n".join(lines)


@register.inclusion_tag("bases/includes/credits.html", takes_context=True)
def credits_panel(context, page) -> dict:
    """The list of credits and the same as text, with a button to copy it."""
    credits = credits_for(page)
    request = context.get("request")
    url = page.get_full_url(request) if page.pk and page.live else ""
    return {"credits": credits, "text": credits_text(credits, url or "")}
