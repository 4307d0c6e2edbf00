"""Query text, the same for every backend: terms, synonyms, typos, spelling fixes.

Pure Python: each backend turns a ``TextQuery`` into its engine's query, so
both engines search the very same terms. A query is an AND of clauses; a
clause is an OR of alternatives (the word itself, its synonyms, the known
words it may be a typo of); an alternative is an AND of terms (a synonym may
have several words: ``NEC`` ≡ ``Numérique en Commun[s]``).

The rules, one place for both backends:

- **words**: ``search.french`` analysis (folding, elision, stop words, Snowball);
  every clause must match somewhere in the document (title, summary,
  taxonomy labels and tags, body, event facts); no phrase or proximity rule
  (« données ouvertes » is « données » AND « ouvertes »); hyphens split words;
- **synonyms**: the editors' groups, read at query time (an edit applies at once);
- **typos**: a typed word the index has never seen is replaced by the indexed
  words (``search.vocabulary``) within ``allowed_edits`` of it, sharing its first letter;
- **ranking** (the weights below): an exact title match first, then the sum over
  clauses of the best field a clause matched in (title 8, summary 4,
  taxonomy 2, body 1), then the newest, then the highest id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from search.french import ELISIONS, WORD_RE, analyse_word, fold, stem, terms, word_tokens

Alternative = tuple[str, ...]
Clause = tuple[Alternative, ...]

# Ranking: weights of the fields a clause can match in, and the bonus of a title
# equal to the query. Powers of two and a bonus above any sum of clauses a
# 200-character query can have matter less than both backends using the same.
TITLE, SUMMARY, TAXONOMY, BODY = 8, 4, 2, 1
EXACT_TITLE_BONUS = 1_000
FIELD_WEIGHTS = (("title", TITLE), ("summary", SUMMARY), ("taxonomy", TAXONOMY), ("body", BODY))


def allowed_edits(word: str) -> int:
    """Edits a typo may be away from a known word: none below 5 letters, 1 up to 7, then 2."""
    if len(word) < 5 or not word.isalpha():
        return 0
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True)
class TextQuery:
    text: str
    clauses: tuple[Clause, ...]
    # Typed words (folded) the index does not know → the known word suggested instead.
    corrections: Mapping[str, str] = field(default_factory=dict)

    @property
    def all_terms(self) -> frozenset[str]:
        """Every term any clause may match: what highlighting marks."""
        return frozenset(term for clause in self.clauses for alternative in clause for term in alternative)

    @property
    def typed_terms(self) -> list[str]:
        """The terms the user typed (before synonyms)."""
        return list(dict.fromkeys(terms(self.text)))

    @property
    def suggestion(self) -> str | None:
        """The query with each unknown word replaced by its closest known one, or None."""
        if not self.corrections:
            return None
        parts, position = [], 0
        for match in WORD_RE.finditer(self.text):
            tokens = word_tokens(match.group())
            if any(token in self.corrections for token in tokens):
                parts.append(self.text[position : match.start()])
                parts.append(elided_article(match.group()))
                parts.append(" ".join(self.corrections.get(token, token) for token in tokens))
                position = match.end()
        parts.append(self.text[position:])
        return "".join(parts)


def elided_article(word: str) -> str:
    """The elided article a word starts with, as typed (« L' » of « L'ecolgie »), or ""."""
    head, sep, _ = word.replace("’", "'").partition("'")
    return word[: len(head) + 1] if sep and fold(head) in ELISIONS else ""


def typed_tokens(text: str) -> list[str]:
    """Folded, unstemmed words of a query: what typo correction compares."""
    return list(dict.fromkeys(token for match in WORD_RE.finditer(text) for token in word_tokens(match.group())))


def synonym_groups(term_lists: Iterable[list[str]]) -> list[tuple[Alternative, ...]]:
    """Analysed synonym groups from ``SearchSynonym.term_list()``s, empty ones dropped."""
    groups = []
    for term_list in term_lists:
        group = tuple(dict.fromkeys(alt for alt in (tuple(terms(t)) for t in term_list) if alt))
        if len(group) > 1:
            groups.append(group)
    return groups


def parse(text: str, groups: list[tuple[Alternative, ...]], typos: Mapping[str, list[str]] | None = None) -> TextQuery:
    """Clauses of a query text: synonyms (longest phrase first), then typo alternatives.

    ``typos`` maps an unknown typed word (folded) to the known words it may
    stand for, closest first (``search.vocabulary.typo_candidates``).
    """
    typos = typos or {}
    query_terms = terms(text)
    by_first: dict[str, list[tuple[Alternative, tuple[Alternative, ...]]]] = {}
    for group in groups:
        for alternative in group:
            by_first.setdefault(alternative[0], []).append((alternative, group))
    # Each typed word's stem → the stems of the words it may be a typo of.
    typo_terms: dict[str, list[str]] = {}
    for token, candidates in typos.items():
        typo_terms.setdefault(stem(token), []).extend(stem(candidate) for candidate in candidates)

    clauses: list[Clause] = []
    i = 0
    while i < len(query_terms):
        matches = [
            (alternative, group)
            for alternative, group in by_first.get(query_terms[i], [])
            if tuple(query_terms[i : i + len(alternative)]) == alternative
        ]
        if matches:
            longest = max(len(alternative) for alternative, _ in matches)
            alternatives = [alt for a, group in matches if len(a) == longest for alt in group]
            clauses.append(tuple(dict.fromkeys(alternatives)))
            i += longest
        else:
            term = query_terms[i]
            alternatives = [(term,)] + [(fixed,) for fixed in typo_terms.get(term, [])]
            clauses.append(tuple(dict.fromkeys(alternatives)))
            i += 1
    corrections = {token: candidates[0] for token, candidates in typos.items() if candidates}
    return TextQuery(text=text, clauses=tuple(dict.fromkeys(clauses)), corrections=corrections)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap counts one), or ``limit + 1`` when over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def closest_words(token: str, vocabulary: Iterable[str]) -> list[str]:
    """Known words within ``allowed_edits(token)`` of ``token``, closest first, then alphabetical."""
    limit = allowed_edits(token)
    if not limit:
        return []
    scored = []
    for word in vocabulary:
        if word != token and word[:1] == token[:1]:
            distance = edit_distance(token, word, limit)
            if distance <= limit:
                scored.append((distance, word))
    return [word for _, word in sorted(scored)]


# Indexing caches, by whitespace-separated chunk of source text (« numérique, »): its
# terms, space-joined, and its folded tokens. A word (``WORD_RE``) never spans
# whitespace, so a text's terms are its chunks' terms in order, and texts repeat
# chunks so much that a rebuild analyses each distinct one once. Bounded, so a
# long-lived process stays small.
MAX_CACHED_CHUNKS = 300_000


@lru_cache(maxsize=MAX_CACHED_CHUNKS)
def _chunk_terms(chunk: str) -> str:
    return " ".join(term for word in WORD_RE.findall(chunk) for term in analyse_word(word))


@lru_cache(maxsize=MAX_CACHED_CHUNKS)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    return tuple(token for word in WORD_RE.findall(chunk) for token in word_tokens(word))


def analysed(text: str, words: set[str]) -> str:
    """A field's distinct terms, space-padded, as both engines index them; adds its folded words to ``words``.

    Each term once, in order of first use: matching and scoring only ask
    whether a field holds a term (``fulltext.py``), and a body's repeats made
    half the text the engines parsed. The hot loop of indexing: each distinct
    chunk is analysed once (the caches above) and the rest runs in C.
    """
    chunks = dict.fromkeys((text or "").split())
    words.update(*map(_chunk_tokens, chunks))
    return f" {' '.join(dict.fromkeys(' '.join(map(_chunk_terms, chunks)).split()))} "
