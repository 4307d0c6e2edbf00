"""French text analysis for the database search backend.

One pipeline for indexing and for querying, so both sides agree on terms:
words → lowercase + accent folding → elision removed (``l'inclusion`` →
``inclusion``) → French stop words dropped → Snowball French stemming.

This is the only French analysis of the hub: both backends index and search
the terms it makes (the database in FTS5 or tsvector columns, Elasticsearch in
whitespace-analysed fields, see ``search.analysis``), so they cannot disagree
on what a word is.

The stemmer was chosen by measuring three candidates on the hub's vocabulary
(``scripts/measure_stemmers.py``; figures in the README): Snowball French
conflates the notions visitors expect to find each other (« écologie » and
« écologique », « médiation » and « médiateur », « accessible » and
« accessibilité ») where the light and minimal stemmers only fold plurals and
feminines. It runs on folded words, so « sobriete » and « sobriété » stem alike.
A term is always made of ``[a-z0-9]`` only.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

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


class _CombiningMarks(dict):
    """Code point → None for a combining mark (``str.translate`` drops it), else itself.

    Filled as characters are met: ``translate`` then folds a text in C rather
    than testing each character in Python (titles and every indexed word go through).
    """

    def __missing__(self, code: int) -> int | None:
        value = self[code] = None if unicodedata.combining(chr(code)) else code
        return value


_COMBINING_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Lowercase, accents and ligatures removed: "Œuvre Écologique" → "oeuvre ecologique"."""
    return unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower()).translate(_COMBINING_MARKS)


@lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """Folded tokens of one source word, elision and stop words removed, not stemmed."""
    folded = fold(word).replace("’", "'")
    head, sep, tail = folded.partition("'")
    if sep and head in ELISIONS:
        folded = tail
    return tuple(
        token
        for token in _SPLIT_RE.split(folded)
        if token and (len(token) > 1 or token.isdigit()) and token not in STOP_WORDS
    )


@lru_cache(maxsize=200_000)
def analyse_word(word: str) -> tuple[str, ...]:
    """The terms one source word (as matched by ``WORD_RE``) yields, usually one or none."""
    return tuple(stem(token) for token in word_tokens(word))


def analyse_with(word: str, stemmer: Callable[[str], str]) -> tuple[str, ...]:
    """``analyse_word`` with another stemmer (to compare candidates, not to index)."""
    return tuple(stemmer(token) for token in word_tokens(word))


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


def token_set(text: str) -> set[str]:
    """The distinct folded, unstemmed tokens of a text: the words the vocabulary keeps."""
    return {token for word in set(WORD_RE.findall(text or "")) for token in word_tokens(word)}


def title_key(text: str) -> str:
    """Folded words of a title, space-separated: the title sort and the exact-title match."""
    return " ".join(folded_words(text))


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


def light_stem(token: str) -> str:
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


def minimal_stem(token: str) -> str:
    """Lucene's ``FrenchMinimalStemmer`` on a folded token (plural and final -e/-er only)."""
    if len(token) < 6 or not token.isalpha():
        return token
    if token.endswith("x"):
        return token[:-3] + "al" if token.endswith("aux") else token[:-1]
    for ending in ("s", "r", "e", "e"):  # « é » is folded to « e »
        if token.endswith(ending):
            token = token[:-1]
    if len(token) > 1 and token[-1] == token[-2]:
        token = token[:-1]
    return token


# A Snowball stemmer keeps its word in instance state while it works: one shared by the
# threads of a gunicorn worker (gthread) mixed their words up (IndexError, or a wrong stem
# kept by the cache below). Each thread gets its own.
_stemmers = threading.local()


def _snowball_stem_word(token: str) -> str:
    stemmer = getattr(_stemmers, "french", None)
    if stemmer is None:
        stemmer = _stemmers.french = snowballstemmer.stemmer("french")
    return stemmer.stemWord(token)

# Words Snowball gets wrong in the hub's vocabulary (found by
# scripts/measure_stemmers.py), as Elasticsearch's ``stemmer_override``: « communication » must not join the « communs », and
# « -ieux » plurals (« lieux », « tiers-lieux ») are not stemmed at all.
STEM_OVERRIDES = {
    "communication": "communic",
    "communications": "communic",
    "communiquer": "communiqu",
    "lieux": "lieu",
    "milieux": "milieu",
    "reemplois": "reemploi",
    "travaux": "travail",
}


def snowball_stem(token: str) -> str:
    """Snowball French on a folded token (with ``STEM_OVERRIDES``); numbers are left alone."""
    if not token.isalpha():
        return token
    override = STEM_OVERRIDES.get(token)
    if override is not None:
        return _snowball_cached(override)
    # Feminine agent nouns join their masculine (« médiatrices » → « médiateur »),
    # which Snowball leaves apart.
    for feminine, masculine in (("trices", "teurs"), ("trice", "teur")):
        if token.endswith(feminine) and len(token) > len(feminine) + 2:
            return _snowball_cached(token[: -len(feminine)] + masculine)
    return _snowball_cached(token)


@lru_cache(maxsize=200_000)
def _snowball_cached(token: str) -> str:
    return fold(_snowball_stem_word(token))


STEMMERS: dict[str, Callable[[str], str]] = {
    "light": light_stem,
    "snowball (no overrides)": lambda token: fold(_snowball_stem_word(token)) if token.isalpha() else token,
    "minimal": minimal_stem,
    "snowball": snowball_stem,
}
STEMMER_IN_USE = "snowball"
stem = STEMMERS[STEMMER_IN_USE]
