"""Search on Elasticsearch 8, with elasticsearch-dsl.

Documents live in versioned indices (``<alias>-<timestamp>``) behind an alias:
reads and writes go through the alias, and a rebuild loads a fresh index then
swaps the alias in one atomic ``update_aliases`` call, so searches never see a
half-built index. Index settings and French analysis: ``search.analysis``.

Every method turns an unreachable or failing cluster into ``SearchUnavailable``
after short timeouts, so that a dead cluster never holds up a publish: the
indexing outbox keeps the change and retries later.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import islice

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import Q, Search
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from search import analysis, vocabulary
from search.analysis import ALL_TERMS, LABEL_SEPARATOR, TERM_FIELDS
from search.backends.base import ProgressCallback, RebuildReport, SearchUnavailable
from search.documents import ResourceDocument
from search.french import title_key
from search.highlight import hit_highlights
from search.query import Facet, FacetValue, Hit, SearchQuery, SearchResult, Sort, TermRef
from search.text import EXACT_TITLE_BONUS, FIELD_WEIGHTS, Clause, TextQuery, analysed

# Seconds a request may take before the cluster counts as unavailable: short,
# since indexing runs right after a publish.
REQUEST_TIMEOUT = 5
# Rebuild requests move whole chunks of documents: they may take longer.
BULK_TIMEOUT = 60
BULK_CHUNK_SIZE = 500
# Buckets asked for per facet: more than any facet has values today.
FACET_SIZE = 200
# Page size when listing every indexed id.
ID_PAGE_SIZE = 5_000

_INDEX_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class ElasticsearchBackend:
    """``SearchBackend`` on an Elasticsearch cluster, through an index alias."""

    name = "elasticsearch"

    def __init__(self, url: str, alias: str, *, timeout: float = REQUEST_TIMEOUT):
        if not _INDEX_NAME_RE.match(alias):
            raise ValueError(f"Invalid index alias « {alias} »: lowercase letters, digits, '-', '_' or '.'.")
        self.url = url
        self.alias = alias
        # One retry on a refused connection, none on a timeout: a dead cluster
        # costs at most one timeout.
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)

    # Reading

    def search(self, query: SearchQuery) -> SearchResult:
        """Hits with highlights, disjunctive facet counts and a spelling suggestion."""
        text = vocabulary.text_query(query.text) if query.text else None
        raw: dict = {"hits": {"total": {"value": 0}, "hits": []}}
        with _unavailable_on_failure():
            with _missing_alias_ignored():
                raw = self._build_search(query, text).execute().to_dict()
            facets = self._facet_values(query, raw.get("aggregations", {}))
        total = raw["hits"]["total"]["value"]
        hits = [hit_from_source(hit, text) for hit in raw["hits"]["hits"]]
        suggestion = text.suggestion if text is not None else None
        return SearchResult(query=query, total=total, hits=hits, facets=facets, suggestion=suggestion)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles whose words start with the words typed, best matches first."""
        prefix = " ".join(prefix.split())
        if not prefix:
            return []
        search = (
            Search(using=self.client, index=self.alias)
            .query(
                "bool",
                must=[Q("match", **{"title.prefix": {"query": prefix, "operator": "and"}})],
                # Whole words typed so far rank above mere prefixes.
                should=[Q("match", title={"query": prefix, "operator": "and"})],
            )
            .sort("_score", "title_sort", "id")
            .source(["title"])
        )
        hits: list[dict] = []
        with _unavailable_on_failure(), _missing_alias_ignored():
            # Ask for a few more than needed: titles repeat across resources.
            hits = search[: limit * 2].execute().to_dict()["hits"]["hits"]
        titles = dict.fromkeys(hit["_source"]["title"] for hit in hits)
        return list(islice(titles, limit))

    def count(self) -> int:
        """Documents behind the alias (0 before the first index)."""
        with _unavailable_on_failure(), _missing_alias_ignored():
            return self.client.count(index=self.alias)["count"]
        return 0  # nothing indexed yet

    def indexed_ids(self) -> set[int]:
        """Every indexed id, paged with ``search_after`` (no scroll context to clean)."""
        ids: set[int] = set()
        search_after = None
        with _unavailable_on_failure(), _missing_alias_ignored():
            while True:
                page = self.client.search(
                    index=self.alias,
                    size=ID_PAGE_SIZE,
                    sort=[{"id": "asc"}],
                    source=False,
                    search_after=search_after,
                )["hits"]["hits"]
                ids.update(int(hit["_id"]) for hit in page)
                if len(page) < ID_PAGE_SIZE:
                    break
                search_after = page[-1]["sort"]
        return ids

    def ping(self) -> bool:
        """Whether the cluster answers (never raises)."""
        try:
            return bool(self.client.ping())
        except (TransportError, ApiError):
            return False

    # Writing

    def index_documents(self, documents: Iterable[ResourceDocument]) -> int:
        words: set[str] = set()
        actions = [{"_index": self.alias, "_id": str(doc.id), "_source": to_source(doc, words)} for doc in documents]
        if not actions:
            return 0
        with _unavailable_on_failure():
            self._ensure_alias()
            # Refreshed at once: writes come one publish at a time, and the
            # editor expects to find the resource right after publishing it.
            written = self._bulk(actions, refresh=True)
        vocabulary.add_words(words)
        return written

    def delete_documents(self, ids: Iterable[int]) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in ids]
        if not actions:
            return
        with _unavailable_on_failure():
            if not self.client.indices.exists_alias(name=self.alias):
                return  # nothing was ever indexed
            self._bulk(actions, refresh=True, ignore_status=(404,))

    def rebuild(
        self,
        documents: Iterable[ResourceDocument],
        total: int,
        progress: ProgressCallback,
    ) -> RebuildReport:
        """Load a new index, swap the alias to it atomically, drop the old ones."""
        name = self._new_index_name()
        words: set[str] = set()
        with _unavailable_on_failure():
            self._create_index(name, loading=True)
            try:
                indexed = self._load(name, documents, total, progress, words)
                slow = self.client.options(request_timeout=BULK_TIMEOUT)
                # Back to the default refresh interval, and searchable now.
                slow.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
                slow.indices.refresh(index=name)
                # Read last, so an index created meanwhile by a write is dropped too.
                previous = self._alias_indices()
                self._swap_alias(previous, name)
            except BaseException:
                # Leave no orphan index behind; the alias still points to the old one.
                with contextlib.suppress(TransportError, ApiError):
                    self.client.indices.delete(index=name)
                raise
            for old in previous:
                self.client.indices.delete(index=old, ignore_unavailable=True)
        # The vocabulary follows the index now in use.
        vocabulary.replace_words(words)
        return RebuildReport(indexed=indexed, index_name=name, dropped=sorted(previous))

    # Index management

    def _new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def _alias_indices(self) -> list[str]:
        """Indices the alias points to now (none before the first index)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _create_index(self, name: str, *, loading: bool = False, with_alias: bool = False) -> None:
        """Create an index; refresh off while loading."""
        body = analysis.index_definition(name).to_dict()
        if loading:
            body["settings"]["refresh_interval"] = "-1"
        self.client.options(request_timeout=BULK_TIMEOUT).indices.create(
            index=name,
            settings=body["settings"],
            mappings=body["mappings"],
            aliases={self.alias: {}} if with_alias else None,
        )

    def _ensure_alias(self) -> None:
        """Create the first index with the alias when nothing was indexed yet.

        The first index has a fixed name: two workers racing here create one
        index, not two indices under the same alias (which would refuse writes).
        """
        if self.client.indices.exists_alias(name=self.alias):
            return
        name = f"{self.alias}-initial"
        try:
            self._create_index(name, with_alias=True)
        except ApiError as error:
            if error.error != "resource_already_exists_exception":
                raise
            if not self.client.indices.exists_alias(name=self.alias):
                self.client.indices.put_alias(index=name, name=self.alias)

    def _swap_alias(self, previous: list[str], new: str) -> None:
        """Point the alias at ``new`` only, in one atomic call."""
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)

    def _load(
        self, name: str, documents: Iterable[ResourceDocument], total: int, progress: ProgressCallback, words: set[str]
    ) -> int:
        actions = ({"_index": name, "_id": str(doc.id), "_source": to_source(doc, words)} for doc in documents)
        done = 0
        for done, _ in enumerate(self._bulk_items(actions, timeout=BULK_TIMEOUT), start=1):
            if done % BULK_CHUNK_SIZE == 0:
                progress(done, total)
        if done % BULK_CHUNK_SIZE:
            progress(done, total)
        return done

    def _bulk(self, actions: Iterable[dict], **kwargs) -> int:
        return sum(1 for _ in self._bulk_items(actions, **kwargs))

    def _bulk_items(self, actions: Iterable[dict], timeout: float | None = None, **kwargs) -> Iterator[dict]:
        """Send actions in chunks; raise on the first failed item."""
        client = self.client.options(request_timeout=timeout) if timeout else self.client
        try:
            for ok, item in streaming_bulk(client, actions, chunk_size=BULK_CHUNK_SIZE, **kwargs):
                if ok:
                    yield item
        except BulkIndexError as error:
            if all(_is_outage_status(_item_status(item)) for item in error.errors):
                raise SearchUnavailable(f"Elasticsearch refused writes: {error}") from error
            raise

    # Query building

    def _build_search(self, query: SearchQuery, text: TextQuery | None) -> Search:
        search = Search(using=self.client, index=self.alias).extra(track_total_hits=True)
        search = search.query(text_query(text))
        filters = facet_filters(query)
        if filters:
            # Filters narrow the hits only; each facet's counts apply the others.
            search = search.post_filter("bool", filter=list(filters.values()))
        for facet in Facet:
            others = [flt for other, flt in filters.items() if other is not facet]
            search.aggs.bucket(facet.value, "filter", filter=Q("bool", filter=others)).bucket(
                "values", "terms", field=f"facet_labels.{facet.value}", size=FACET_SIZE
            )
        search = search.sort(*SORTS[query.sort]).source(SOURCE_FIELDS)
        # Highlights are made in Python from the source (search.highlight), as on the database.
        return search[query.offset : query.offset + query.page_size]

    def _facet_values(self, query: SearchQuery, aggregations: dict) -> dict[Facet, list[FacetValue]]:
        facets: dict[Facet, list[FacetValue]] = {}
        missing_labels: dict[Facet, list[str]] = {}
        for facet in Facet:
            buckets = aggregations.get(facet.value, {}).get("values", {}).get("buckets", [])
            counted = _merge_buckets(buckets)
            selected = query.selected(facet)
            values = [
                FacetValue(value=value, label=label, count=count, selected=value in selected)
                for value, (label, count) in counted.items()
            ]
            values.sort(key=lambda v: (-v.count, sort_key(v.label), v.value))
            missing = [value for value in selected if value not in counted]
            if missing:
                missing_labels[facet] = missing
            facets[facet] = values
        # Selected values nothing matches any more are still listed, with a
        # count of 0, so that the interface can show and clear them.
        labels = self._labels(missing_labels)
        for facet, values in missing_labels.items():
            facets[facet].extend(
                FacetValue(value=value, label=labels.get((facet, value), value), count=0, selected=True)
                for value in values
            )
        return facets

    def _labels(self, wanted: dict[Facet, list[str]]) -> dict[tuple[Facet, str], str]:
        """Labels of facet values, looked up in the whole index (rarely needed)."""
        if not wanted:
            return {}
        search = Search(using=self.client, index=self.alias).extra(size=0)
        for facet, values in wanted.items():
            search.aggs.bucket(facet.value, "filter", filter=Q("terms", **{f"facets.{facet.value}": values})).bucket(
                "values", "terms", field=f"facet_labels.{facet.value}", size=FACET_SIZE
            )
        aggregations: dict = {}
        with _missing_alias_ignored():
            aggregations = search.execute().to_dict().get("aggregations", {})
        labels = {}
        for facet in wanted:
            buckets = aggregations.get(facet.value, {}).get("values", {}).get("buckets", [])
            for value, (label, _) in _merge_buckets(buckets).items():
                labels[(facet, value)] = label
        return labels


# Sort clauses; the id makes the order total, so pages never overlap.
# Newest and oldest go by the resources' own dates (undated last), then the hub's publication.
_NEWEST = [
    {"date": {"order": "desc", "missing": "_last"}},
    {"first_published_at": {"order": "desc", "missing": "_last"}},
    {"id": "desc"},
]
SORTS: dict[Sort, list] = {
    Sort.RELEVANCE: ["_score", *_NEWEST],
    Sort.NEWEST: _NEWEST,
    Sort.OLDEST: [
        {"date": {"order": "asc", "missing": "_last"}},
        {"first_published_at": {"order": "asc", "missing": "_last"}},
        {"id": "asc"},
    ],
    Sort.TITLE: [{"title_sort": "asc"}, {"id": "asc"}],
}


def text_query(text: TextQuery | None) -> Q:
    """Every clause must match; the score is ``search.text``'s, in constant scores.

    A clause matches when one of its alternatives has all its terms in the
    document (``all_terms``); it scores the weight of the best field holding
    any of its terms (``dis_max`` of constant scores), and an exact title adds
    the bonus: the database backend computes the very same numbers.
    """
    if text is None:
        return Q("match_all")
    if not text.clauses:
        return Q("match_none")
    exact = Q("constant_score", filter=Q("term", title_exact=title_key(text.text)), boost=EXACT_TITLE_BONUS)
    return Q("bool", must=[_clause_query(clause) for clause in text.clauses], should=[exact])


def _clause_query(clause: Clause) -> Q:
    matches = Q(
        "bool",
        should=[Q("bool", filter=[Q("term", **{ALL_TERMS: term}) for term in alternative]) for alternative in clause],
        minimum_should_match=1,
    )
    terms = sorted({term for alternative in clause for term in alternative})
    best_field = Q(
        "dis_max",
        queries=[
            Q("constant_score", filter=Q("terms", **{TERM_FIELDS[name]: terms}), boost=weight)
            for name, weight in FIELD_WEIGHTS
        ],
    )
    return Q("bool", filter=[matches], should=[best_field])


def facet_filters(query: SearchQuery) -> dict[Facet, Q]:
    """One filter per facet with a selection: any of its values (OR)."""
    return {facet: Q("terms", **{f"facets.{facet.value}": list(values)}) for facet, values in query.filters.items()}


# Documents


def to_source(doc: ResourceDocument, words: set[str]) -> dict:
    """The indexed document: analysed terms, facet keywords, and what a ``Hit`` shows.

    The document's folded words are added to ``words`` (the shared vocabulary).
    """
    facet_terms = doc.facet_terms()
    body_text = f"{doc.body_text} {doc.event_text}".strip()
    analysed_fields = {
        TERM_FIELDS["title"]: analysed(doc.title, words),
        TERM_FIELDS["summary"]: analysed(doc.summary, words),
        TERM_FIELDS["taxonomy"]: analysed(doc.taxonomy_text, words),
        TERM_FIELDS["body"]: analysed(body_text, words),
    }
    return {
        "id": doc.id,
        "title": doc.title,
        "title_sort": sort_key(doc.title),
        "title_exact": title_key(doc.title),
        **analysed_fields,
        ALL_TERMS: " ".join(analysed_fields.values()),
        "summary": doc.summary,
        "body_text": body_text,
        "taxonomy": doc.taxonomy_labels,
        "url": doc.url,
        "resource_type": doc.resource_type,
        "resource_type_label": doc.resource_type_label,
        "licence": _term(doc.licence),
        "base": _term(doc.base) if doc.base else None,
        "themes": [_term(theme) for theme in doc.themes],
        "tags": doc.tags,
        "territory": doc.territory,
        "year": doc.year,
        "date": doc.date.isoformat() if doc.date else None,
        "date_precision": doc.date_precision,
        "first_published_at": _isoformat(doc.first_published_at),
        "last_published_at": _isoformat(doc.last_published_at),
        "facets": {facet.value: [term.value for term in terms] for facet, terms in facet_terms.items()},
        "facet_labels": {
            facet.value: [f"{term.value}{LABEL_SEPARATOR}{term.label}" for term in terms]
            for facet, terms in facet_terms.items()
        },
    }


# Fields read back from Elasticsearch: the analysed terms stay there.
SOURCE_FIELDS = [
    "id", "title", "summary", "body_text", "taxonomy", "tags", "url", "resource_type", "licence", "base",
    "themes", "year", "first_published_at", "date", "date_precision",
]


def hit_from_source(hit: dict, text: TextQuery | None = None) -> Hit:
    source = hit["_source"]
    published = source.get("first_published_at")
    highlights = {}
    if text is not None:
        highlights = hit_highlights(
            text.all_terms,
            title=source["title"],
            summary=source.get("summary", ""),
            body_text=source.get("body_text", ""),
            taxonomy=source.get("taxonomy", []),
            tags=source.get("tags", []),
        )
    own_date = source.get("date")
    return Hit(
        id=int(source["id"]),
        title=source["title"],
        summary=source.get("summary", ""),
        url=source.get("url", ""),
        resource_type=source.get("resource_type", ""),
        licence=(source.get("licence") or {}).get("value", ""),
        base=TermRef(**source["base"]) if source.get("base") else None,
        themes=[TermRef(**theme) for theme in source.get("themes", [])],
        year=source.get("year"),
        first_published_at=datetime.fromisoformat(published) if published else None,
        highlights=highlights,
        date=date.fromisoformat(own_date) if own_date else None,
        date_precision=source.get("date_precision") or "day",
        score=hit.get("_score"),
    )


def sort_key(title: str) -> str:
    """Lowercase title without accents, so that « Écologie » sorts with « ecologie »."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _term(term: TermRef) -> dict:
    return {"value": term.value, "label": term.label}


