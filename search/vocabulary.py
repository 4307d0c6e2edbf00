"""The index's vocabulary, shared by both backends, and query texts made ready with it.

One row per folded word (« accessibilite »), whichever backend indexes. A
search reads it in one query to tell typed words the index knows from typos,
and to find the known words a typo may stand for (``search.text``): both
backends therefore correct the same typos the same way.

Words are added as documents are indexed and replaced wholesale by a
rebuild; a word whose last document went away stays until the next rebuild,
which only costs a typo alternative that matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length

from search.french import stem, token_set
from search.synonyms import SearchSynonym
from search.text import Alternative, TextQuery, allowed_edits, closest_words, parse, synonym_groups, typed_tokens

# Longer "words" (hashes, glued URLs) are never typed; not kept.
MAX_WORD_LENGTH = 64
# Words written per INSERT.
BATCH_SIZE = 5_000


class IndexedWord(models.Model):
    """A folded, unstemmed word some indexed document contains."""

    word = models.CharField(max_length=MAX_WORD_LENGTH, primary_key=True)

    class Meta:
        verbose_name = "mot indexé"
        verbose_name_plural = "mots indexés"

    def __str__(self) -> str:
        return self.word


def document_words(texts: Iterable[str]) -> set[str]:
    """The words of a document's texts, as the vocabulary keeps them."""
    return {word for text in texts for word in token_set(text) if len(word) <= MAX_WORD_LENGTH}


def add_words(words: set[str]) -> None:
    """Add words (those already known are left alone)."""
    rows = [IndexedWord(word=word) for word in sorted(words) if len(word) <= MAX_WORD_LENGTH]
    IndexedWord.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)


def replace_words(words: set[str]) -> None:
    """The vocabulary of a rebuilt index: exactly these words."""
    IndexedWord.objects.all().delete()
    add_words(words)


def typo_candidates(tokens: list[str]) -> dict[str, list[str]]:
    """For each typed word the index does not know, the known words it may be a typo of.

    One query: the typed words themselves, and the words sharing a typed
    word's first letter within its length range. A word the index lacks but
    whose stem a known word shares (« écologiques » where only « écologique »
    is written) is no typo: its term already matches.
    """
    wanted = [token for token in tokens if allowed_edits(token)]
    if not wanted:
        return {}
    ranges = [
        Q(word__startswith=token[0], length__gte=len(token) - allowed_edits(token),
          length__lte=len(token) + allowed_edits(token))
        for token in wanted
    ]
    rows = IndexedWord.objects.annotate(length=Length("word")).filter(Q(word__in=wanted) | reduce(or_, ranges))
    known = set(rows.values_list("word", flat=True))
    unknown = [token for token in wanted if token not in known]
    if not unknown:  # the common case: every typed word is in the index (no stemming needed)
        return {}
    known_stems = {stem(word) for word in known}
    return {token: closest_words(token, known) for token in unknown if stem(token) not in known_stems}


def synonyms() -> list[tuple[Alternative, ...]]:
    """The editors' enabled synonym groups, as ``search.text.parse`` takes them (one query)."""
    return synonym_groups(s.term_list() for s in SearchSynonym.objects.filter(enabled=True))


def text_query(text: str, groups: list[tuple[Alternative, ...]] | None = None) -> TextQuery:
    """A query text ready for any backend: synonyms (read unless given) and typo alternatives."""
    groups = synonyms() if groups is None else groups
    return parse(text, groups, typo_candidates(typed_tokens(text)))
