"""Credits of an item: its own licence and author, then those of every licensed
image, document and external media it uses (cover, body blocks, photos).

One line per distinct work, in the order a reader meets them, with the licence's
id, name and address; ``credits_text`` and ``credits_html`` give the attribution
a reuser must copy. Computed when read, so they follow any change to a work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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
    return _credits(_works(item))


def cached_credits(item: LicensedMixin) -> list[Credit]:
    """``credits_for`` computed once per loaded item (an API response reads it three times)."""
    if getattr(item, "_credits_cache", None) is None:
        item._credits_cache = credits_for(item)
    return item._credits_cache


def _credits(works: Iterable[_Work]) -> list[Credit]:
    ordered = _distinct(works)
    licences = Licence.objects.in_bulk({w.licence_id for w in ordered if w.licence_id})
    return [_credit(work, licences.get(work.licence_id)) for work in ordered]


def _distinct(works: Iterable[_Work]) -> list[_Work]:
    """Each work once, where the reader first meets it."""
    seen: set[tuple[str, object]] = set()
    ordered: list[_Work] = []
    for work in works:
        if (work.kind, work.key) not in seen:
            seen.add((work.kind, work.key))
            ordered.append(work)
    return ordered


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
    yield _item_work(item)
    for value in _contained_values(item):
        yield from _stream_works(value)


def _item_work(item) -> _Work:
    return _Work("item", item.pk, str(item), item.attribution, item.licence_id, item.source_url)


def _contained_values(item: LicensedMixin) -> Iterator[object]:
    """The media and StreamField values an item holds: foreign keys, body, child rows."""
    for field in item._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and _is_licensed_model(field.related_model):
            yield getattr(item, field.name)
        elif isinstance(field, StreamField):
            yield getattr(item, field.name)
    for relation in get_all_child_relations(item):
        child_fields = [
            f.name
            for f in relation.related_model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and _is_licensed_model(f.related_model)
        ]
        if child_fields:
            children = getattr(item, relation.get_accessor_name()).all()
            if isinstance(children, models.QuerySet):
                # Saved rows: load each child's media with it, not one query per child.
                children = children.select_related(*child_fields)
            for child in children:
                for name in child_fields:
                    yield getattr(child, name)


def credits_for_values(item: LicensedMixin, values: Iterable[object]) -> list[Credit]:
    """Credits of ``item`` as if it held ``values`` (media, StreamField values, embeds).

    For a form that has not written its values to the item yet.
    """
    return _credits([_item_work(item), *(work for value in values for work in _stream_works(value))])


def credits_in_bulk(items: Sequence[tuple[LicensedMixin, Iterable[object]]]) -> list[list[Credit]]:
    """``credits_for_values`` for many (item, values) pairs, with one query for all their licences.

    For lists (feeds, catalogues, harvests) whose media the caller has loaded in bulk.
    """
    works = [_distinct([_item_work(item), *(w for value in values for w in _stream_works(value))]) for item, values in items]
    licences = Licence.objects.in_bulk({w.licence_id for ordered in works for w in ordered if w.licence_id})
    return [[_credit(work, licences.get(work.licence_id)) for work in ordered] for ordered in works]


def _is_licensed_model(model) -> bool:
    # Media only: a page's parent link (EventReportPage → ResourcePage) is no work it uses.
    return isinstance(model, type) and issubclass(model, (LicensedImage, LicensedDocument))


def _media_works(media) -> Iterator[_Work]:
    if isinstance(media, LicensedImage):
        yield _Work("image", media.pk, media.title, media.attribution, media.licence_id, media.source_url)
    elif isinstance(media, LicensedDocument):
        yield _Work(
            "document", media.pk, media.title, media.attribution, media.licence_id, media.source_url, media.url
        )


def _stream_works(value) -> Iterator[_Work]:
    """Licensed media and licensed embeds anywhere in a StreamField value."""
    if value is None:
        return
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



def credits_text(credits: list[Credit]) -> str:
    """The credits as plain text, one line per work, ready to paste under a reuse."""
    return "\n".join(_credit_line(credit) for credit in credits)


def _credit_line(credit: Credit) -> str:
    parts = [f"« {credit.title} »"]
    if credit.attribution:
        parts.append(credit.attribution)
    if credit.licence_name:
        parts.append(f"{credit.licence_name} ({credit.licence_url})" if credit.licence_url else credit.licence_name)
    if credit.source_url:
        parts.append(f"d'après {credit.source_url}")
    return " — ".join(parts)


def credits_html(credits: list[Credit]) -> SafeString:
    """The credits as an HTML list (every value escaped), with ``rel="license"`` links."""
    if not credits:
        return SafeString("")
    return format_html('<ul class="credits">{}</ul>', format_html_join("", "<li>{}</li>", ((_credit_html(c),) for c in credits)))


def _credit_html(credit: Credit) -> SafeString:
    parts = [format_html("« {} »", credit.title)]
    if credit.attribution:
        parts.append(format_html("{}", credit.attribution))
    if credit.licence_url:
        parts.append(format_html('<a rel="license" href="{}">{}</a>', credit.licence_url, credit.licence_name))
    elif credit.licence_name:
        parts.append(format_html("{}", credit.licence_name))
    if credit.source_url:
        parts.append(format_html('d\'après <a href="{}">{}</a>', credit.source_url, credit.source_url))
    return SafeString(" — ".join(parts))
