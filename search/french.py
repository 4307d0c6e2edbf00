"""French text analysis for the database search backend.

One pipeline for indexing and for querying, so both sides agree on terms:
words → lowercase + accent folding → elision removed (``l'inclusion`` →
``inclusion``) → French stop words dropped → a light stemmer.

The stemmer is deliberately small (plural and feminine endings only), in the
spirit of Elasticsearch's ``french_light_stem`` but simpler: stems stay
readable words (``territoires`` → ``territoire``, ``inclusives`` →
``inclusif``), which lets spelling suggestions show them to people. A term is
always made of ``[a-z0-9]`` only, which the backend relies on for prefix ranges.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# A word of the source text: letters and digits, possibly joined by an
# apostrophe (elision, "aujourd'hui"). Hyphens and other marks split words.
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPLIT_RE = re.compile(r"[^a-z0-9]+")

# Ligatures NFKD does not decompose.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})

ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu"})

# Folded (no accents) so they compare with folded words.
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me
    meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un
    une vos votre vous y etre sont soit ni car donc or si sans sous chez vers entre comme cela ceci
    """.split()
)


def fold(text: str) -> str:
    """Lowercase, accents and ligatures removed: "Œuvre Écologique" → "oeuvre ecologique"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def analyse_word(word: str) -> tuple[str, ...]:
    """The terms one source word (as matched by ``WORD_RE``) yields, usually one or none."""
    folded = fold(word).replace("’", "'")
    head, sep, tail = folded.partition("'")
    if sep and head in ELISIONS:
        folded = tail
    terms = []
    for token in _SPLIT_RE.split(folded):
        if token and (len(token) > 1 or token.isdigit()) and token not in STOP_WORDS:
            terms.append(stem(token))
    return tuple(terms)


def terms(text: str) -> list[str]:
    """Every term of a text, in order, repeats kept."""
    return [term for match in WORD_RE.finditer(text or "") for term in analyse_word(match.group())]


def term_set(text: str) -> set[str]:
    """The distinct terms of a text (indexing: each distinct word analysed once)."""
    return {term for word in set(WORD_RE.findall(text or "")) for term in analyse_word(word)}


def words(text: str) -> Iterator[tuple[re.Match, tuple[str, ...]]]:
    """Each source word with its terms, for highlighting the original text."""
    for match in WORD_RE.finditer(text or ""):
        yield match, analyse_word(match.group())


def folded_words(text: str) -> list[str]:
    """Folded words, stop words kept, no stemming: what a title "starts with"."""
    return [token for token in _SPLIT_RE.split(fold(text).replace("’", "'").replace("'", " ")) if token]


# Feminine endings → masculine, applied after the plural is removed.
_FEMININE = (
    ("trice", "teur"),
    ("enne", "en"),
    ("elle", "el"),
    ("ive", "if"),
    ("ere", "er"),
    ("ale", "al"),
    ("ee", "e"),
)


def stem(token: str) -> str:
    """Light French stem of a folded token: plural then feminine endings.

    plural:   ``-eaux`` → ``-eau``, ``-aux`` → ``-al``, ``-eux/-oux`` → ``-eu/-ou``, ``-s`` dropped (not ``-ss``)
    feminine: ``-trice`` → ``-teur``, ``-enne`` → ``-en``, ``-elle`` → ``-el``, ``-ive`` → ``-if``,
              ``-ere`` → ``-er``, ``-ale`` → ``-al``, ``-ee`` → ``-e``
    Words of three letters or fewer and numbers are left alone. Over-stemming
    (``travaux`` → ``traval``) is harmless as long as both sides agree.
    """
    if len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith("eaux"):
        token = token[:-1]
    elif token.endswith("aux"):
        token = token[:-3] + "al"
    elif token.endswith(("eux", "oux")):
        token = token[:-1]
    elif token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    if len(token) >= 5:
        for ending, replacement in _FEMININE:
            if token.endswith(ending):
                return token[: -len(ending)] + replacement
    return token
