"""The contract every search backend implements (Elasticsearch, database)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from search.documents import ResourceDocument
from search.query import SearchQuery, SearchResult

# Called as progress(done, total) while a rebuild loads documents.
ProgressCallback = Callable[[int, int], None]


class SearchUnavailable(RuntimeError):
    """The search engine cannot be reached; indexing will be retried later."""


@dataclass
class RebuildReport:
    indexed: int
    index_name: str
    dropped: list[str]


class SearchBackend(Protocol):
    """What the API, the indexing pipeline and the command need from a backend."""

    name: str

    def search(self, query: SearchQuery) -> SearchResult:
        """Run a query: hits with highlights, disjunctive facet counts, suggestion."""

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles completing what the user is typing (search-as-you-type)."""

    def index_documents(self, documents: Iterable[ResourceDocument]) -> int:
        """Add or replace documents; returns how many were written."""

    def delete_documents(self, ids: Iterable[int]) -> None:
        """Remove documents (missing ids are ignored)."""

    def rebuild(self, documents: Iterable[ResourceDocument], total: int, progress: ProgressCallback) -> RebuildReport:
        """Build a fresh index from documents and switch to it atomically."""

    def count(self) -> int:
        """How many documents the live index holds."""

    def indexed_ids(self) -> set[int]:
        """Ids of every document in the live index (for status and tests)."""

    def ping(self) -> bool:
        """Whether the engine answers right now."""
