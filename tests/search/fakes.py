"""An in-memory search backend for the indexing tests.

It speaks the ``SearchBackend`` protocol for what the pipeline uses (index,
delete, rebuild, count, ids, ping) and can be switched "down" to raise
``SearchUnavailable`` like an unreachable cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from search.backends.base import ProgressCallback, RebuildReport, SearchUnavailable
from search.documents import ResourceDocument
from search.query import Facet, TermRef


def facets_of(
    *,
    resource_type: str,
    resource_type_label: str,
    licence: TermRef,
    base: TermRef | None,
    themes: list[TermRef],
    principles: list[TermRef],
    collections: list[TermRef],
    territory: str,
    year: int | None,
) -> dict[Facet, list[TermRef]]:
    """A hand-built document's facet terms, from the fields a test names."""
    return {
        Facet.THEME: themes,
        Facet.PRINCIPLE: principles,
        Facet.COLLECTION: collections,
        Facet.RESOURCE_TYPE: [TermRef(resource_type, resource_type_label)],
        Facet.LICENCE: [licence],
        Facet.BASE: [base] if base else [],
        Facet.TERRITORY: [TermRef(territory, territory)] if territory else [],
        Facet.YEAR: [TermRef(str(year), str(year))] if year else [],
    }


class FakeBackend:
    name = "fake"

    def __init__(self) -> None:
        self.documents: dict[int, ResourceDocument] = {}
        self.down = False
        self.generation = 0
        self.calls: list[str] = []
        # Called once in the middle of a rebuild (to make changes meanwhile).
        self.during_rebuild: Callable[[], None] | None = None

    def _check(self, operation: str) -> None:
        self.calls.append(operation)
        if self.down:
            raise SearchUnavailable("fake engine is down")

    def index_documents(self, documents: Iterable[ResourceDocument]) -> int:
        self._check("index")
        written = 0
        for document in documents:
            self.documents[document.id] = document
            written += 1
        return written

    def delete_documents(self, ids: Iterable[int]) -> None:
        self._check("delete")
        for pk in ids:
            self.documents.pop(pk, None)

    def rebuild(self, documents: Iterable[ResourceDocument], total: int, progress: ProgressCallback) -> RebuildReport:
        self._check("rebuild")
        fresh: dict[int, ResourceDocument] = {}
        for document in documents:
            fresh[document.id] = document
            progress(len(fresh), total)
            if self.during_rebuild is not None and len(fresh) * 2 >= total:
                hook, self.during_rebuild = self.during_rebuild, None
                hook()
        self.generation += 1
        previous = f"fake-{self.generation - 1}"
        self.documents = fresh  # the atomic switch
        return RebuildReport(indexed=len(fresh), index_name=f"fake-{self.generation}", dropped=[previous])

    def count(self) -> int:
        self._check("count")
        return len(self.documents)

    def indexed_ids(self) -> set[int]:
        self._check("ids")
        return set(self.documents)

    def ping(self) -> bool:
        return not self.down

    def search(self, query):  # not used by the indexing pipeline
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        raise NotImplementedError
