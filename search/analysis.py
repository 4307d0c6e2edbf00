"""Index settings and mapping of the Elasticsearch backend (French analysis).

Analysis chain of the searched text fields, in this order:

1. ``’`` and ``ʼ`` become ``'`` so that typographic apostrophes elide too;
2. standard tokenizer, lowercase, then elision (l', d', qu', jusqu'…) — lowercase
   first so that « L'Écologie » elides whatever the case;
3. ASCII folding, so that « ecologie » finds « Écologie »;
4. the editors' synonyms (``SearchSynonym``), applied at index time: a rule
   is analysed by the filters above, so it matches folded, lowercased words;
   it must come before the stop filter, which would otherwise punch holes in
   multi-word rules (« Numérique en Commun[s] ») and get them rejected;
5. French stop words, then the light French stemmer (« territoires » →
   « territoire »), after folding so that accented and plain forms stem alike.

Synonyms are read when an index is created, so a synonym edited in the admin
takes effect at the next rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable

from elasticsearch.dsl import (
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Object,
    Text,
    analyzer,
    char_filter,
    normalizer,
    token_filter,
)

from search.query import MAX_RESULT_WINDOW, Facet
from search.synonyms import SearchSynonym

# Articles and pronouns elided before a vowel, as in Elasticsearch's own
# ``french`` analyzer.
FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

# Longest prefix indexed for search-as-you-type; longer words still complete
# once the first 20 characters are typed.
MAX_PREFIX_LENGTH = 20

# Separates a facet value from its label in the ``facet_labels`` keywords,
# a character no slug, id, year or label contains.
LABEL_SEPARATOR = "\x1f"

# Text fields and their weight in the query: ``field^boost``.
SEARCH_FIELDS = ["title^4", "summary^2", "taxonomy_text^1.5", "body_text", "event_text"]

apostrophes = char_filter("fr_apostrophes", "mapping", mappings=["’ => '", "ʼ => '"])
elision = token_filter("fr_elision", "elision", articles=FRENCH_ELISIONS)
french_stop = token_filter("fr_stop", "stop", stopwords="_french_")
french_stemmer = token_filter("fr_stemmer", "stemmer", language="light_french")
prefixes = token_filter("title_prefixes", "edge_ngram", min_gram=1, max_gram=MAX_PREFIX_LENGTH)

# Shared head of every analyzer: one token per word, lowercase, elided, folded.
_FOLDING = ["lowercase", elision, "asciifolding"]

# What queries go through: folding, stop words and stemming, no synonyms
# (the documents already carry them, see ``french_index_analyzer``).
french_search = analyzer(
    "fr_search",
    tokenizer="standard",
    char_filter=[apostrophes],
    filter=[*_FOLDING, french_stop, french_stemmer],
)

# Words as written, only folded: the spelling suggester and prefix queries
# work on whole words, not stems.
french_words = analyzer("fr_words", tokenizer="standard", char_filter=[apostrophes], filter=_FOLDING)

# Titles cut into prefixes (« eco », « ecol »…) for search-as-you-type.
title_prefix = analyzer(
    "fr_title_prefix",
    tokenizer="standard",
    char_filter=[apostrophes],
    filter=[*_FOLDING, prefixes],
)

# Sort key for titles: case- and accent-insensitive.
sort_key = normalizer("fr_sort", filter=["lowercase", "asciifolding"])


def synonym_rules() -> list[str]:
    """Enabled synonym groups as Solr rules (``a, b, c``), skipping unusable ones."""
    rules = []
    for synonym in SearchSynonym.objects.filter(enabled=True).order_by("pk"):
        rule = solr_rule(synonym.term_list())
        if rule:
            rules.append(rule)
    return rules


def solr_rule(terms: Iterable[str]) -> str | None:
    """One equivalence rule, or None when it could break the index settings.

    The admin form refuses ``=>`` and ``#``, but rows written by code skip the
    form: one bad rule must not make every rebuild fail.
    """
    cleaned = [" ".join(term.replace("\\", " ").split()) for term in terms]
    cleaned = [term for term in cleaned if term]
    if len(cleaned) < 2 or any("=>" in term or "#" in term for term in cleaned):
        return None
    return ", ".join(cleaned)


def french_index_analyzer(synonyms: list[str]):
    """The analyzer documents are indexed with: the search chain plus synonyms."""
    synonym_filter = token_filter(
        "fr_synonyms",
        "synonym",
        synonyms=synonyms,
        # A rule whose words all vanish in analysis is skipped instead of
        # failing index creation.
        lenient=True,
    )
    # An empty rule list is refused by some clusters: no filter then.
    synonym_filters = [synonym_filter] if synonyms else []
    return analyzer(
        "fr_index",
        tokenizer="standard",
        char_filter=[apostrophes],
        filter=[*_FOLDING, *synonym_filters, french_stop, french_stemmer],
    )


def french_text(index_analyzer, **kwargs) -> Text:
    return Text(analyzer=index_analyzer, search_analyzer=french_search, **kwargs)


def resource_mapping(synonyms: list[str]) -> Mapping:
    """Mapping of a resource document (see ``ElasticsearchBackend.to_source``)."""
    fr_index = french_index_analyzer(synonyms)
    mapping = Mapping()
    # Strict: a field sent by mistake fails loudly instead of being guessed.
    mapping.meta("dynamic", "strict")
    # The spelling field duplicates all the text; it is searched, never shown.
    mapping.meta("_source", {"excludes": ["spell"]})
    mapping.field("id", Integer())
    mapping.field(
        "title",
        french_text(
            fr_index,
            fields={"prefix": Text(analyzer=title_prefix, search_analyzer=french_words)},
        ),
    )
    mapping.field("title_sort", Keyword(normalizer=sort_key))
    for name in ("summary", "body_text", "event_text", "taxonomy_text"):
        mapping.field(name, french_text(fr_index))
    mapping.field("spell", Text(analyzer=french_words, index_options="freqs"))
    mapping.field("url", Keyword(index=False))
    mapping.field("resource_type", Keyword())
    mapping.field("resource_type_label", Keyword(index=False))
    mapping.field("licence", Object(enabled=False))
    mapping.field("base", Object(enabled=False))
    mapping.field("themes", Object(enabled=False))
    mapping.field("tags", Keyword())
    mapping.field("territory", Keyword())
    mapping.field("year", Integer())
    mapping.field("date", Date())
    mapping.field("date_precision", Keyword(index=False))
    mapping.field("first_published_at", Date())
    mapping.field("last_published_at", Date())
    # Facet values to filter on, and ``value<sep>label`` to count with labels.
    mapping.field("facets", Object(properties={facet.value: Keyword() for facet in Facet}))
    mapping.field("facet_labels", Object(properties={facet.value: Keyword() for facet in Facet}))
    return mapping


def index_definition(name: str, synonyms: list[str]) -> Index:
    """A new index: settings, analysis (with these synonyms) and mapping."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        # One replica as soon as the cluster has a second node.
        auto_expand_replicas="0-1",
        # Same bound as SearchQuery's, so the two refuse the same pages.
        max_result_window=MAX_RESULT_WINDOW,
    )
    index.mapping(resource_mapping(synonyms))
    return index
