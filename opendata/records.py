"""The resources every open door publishes, loaded in bulk with what they carry.

``public_resources`` is the one queryset of the app (the visibility rule);
``load_records`` turns a page of it into ``Record``s with their visible themes
and principles, tags, base, licence, media and credits in a fixed number of
queries whatever the number of resources: the body StreamFields are converted
together (one query per chooser type), event photos in one query, the licences
of every credit in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page

from core.visibility import visible
from licensing.credits import Credit, credits_html, credits_in_bulk, credits_text
from licensing.models import LicensedDocument, LicensedImage
from licensing.register import Licence
from resources.bases import base_path, bases_by_path
from resources.models import EventPhoto, ResourcePage, ResourcePageTag, ResourceType
from taxonomy.models import PrinciplePage, ThemePage

TYPE_LABELS = dict(ResourceType.choices)


@dataclass
class Record:
    """A public resource with everything the open doors write about it."""

    page: ResourcePage
    url: str
    themes: list[ThemePage]
    principles: list[PrinciplePage]
    tags: list[str]
    base: Page | None
    licence: Licence
    credits: list[Credit]
    media: list[LicensedImage | LicensedDocument] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.page.pk

    @property
    def type_label(self) -> str:
        return str(TYPE_LABELS.get(self.page.resource_type, self.page.resource_type))

    @property
    def credits_text(self) -> str:
        return credits_text(self.credits)

    @property
    def credit_lines(self) -> list[str]:
        """One line per work, as a reuser copies it."""
        return self.credits_text.splitlines()

    @property
    def credits_html(self):
        return credits_html(self.credits)

    @property
    def keywords(self) -> list[str]:
        """Themes, principles then tags, each once."""
        words = [t.title for t in self.themes] + [p.title for p in self.principles] + self.tags
        return list(dict.fromkeys(words))


def public_resources() -> QuerySet:
    """Every resource and event report the public may see."""
    return visible(ResourcePage.objects.all())


def prepared(queryset: QuerySet) -> QuerySet:
    """The columns and relations ``load_records`` reads, loaded with the pages."""
    themes = visible(ThemePage.objects.all()).only("id", "title", "slug", "path", "depth", "url_path").order_by("title")
    principles = visible(PrinciplePage.objects.all()).only(
        "id", "title", "slug", "number", "path", "depth", "url_path"
    )
    return queryset.select_related("licence", "cover_image", "territory").prefetch_related(
        Prefetch("themes", queryset=themes), Prefetch("principles", queryset=principles)
    )


def load_records(pages: Iterable[ResourcePage], request=None) -> list[Record]:
    """Records for pages loaded through ``prepared``, in the given order."""
    pages = list(pages)
    if not pages:
        return []
    ids = [page.pk for page in pages]
    _convert_bodies(pages)
    photos: dict[int, list[LicensedImage]] = defaultdict(list)
    for photo in EventPhoto.objects.filter(report_id__in=ids).select_related("image").order_by("report_id", "sort_order"):
        photos[photo.report_id].append(photo.image)
    tags: dict[int, list[str]] = defaultdict(list)
    for resource_id, name in ResourcePageTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    ).order_by("tag__name"):
        tags[resource_id].append(name)
    bases = bases_by_path(pages, live_only=True)
    media = {page.pk: _media(page, photos[page.pk]) for page in pages}
    credits = credits_in_bulk([(page, [page.cover_image, page.body, *photos[page.pk]]) for page in pages])
    return [
        Record(
            page=page,
            url=page.get_full_url(request) or "",
            themes=list(page.themes.all()),
            principles=sorted(page.principles.all(), key=lambda p: p.number),
            tags=tags[page.pk],
            base=bases.get(base_path(page)),
            licence=page.licence,
            credits=page_credits,
            media=media[page.pk],
        )
        for page, page_credits in zip(pages, credits)
    ]


def records_in_order(ids: Sequence[int], request=None) -> list[Record]:
    """Records of the visible resources among ``ids``, in the order of ``ids``."""
    pages = prepared(public_resources().filter(pk__in=list(ids))).in_bulk()
    return load_records([pages[pk] for pk in ids if pk in pages], request)


def _convert_bodies(pages: Sequence[ResourcePage]) -> None:
    """Every body's blocks at once: one query per chooser type for all the pages, not per page."""
    stream_block = ResourcePage._meta.get_field("body").stream_block
    values = stream_block.bulk_to_python([list(page.body.raw_data) for page in pages])
    for page, value in zip(pages, values):
        page.body = value


def _media(page: ResourcePage, photos: list[LicensedImage]) -> list[LicensedImage | LicensedDocument]:
    """The files a resource holds (cover, body images and documents, photos), each once."""
    found: list = [page.cover_image] if page.cover_image else []
    for block in page.body:
        if block.block_type == "image":
            found.append(block.value.get("image"))
        elif block.block_type == "document":
            found.append(block.value.get("document"))
    found += photos
    distinct: dict[tuple[type, int], object] = {}
    for item in found:
        if item is not None:
            distinct.setdefault((type(item), item.pk), item)
    return list(distinct.values())
