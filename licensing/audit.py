"""The licence audit: every item without a valid open licence or attribution, and
every unacknowledged licence conflict of a published resource.

Shared by ``manage.py licence_audit`` (a deployment gate) and the admin report
« Audit des licences ».
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass

from django.db.models import Q
from wagtail.fields import StreamField
from wagtail.models import Page

from licensing.acknowledgements import unacknowledged_conflicts
from licensing.conflicts import licence_conflicts
from licensing.models import Licence, licensed_models

KIND_LABELS = {
    "page": "page",
    "image": "image",
    "document": "document",
    "embed": "média externe",
    "conflict": "conflit de licence",
}


@dataclass(frozen=True)
class Finding:
    """One problem the audit found on one item."""

    kind: str  # "page", "image", "document", "embed" or "conflict"
    item_id: int
    title: str
    problem: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict:
        return asdict(self)


def audit() -> list[Finding]:
    """Every finding, items first (by model), then embeds, then conflicts."""
    licences = {licence.pk: licence for licence in Licence.objects.all()}
    return [*_item_findings(), *_embed_findings(licences), *_conflict_findings(licences)]


def _kind(model) -> str:
    return "page" if issubclass(model, Page) else model._meta.model_name.removeprefix("licensed")


def _item_findings() -> Iterator[Finding]:
    """Pages, images and documents: a licence missing or not open, a blank attribution.

    The database already refuses most of these; the audit also catches blank-looking
    attributions (spaces only) and data loaded around the model rules.
    """
    suspicious = Q(licence__isnull=True) | Q(licence__is_open=False) | Q(attribution__regex=r"^\s*$")
    for model in licensed_models():
        rows = model._default_manager.filter(suspicious).order_by("pk")
        for pk, title, licence_id, attribution, is_open in rows.values_list(
            "pk", "title", "licence_id", "attribution", "licence__is_open"
        ):
            yield from _licence_problems(_kind(model), pk, title, licence_id, attribution, bool(is_open))


def _licence_problems(kind, pk, title, licence_id, attribution, is_open) -> Iterator[Finding]:
    if not licence_id:
        yield Finding(kind, pk, title, "aucune licence")
    elif not is_open:
        yield Finding(kind, pk, title, f"licence « {licence_id} » non ouverte ou inconnue du registre")
    if not (attribution or "").strip():
        yield Finding(kind, pk, title, "attribution manquante (auteur ou organisation)")


def _embed_findings(licences: Mapping) -> Iterator[Finding]:
    """External media inside StreamFields (their licence lives in the block's JSON):
    resource bodies, podcast episodes — any licensed page's blocks."""
    for model in licensed_models():
        stream_fields = [f.name for f in model._meta.get_fields() if isinstance(f, StreamField)]
        if not stream_fields or not issubclass(model, Page):
            continue
        pages = model._default_manager.only("pk", "title", *stream_fields).order_by("pk")
        for page in pages.iterator(chunk_size=200):
            for name in stream_fields:
                yield from _stream_findings(page, getattr(page, name).raw_data, licences)


def _stream_findings(page, raw_data, licences: Mapping) -> Iterator[Finding]:
    for value in _embed_values(raw_data):
        licence = licences.get(value.get("licence"))
        title = f"{page.title} › {value.get('title') or value.get('url') or 'média externe'}"
        yield from _licence_problems(
            "embed", page.pk, title, value.get("licence"), value.get("attribution"), bool(licence and licence.is_open)
        )


def _embed_values(data) -> Iterator[dict]:
    """Every block value holding a licence and an attribution, at any depth."""
    if isinstance(data, Mapping):
        value = data.get("value")
        if isinstance(value, Mapping) and "licence" in value:
            yield value
        elif value is not None:
            yield from _embed_values(value)
    elif not isinstance(data, (str, bytes, int, float, bool)) and data is not None:
        for child in data:  # a list of blocks (the StreamField's raw data view included)
            yield from _embed_values(child)


def _conflict_findings(licences: Mapping) -> Iterator[Finding]:
    """Published pages whose contained works do not allow their licence, unacknowledged
    (the page types whose publication checks it: ``LicensedMixin.checks_licence_conflicts``)."""
    for model in licensed_models():
        if not (issubclass(model, Page) and model.checks_licence_conflicts):
            continue
        for page in model._default_manager.live().specific().order_by("pk").iterator(chunk_size=100):
            report = unacknowledged_conflicts(page, licence_conflicts(page, licences=licences))
            if report:
                yield Finding("conflict", page.pk, page.title, report.message())
