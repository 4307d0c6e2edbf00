"""Highlighted fragments for the database backend, built in Python.

The source text is escaped piece by piece and only matched words are wrapped
in ``<mark>``, so the fragment is safe HTML whatever the source contains.
"""

from __future__ import annotations

from html import escape

from search.french import words

ELLIPSIS = "…"


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
