"""The one query model and result model every search backend speaks.

A ``SearchQuery`` is validated on creation: anything out of bounds raises
``SearchQueryError`` naming the parameter, which the API turns into a 4xx.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from resources.dates import date_label

MAX_TEXT_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Deepest result reachable by paging (page × page_size), as Elasticsearch's
# index.max_result_window; both backends refuse beyond it.
MAX_RESULT_WINDOW = 10_000
MAX_VALUES_PER_FACET = 50


class Facet(str, enum.Enum):
    """The facets a search can filter and count on (the API parameter names)."""

    THEME = "theme"
    PRINCIPLE = "principle"
    COLLECTION = "collection"
    RESOURCE_TYPE = "type"
    LICENCE = "licence"
    BASE = "base"
    TERRITORY = "territory"
    YEAR = "year"


class Sort(str, enum.Enum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    TITLE = "title"


class SearchQueryError(ValueError):
    """A search parameter is invalid; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


@dataclass(frozen=True)
class SearchQuery:
    """Text, filters per facet (OR inside a facet, AND across), sort and page."""

    text: str = ""
    filters: Mapping[Facet, tuple[str, ...]] = field(default_factory=dict)
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        text = " ".join((self.text or "").split())
        if len(text) > MAX_TEXT_LENGTH:
            raise SearchQueryError("q", f"at most {MAX_TEXT_LENGTH} characters (got {len(text)}).")
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "filters", self._clean_filters(self.filters))
        try:
            object.__setattr__(self, "sort", Sort(self.sort))
        except ValueError:
            allowed = ", ".join(s.value for s in Sort)
            raise SearchQueryError("sort", f"unknown sort « {self.sort} »; use one of {allowed}.") from None
        if not isinstance(self.page, int) or self.page < 1:
            raise SearchQueryError("page", "must be a whole number from 1.")
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise SearchQueryError("page_size", f"must be between 1 and {MAX_PAGE_SIZE}.")
        if self.page * self.page_size > MAX_RESULT_WINDOW:
            raise SearchQueryError(
                "page",
                f"page {self.page} × page_size {self.page_size} goes past the result window of "
                f"{MAX_RESULT_WINDOW} results; refine the query instead.",
            )

    @staticmethod
    def _clean_filters(filters: Mapping) -> dict[Facet, tuple[str, ...]]:
        cleaned: dict[Facet, tuple[str, ...]] = {}
        for name, values in (filters or {}).items():
            try:
                facet = Facet(name)
            except ValueError:
                raise SearchQueryError(str(name), "unknown facet.") from None
            values = tuple(dict.fromkeys(str(v).strip() for v in _as_iterable(values) if str(v).strip()))
            if len(values) > MAX_VALUES_PER_FACET:
                raise SearchQueryError(facet.value, f"at most {MAX_VALUES_PER_FACET} values.")
            if facet is Facet.YEAR and any(not v.isdigit() for v in values):
                raise SearchQueryError(facet.value, "years are whole numbers such as 2023.")
            if values:
                cleaned[facet] = values
        return cleaned

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def selected(self, facet: Facet) -> tuple[str, ...]:
        return self.filters.get(facet, ())


def _as_iterable(values) -> Iterable:
    return [values] if isinstance(values, (str, int)) else values


@dataclass(frozen=True)
class TermRef:
    """A taxonomy term or container a resource points to (slug + label)."""

    value: str
    label: str


@dataclass
class Hit:
    """One result: what a result card needs, plus highlighted fragments."""

    id: int
    title: str
    summary: str
    url: str
    resource_type: str
    licence: str
    base: TermRef | None
    themes: list[TermRef]
    year: int | None
    first_published_at: datetime | None
    # The resource's own date and its precision ("day", "month", "year"): what cards show.
    date: date | None = None
    date_precision: str = "day"
    highlights: dict[str, list[str]] = field(default_factory=dict)
    score: float | None = None

    @property
    def date_label(self) -> str:
        """The resource's own date at its precision, as cards show it."""
        return date_label(self.date, self.date_precision)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[Facet, list[FacetValue]]
    suggestion: str | None = None
    # True when the backend keeps this result (these very hits and facets) to serve it
    # again while the index is unchanged: what is rendered from it may be kept as long.
    cached: bool = False
