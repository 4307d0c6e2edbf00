"""Credits of an item: its own licence and author, then those of every licensed
image, document and external media it uses (cover, body blocks, photos).

A small first version: one line per distinct work, in the order a reader meets
them, with the licence's id, name and address.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField

from licensing.models import Licence, LicensedDocument, LicensedImage, LicensedMixin


@dataclass(frozen=True)
class Credit:
    """Who to credit for one work, and under which licence."""

    kind: str  # "item", "image", "document" or "embed"
    title: str
    attribution: str
    licence_id: str
    licence_name: str
    licence_url: str
    source_url: str = ""
    url: str = ""


@dataclass(frozen=True)
class _Work:
    kind: str
    key: object
    title: str
    attribution: str
    licence_id: str
    source_url: str = ""
    url: str = ""


def credits_for(item: LicensedMixin) -> list[Credit]:
    """The item's credit, then one per distinct licensed work it uses.

    Queries: the licences (one), plus whatever loading the item's media takes
    (a foreign key, a child relation, the StreamField's chosen images).
    """
    seen: set[tuple[str, object]] = set()
    ordered: list[_Work] = []
    for work in _works(item):
        if (work.kind, work.key) not in seen:
            seen.add((work.kind, work.key))
            ordered.append(work)
    licences = Licence.objects.in_bulk({w.licence_id for w in ordered if w.licence_id})
    return [_credit(work, licences.get(work.licence_id)) for work in ordered]


def _credit(work: _Work, licence: Licence | None) -> Credit:
    return Credit(
        kind=work.kind,
        title=work.title,
        attribution=work.attribution,
        licence_id=work.licence_id or "",
        licence_name=licence.name if licence else "",
        licence_url=licence.url if licence else "",
        source_url=work.source_url,
        url=work.url,
    )


def _works(item: LicensedMixin) -> Iterator[_Work]:
    yield _Work("item", item.pk, str(item), item.attribution, item.licence_id, item.source_url)
    for field in item._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and _is_licensed_model(field.related_model):
            yield from _media_works(getattr(item, field.name))
        elif isinstance(field, StreamField):
            yield from _stream_works(getattr(item, field.name))
    for relation in get_all_child_relations(item):
        child_fields = [
            f.name
            for f in relation.related_model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and _is_licensed_model(f.related_model)
        ]
        if child_fields:
            for child in getattr(item, relation.get_accessor_name()).all():
                for name in child_fields:
                    yield from _media_works(getattr(child, name))


def _is_licensed_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, LicensedMixin)


def _media_works(media) -> Iterator[_Work]:
    if isinstance(media, LicensedImage):
        yield _Work("image", media.pk, media.title, media.attribution, media.licence_id, media.source_url)
    elif isinstance(media, LicensedDocument):
        yield _Work(
            "document", media.pk, media.title, media.attribution, media.licence_id, media.source_url, media.url
        )


def _stream_works(value) -> Iterator[_Work]:
    """Licensed media and licensed embeds anywhere in a StreamField value."""
    if isinstance(value, LicensedMixin):
        yield from _media_works(value)
    elif isinstance(value, Mapping):
        if "licence" in value and "attribution" in value:
            url = getattr(value.get("url"), "url", value.get("url")) or ""
            yield _Work(
                "embed", url, value.get("title") or url, value.get("attribution") or "", value.get("licence"), url=url
            )
        else:
            for child in value.values():
                yield from _stream_works(child)
    elif isinstance(value, (StreamValue, ListValue, list, tuple)):
        for child in value:
            yield from _stream_works(getattr(child, "value", child))

