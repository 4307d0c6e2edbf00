"""Query text as the statistics keep it: one form per query, no personal data."""

from __future__ import annotations

import re
import unicodedata

# Things a visitor may paste that identify someone: e-mail addresses and long
# digit runs (phone, social security or card numbers). Kept as a placeholder.
EMAIL = re.compile(r"\S+@\S+")
DIGITS = re.compile(r"(?:\d[\s.\-]?){6,}")
MASK = "[masqué]"


def normalise_query(text: str) -> str:
    """Lower case, accents folded, typographic apostrophes straightened, spaces collapsed,
    e-mail addresses and long numbers masked: « L’Écologie  »  → « l'ecologie »."""
    text = EMAIL.sub(MASK, text or "")
    text = DIGITS.sub(MASK + " ", text)
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.lower().split())[:200]
