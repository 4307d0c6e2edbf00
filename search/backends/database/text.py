"""Query text for the database backend: terms, synonym expansion, spelling fixes.

Pure Python: the backend turns a ``TextQuery`` into SQL. A query is an AND of
clauses; a clause is an OR of alternatives (the word itself or its synonyms);
an alternative is an AND of terms (a synonym may have several words:
``NEC`` ≡ ``Numérique en Commun[s]``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from search.french import WORD_RE, analyse_word, terms

Alternative = tuple[str, ...]
Clause = tuple[Alternative, ...]

# Terms that may replace a misspelt one: same first letter, similar length.
SPELLING_LENGTH_SLACK = 2
SPELLING_CUTOFF = 0.75
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class TextQuery:
    text: str
    clauses: tuple[Clause, ...]

    @property
    def all_terms(self) -> frozenset[str]:
        """Every term any clause may match: what highlighting marks."""
        return frozenset(term for clause in self.clauses for alternative in clause for term in alternative)

    @property
    def typed_terms(self) -> list[str]:
        """The terms the user typed (before synonyms), for spelling checks."""
        return list(dict.fromkeys(terms(self.text)))


def synonym_groups(term_lists: Iterable[list[str]]) -> list[tuple[Alternative, ...]]:
    """Analysed synonym groups from ``SearchSynonym.term_list()``s, empty ones dropped."""
    groups = []
    for term_list in term_lists:
        group = tuple(dict.fromkeys(alt for alt in (tuple(terms(t)) for t in term_list) if alt))
        if len(group) > 1:
            groups.append(group)
    return groups


def parse(text: str, groups: list[tuple[Alternative, ...]]) -> TextQuery:
    """Clauses of a query text, expanding the longest synonym phrase at each position."""
    query_terms = terms(text)
    by_first: dict[str, list[tuple[Alternative, tuple[Alternative, ...]]]] = {}
    for group in groups:
        for alternative in group:
            by_first.setdefault(alternative[0], []).append((alternative, group))

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
            clauses.append(((query_terms[i],),))
            i += 1
    return TextQuery(text=text, clauses=tuple(dict.fromkeys(clauses)))


def prefix_range(prefix: str) -> tuple[str, str | None]:
    """Bounds [low, high) holding every ``[a-z0-9]`` term starting with ``prefix``.

    A range rather than LIKE so that both SQLite and PostgreSQL (whatever its
    collation) use the term index; ``None`` means no upper bound ("zz…").
    """
    stripped = prefix.rstrip("z")
    if not stripped:
        return prefix, None
    last = stripped[-1]
    return prefix, stripped[:-1] + _ALPHABET[_ALPHABET.index(last) + 1]


def spelling_candidates_wanted(typed: list[str]) -> dict[str, tuple[int, int]]:
    """First letters to fetch indexed terms for, with the term length range."""
    wanted: dict[str, tuple[int, int]] = {}
    for term in typed:
        low, high = wanted.get(term[0], (len(term), len(term)))
        wanted[term[0]] = (min(low, len(term)) - SPELLING_LENGTH_SLACK, max(high, len(term)) + SPELLING_LENGTH_SLACK)
    return wanted


def corrected(query: TextQuery, vocabulary: set[str]) -> str | None:
    """The query text with unknown terms replaced by the closest indexed ones, or None."""
    fixes: dict[str, str] = {}
    for term in query.typed_terms:
        if term in vocabulary:
            continue
        near = [v for v in vocabulary if v[0] == term[0] and abs(len(v) - len(term)) <= SPELLING_LENGTH_SLACK]
        best = difflib.get_close_matches(term, near, n=1, cutoff=SPELLING_CUTOFF)
        if best:
            fixes[term] = best[0]
    if not fixes:
        return None
    parts, position = [], 0
    for match in WORD_RE.finditer(query.text):
        word_terms = analyse_word(match.group())
        if any(term in fixes for term in word_terms):
            parts.append(query.text[position : match.start()])
            parts.append(" ".join(fixes.get(term, term) for term in word_terms))
            position = match.end()
    parts.append(query.text[position:])
    return "".join(parts)
