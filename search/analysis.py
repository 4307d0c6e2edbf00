"""Index settings and mapping of the Elasticsearch backend.

The French analysis is not Elasticsearch's: documents and queries are
analysed once, in Python, by ``search.french`` (folding, elision, stop words,
Snowball French with its overrides), exactly as the database backend does.
Elasticsearch receives the resulting terms, space-separated, in ``*_terms``
fields analysed by whitespace only, so both backends index the same terms
and cannot drift apart (the measured disagreement of issue 17 came from two
analysis chains). Synonyms and typos are applied at query time from the
database (``search.vocabulary``), so an editor's synonym applies at once on
both backends, without a rebuild.

Elasticsearch's own analysis remains for one thing: search-as-you-type on
titles (``title.prefix``, edge n-grams of folded words).
"""

from __future__ import annotations

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

# Articles and pronouns elided before a vowel (search-as-you-type only).
FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

# Longest prefix indexed for search-as-you-type; longer words still complete
# once the first 20 characters are typed.
MAX_PREFIX_LENGTH = 20

# Separates a facet value from its label in the ``facet_labels`` keywords,
# a character no slug, id, year or label contains.
LABEL_SEPARATOR = "\x1f"

# The analysed text fields, one per ranking field of ``search.text.FIELD_WEIGHTS``.
TERM_FIELDS = {"title": "title_terms", "summary": "summary_terms", "taxonomy": "taxonomy_terms", "body": "body_terms"}
# Every term of the document, for matching (a clause may match across fields).
ALL_TERMS = "all_terms"

apostrophes = char_filter("fr_apostrophes", "mapping", mappings=["’ => '", "ʼ => '"])
elision = token_filter("fr_elision", "elision", articles=FRENCH_ELISIONS)
prefixes = token_filter("title_prefixes", "edge_ngram", min_gram=1, max_gram=MAX_PREFIX_LENGTH)

# Terms made by search.french: split on spaces, nothing else.
analysed_terms = analyzer("fr_terms", tokenizer="whitespace")

_FOLDING = ["lowercase", elision, "asciifolding"]

# Words as written, only folded: what suggestions type against.
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


def terms_field() -> Text:
    # Matching and constant scores only: no frequencies, positions or norms needed.
    return Text(analyzer=analysed_terms, index_options="docs", norms=False)


def resource_mapping() -> Mapping:
    """Mapping of a resource document (see ``ElasticsearchBackend.to_source``)."""
    mapping = Mapping()
    # Strict: a field sent by mistake fails loudly instead of being guessed.
    mapping.meta("dynamic", "strict")
    mapping.field("id", Integer())
    mapping.field(
        "title",
        Text(analyzer=french_words, fields={"prefix": Text(analyzer=title_prefix, search_analyzer=french_words)}),
    )
    mapping.field("title_sort", Keyword(normalizer=sort_key))
    # search.french.title_key of the title: an exact-title match ranks first.
    mapping.field("title_exact", Keyword())
    for name in (*TERM_FIELDS.values(), ALL_TERMS):
        mapping.field(name, terms_field())
    # Shown and highlighted, never searched directly (the *_terms fields are).
    mapping.field("summary", Text(index=False))
    mapping.field("body_text", Text(index=False))
    mapping.field("taxonomy", Keyword(index=False))
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


def index_definition(name: str) -> Index:
    """A new index: settings, analysis and mapping."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        # One replica as soon as the cluster has a second node.
        auto_expand_replicas="0-1",
        # Same bound as SearchQuery's, so the two refuse the same pages.
        max_result_window=MAX_RESULT_WINDOW,
    )
    index.mapping(resource_mapping())
    return index