def _isoformat(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# Results


def _merge_buckets(buckets: list[dict]) -> dict[str, tuple[str, int]]:
    """``value<sep>label`` buckets as value → (label, count).

    A value whose label changed while some documents still carry the old one
    comes back as two buckets: they count as one.
    """
    counted: dict[str, tuple[str, int]] = {}
    for bucket in buckets:
        value, _, label = bucket["key"].partition(LABEL_SEPARATOR)
        known_label, count = counted.get(value, (label or value, 0))
        counted[value] = (known_label, count + bucket["doc_count"])
    return counted


# Errors


def _item_status(item: dict) -> int:
    return next(iter(item.values()), {}).get("status", 500)


def _is_outage_status(status: int) -> bool:
    """Statuses that say « try again later » rather than « this request is wrong »."""
    return status == 429 or status >= 500


@contextlib.contextmanager
def _unavailable_on_failure() -> Iterator[None]:
    """Turn connection failures, timeouts and 5xx/429 answers into ``SearchUnavailable``."""
    try:
        yield
    except TransportError as error:  # connection refused, timeout, TLS…
        raise SearchUnavailable(f"Elasticsearch unreachable: {error}") from error
    except ApiError as error:
        if _is_outage_status(error.meta.status):
            raise SearchUnavailable(f"Elasticsearch failed: {error}") from error
        raise


@contextlib.contextmanager
def _missing_alias_ignored() -> Iterator[None]:
    """Reading before anything was indexed: no alias yet, so nothing found."""
    try:
        yield
    except NotFoundError as error:
        if error.error != "index_not_found_exception":
            raise
