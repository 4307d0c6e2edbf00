"""Highlighted fragments of a hit, built in Python for both backends alike.

Every field a query can match in says so: the title, the summary, an excerpt
of the body (with the event facts), and each taxonomy label (theme,
principle, collection) and tag that holds a matched word. The source text is
escaped piece by piece and only matched words are wrapped in ``<mark>``, so a
fragment is safe HTML whatever the source contains.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from search.french import words

ELLIPSIS = "…"
SUMMARY_EXCERPT = 300
BODY_EXCERPT = 200


def hit_highlights(
    marks: frozenset[str],
    *,
    title: str,
    summary: str,
    body_text: str,
    taxonomy: Sequence[str],
    tags: Sequence[str],
) -> dict[str, list[str]]:
    """Fragments per field that holds a matched term (fields without one are left out).

    ``taxonomy`` and ``tags`` give one fragment per label or tag that matched.
    """
    fragments = {
        "title": [highlight(title, marks)],
        "summary": [highlight(summary, marks, excerpt=SUMMARY_EXCERPT)],
        "body_text": [highlight(body_text, marks, excerpt=BODY_EXCERPT)],
        "taxonomy": [highlight(label, marks) for label in taxonomy],
        "tags": [highlight(tag, marks) for tag in tags],
    }
    return {name: found for name, parts in fragments.items() if (found := [part for part in parts if part])}


def highlight(text: str, match_terms: frozenset[str], excerpt: int | None = None) -> str | None:
    """``text`` with matched words marked, or None when nothing matches.

    With ``excerpt``, only about that many characters around the first match
    are kept, cut at spaces, with an ellipsis where text was left out; the
    text after the excerpt is not even analysed (bodies can be long).
    """
    first = next((m for m, terms in words(text) if match_terms.intersection(terms)), None)
    if first is None:
        return None
    start, end = 0, len(text)
    if excerpt is not None and len(text) > excerpt:
        before = max(0, (excerpt - len(first.group())) // 3)
        start = _space_after(text, max(0, first.start() - before), first.start())
        end = _space_before(text, min(len(text), start + excerpt), first.end())
    window = text[start:end]
    parts = [ELLIPSIS] if start > 0 else []
    position = 0
    for match, terms in words(window):
        if match_terms.intersection(terms):
            parts.append(escape(window[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(window[position:]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts).strip()


def _space_after(text: str, position: int, limit: int) -> int:
    """Move a cut forward to the next word start, not past ``limit``."""
    if position == 0:
        return 0
    space = text.find(" ", position, limit)
    return space + 1 if space != -1 else position


def _space_before(text: str, position: int, limit: int) -> int:
    """Move a cut back to the previous space, not before ``limit``."""
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", limit, position)
    return space if space != -1 else position
