"""The resource facts indexing reads, as plain rows rather than page instances.

A rebuild reads every resource. Wagtail page instances (deferred ``only()``
models, modelcluster's ``__init__``) and StreamField blocks cost more than the
rest of building a document put together, and indexing needs neither: it
reads a few columns and the text of the body. So resources arrive here as
``ResourceRow``s, and the body's text is read from its raw JSON along the
block definitions, with chosen images' and documents' titles looked up in
bulk (one query per chooser model present).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from typing import Any

from django.db.models import Model, TextField
from django.db.models.functions import Cast
from wagtail import blocks
from wagtail.models import Page

from core.sql import IdIn
from resources.models import ResourcePage

_TAG_RE = re.compile(r"<[^>]+>")
# Blocks whose raw value is text a reader sees (rich text is HTML). A URL, an
# embed, a licence choice or a date is not: it is left out, as it always was.
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock, blocks.RawHTMLBlock, blocks.BlockQuoteBlock)


def strip_html(html: str) -> str:
    """Plain text of a rich-text fragment."""
    return " ".join(unescape(_TAG_RE.sub(" ", html or "")).split())


@dataclass(frozen=True, slots=True)
class ResourceRow:
    """What indexing reads of one resource page (``resource_rows``)."""

    # In the order of the columns read (_PAGE_COLUMNS, then _RESOURCE_COLUMNS after pk).
    pk: int
    title: str
    url_path: str
    path: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    summary: str
    resource_type: str
    licence_id: str
    territory_id: int | None
    date: date | None
    date_precision: str
    body_text: str


# What is read from each of the page's two tables, Wagtail's and the resource's.
_PAGE_COLUMNS = ("pk", "title", "url_path", "path", "first_published_at", "last_published_at")
_RESOURCE_COLUMNS = ("pk", "summary", "resource_type", "licence_id", "territory_id", "date", "date_precision")


def resource_rows(ids: Iterable[int]) -> list[ResourceRow]:
    """The resources among ``ids`` as rows, in id order: two queries, plus one per chooser model in their bodies.

    Each table is read by its primary key on its own: joined, PostgreSQL hashed every
    page of the hub for each chunk (200 ms per 2,000 resources at 100,000). The body
    comes as JSON text: StreamField's own conversion builds a JSONField per row.
    """
    ids = list(ids)
    pages = {
        pk: facts
        for pk, *facts in Page.objects.filter(IdIn("pk", ids)).order_by().values_list(*_PAGE_COLUMNS)
    }
    resources = sorted(
        row
        for row in ResourcePage.objects.filter(IdIn("pk", ids))
        .annotate(body_json=Cast("body", TextField()))
        .order_by()
        .values_list(*_RESOURCE_COLUMNS, "body_json")
        if row[0] in pages  # a page deleted between the two reads is left out
    )
    body_block = ResourcePage._meta.get_field("body").stream_block
    pieces = [body_pieces(body_block, json.loads(body) if body else []) for *_, body in resources]
    titles = chosen_titles(piece for row_pieces in pieces for piece in row_pieces if not isinstance(piece, str))
    return [
        ResourceRow(pk, *pages[pk], *own, body_text=_joined(row_pieces, titles))
        for (pk, *own, _body), row_pieces in zip(resources, pieces, strict=True)
    ]


# A piece of body text: the text itself, or a chosen object (its model, its id) whose title stands for it.
Piece = str | tuple[type[Model], int]


def body_pieces(block: blocks.Block, raw: Any) -> list[Piece]:
    """Every piece of text in raw StreamField data, in order, walked along ``block``'s definition."""
    pieces: list[Piece] = []
    _walk(block, raw, pieces)
    return pieces


def _walk(block: blocks.Block, raw: Any, pieces: list[Piece]) -> None:
    if isinstance(block, blocks.BaseStreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is not None:
                _walk(child_block, child.get("value"), pieces)
    elif isinstance(block, blocks.BaseStructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                if name in raw:
                    _walk(child_block, raw[name], pieces)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            # Items are stored as {"type": "item", "value": …, "id": …}, or bare in old data.
            in_block_format = isinstance(item, dict) and "id" in item and "value" in item
            _walk(block.child_block, item["value"] if in_block_format else item, pieces)
    elif isinstance(block, TEXT_BLOCKS):
        if isinstance(raw, str) and raw:
            rich = isinstance(block, blocks.RichTextBlock) or "<" in raw
            pieces.append(strip_html(raw) if rich else raw)
    elif isinstance(block, blocks.ChooserBlock) and isinstance(raw, int):
        pieces.append((block.model_class, raw))


def chosen_titles(chosen: Iterable[tuple[type[Model], int]]) -> dict[tuple[type[Model], int], str]:
    """Titles of chosen images and documents, one query per model (a deleted one has none)."""
    ids_by_model: dict[type[Model], set[int]] = defaultdict(set)
    for model, pk in chosen:
        ids_by_model[model].add(pk)
    return {
        (model, pk): str(title)
        for model, ids in ids_by_model.items()
        for pk, title in model.objects.filter(pk__in=ids).values_list("pk", "title")
    }


def _joined(pieces: Sequence[Piece], titles: dict[tuple[type[Model], int], str]) -> str:
    texts = (piece if isinstance(piece, str) else titles.get(piece, "") for piece in pieces)
    return " ".join(text for text in texts if text)
