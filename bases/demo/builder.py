"""Build the demo page tree from ``bases.demo.facts``.

Every page is looked up under its parent (by slug, or by number for the
principles) and updated in place, so loading twice creates nothing new.
Every page is published through a revision, as an editor would. The whole
load runs in one transaction: on any failure nothing is saved and the image
files written so far are removed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from bases.demo import facts, local_events
from bases.demo.images import ensure_image
from bases.demo.kind_facts import kind_fields
from bases.models import BasePage, HomePage
from curation.models import (
    CollectionIndexPage,
    CollectionItem,
    CollectionKind,
    CollectionPage,
)
from events.models import LocalEventApplication, LocalEventIndexPage, LocalEventPage, PlannedFormat
from licensing.models import Licence
from licensing.register import allowed_licences_text
from resources.models import (
    EventFormatFeedback,
    EventPhoto,
    EventReportPage,
    ResourcePage,
)
from taxonomy.models import PrincipleIndexPage, PrinciplePage, ThemeIndexPage, ThemePage
from territories.dataset import read_rows, sample_data_dir
from territories.loading import load as load_territories
from territories.models import Territory

P = TypeVar("P", bound=Page)
Report = Callable[[str], None]


class DemoContentError(Exception):
    """The demo content could not be loaded; the message names the item at fault."""


@dataclass(frozen=True)
class DemoCounts:
    """What the demo tree holds once loaded."""

    themes: int
    principles: int
    editions: int
    write_ups: int
    events: int
    collections: int
    resources: int
    images: int

    def as_text(self) -> str:
        """One French line, for the command's last message."""
        return (
            f"{self.themes} thématiques, {self.principles} principes, {self.editions} éditions nationales, "
            f"{self.write_ups} comptes rendus, {self.events} NEC locaux au calendrier, {self.collections} collections, "
            f"{self.resources} ressources (hors comptes rendus), {self.images} images"
        )


@dataclass
class Context:
    """What the steps share: pages and images found so far, and what changed."""

    images: dict[str, Any] = field(default_factory=dict)
    themes: dict[str, ThemePage] = field(default_factory=dict)
    principles: dict[int, PrinciplePage] = field(default_factory=dict)
    resources: dict[str, ResourcePage] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)  # by register key
    written_files: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def changes(self) -> str:
        """« (3 créées, 1 mise à jour, 0 inchangée) » for the current step, then reset."""

        def plural(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count > 1 else ''}"

        text = (
            f"({plural(self.created, 'créée')}, {self.updated} mise{'s' if self.updated > 1 else ''} à jour, "
            f"{plural(self.unchanged, 'inchangée')})"
        )
        self.created = self.updated = self.unchanged = 0
        return text


# --- Pages ----------------------------------------------------------------------------


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{name} : {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def upsert_page(
    ctx: Context,
    parent: Page,
    model: type[P],
    *,
    slug: str,
    lookup: dict[str, Any] | None = None,
    configure: Callable[[P], None] | None = None,
    **fields: Any,
) -> P:
    """Create or update the ``model`` page under ``parent``, then publish it.

    ``lookup`` finds an existing page (default: its slug); ``fields`` are set on
    the page; ``configure`` sets what needs the instance (m2m, tags, inlines).
    """
    if lookup is None:
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
    else:
        existing = model.objects.child_of(parent).filter(**lookup).first()
    if existing is not None and existing.specific_class is not model:
        raise DemoContentError(
            f"« {parent.title} / {slug} » existe déjà mais c'est un(e) {existing.specific_class._meta.verbose_name}, "
            f"pas un(e) {model._meta.verbose_name} : renommez ou supprimez cette page."
        )
    page: P = existing.specific if existing is not None else model()
    before = _comparable(page) if existing is not None else None
    page.slug = slug
    for name, value in fields.items():
        setattr(page, name, value)
    if configure is not None:
        configure(page)
    if before is not None and page.live and not page.has_unpublished_changes and _comparable(page) == before:
        ctx.unchanged += 1  # already published as the facts say: no new revision
        return page
    try:
        if existing is None:
            parent.add_child(instance=page)
            ctx.created += 1
        else:
            ctx.updated += 1
        page.save_revision().publish()
    except ValidationError as exc:
        label = f"« {fields.get('title', slug)} » ({model._meta.verbose_name})"
        raise DemoContentError(f"{label} : {_messages(exc)}") from exc
    return page


def _comparable(page: Page) -> dict[str, Any]:
    """The page's data with StreamField JSON parsed: PostgreSQL's jsonb does
    not keep key order, so comparing the raw JSON strings would see changes."""
    data = page.serializable_data()
    for name, value in data.items():
        if isinstance(value, str) and value[:1] in "[{":
            try:
                data[name] = json.loads(value)
            except ValueError:
                pass
    return data


def set_children(page: Page, relation: str, model: type, rows: Sequence[dict[str, Any]], key: str) -> None:
    """Replace an inline relation with ``rows``, reusing the rows that share ``key``."""
    current = {getattr(obj, key): obj for obj in getattr(page, relation).all()}
    objects = []
    for order, row in enumerate(rows):
        obj = current.pop(row[key], None) or model()
        for name, value in row.items():
            setattr(obj, name, value)
        obj.sort_order = order
        objects.append(obj)
    setattr(page, relation, objects)


# --- StreamField bodies ------------------------------------------------------------------


# Stable StreamField block ids (derived from the page and the block's position), so
# that loading the same facts again yields the same body and no new revision.
_BLOCK_ID_NAMESPACE = uuid.UUID("5c1f9a9e-4b7e-4f0a-9d8c-2f3b6a1e0d42")


def block_id(*parts: object) -> str:
    """A deterministic block id for ``parts`` (page slug, block index…)."""
    return str(uuid.uuid5(_BLOCK_ID_NAMESPACE, "/".join(str(part) for part in parts)))


def with_block_ids(data: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Give every block (and every key-figure item) of ``data`` a stable id."""
    for index, block in enumerate(data):
        block["id"] = block_id(key, index)
        if block["type"] == "key_figures":
            block["value"] = [
                {"type": "item", "value": item, "id": block_id(key, index, position)}
                for position, item in enumerate(block["value"])
            ]
    return data


def _paragraph(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": f"<p>{escape(text, quote=False)}</p>"}


def _figures(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "key_figures", "value": [{"value": value, "label": label} for value, label in pairs]}


def _number(value: int) -> str:
    """1800 → « 1 800 », French style."""
    return f"{value:,}".replace(",", " ")


def edition_figures(edition: facts.NationalEdition) -> list[tuple[str, str]]:
    """The figures the seeds give for an edition, as (value, label) pairs."""
    figures = [
        (edition.attendees, "participants sur place"),
        (edition.speakers, "intervenants et contributeurs"),
        (edition.online_courses, "parcours d'acculturation en ligne"),
        (edition.online_participants, "participants aux parcours en ligne"),
        (edition.online_viewers, "personnes devant les directs en ligne"),
    ]
    return [(_number(value), label) for value, label in figures if value is not None]


def _editions_blocks() -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for edition in facts.NATIONAL_EDITIONS:
        place = edition.city or "ville non précisée"
        if edition.venue:
            place = f"{place}, {edition.venue}"
        blocks.append({"type": "heading", "value": f"{edition.year} — {place}"})
        figures = edition_figures(edition)
        if figures:
            blocks.append(_figures(figures))
        else:
            blocks.append(_paragraph("Nos sources ne publient pas de chiffres de fréquentation pour cette édition."))
    return blocks


def _principles_blocks() -> list[dict[str, Any]]:
    items = "".join(
        f"<li><b>{escape(principle.title)}</b> — {escape(principle.introduction, quote=False)}</li>"
        for principle in facts.PRINCIPLES
    )
    return [{"type": "paragraph", "value": f"<ol>{items}</ol>"}]


def stream_data(ctx: Context, blocks: Sequence[facts.Block], key: str) -> list[dict[str, Any]]:
    """Turn the facts' body blocks into raw StreamField data for ``ResourceBodyBlock``.

    ``key`` (the page's slug) seeds the blocks' stable ids.
    """
    data: list[dict[str, Any]] = []
    for kind, value in blocks:
        if kind == "heading":
            data.append({"type": "heading", "value": value})
        elif kind == "paragraph":
            data.append(_paragraph(value))
        elif kind == "list":
            items = "".join(f"<li>{escape(item, quote=False)}</li>" for item in value)
            data.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        elif kind == "figures":
            data.append(_figures(value))
        elif kind == "quote":
            text, source = value
            data.append({"type": "quote", "value": {"text": text, "source": source}})
        elif kind == "link":
            url, label, description = value
            data.append({"type": "link", "value": {"url": url, "label": label, "description": description}})
        elif kind == "image":
            title, caption = value
            data.append({"type": "image", "value": {"image": image_for(ctx, title).pk, "caption": caption}})
        elif kind == "editions":
            data.extend(_editions_blocks())
        elif kind == "principles":
            data.extend(_principles_blocks())
        else:
            raise DemoContentError(f"Bloc de contenu inconnu dans les faits : « {kind} ».")
    return with_block_ids(data, key)


# --- Lookups -----------------------------------------------------------------------------


def image_for(ctx: Context, title: str | None) -> Any:
    """The demo image with this title (loaded in the images step)."""
    if title is None:
        return None
    try:
        return ctx.images[title]
    except KeyError:
        raise DemoContentError(f"Image « {title} » absente de facts.ILLUSTRATIONS.") from None


def _themes(ctx: Context, slugs: Iterable[str]) -> list[ThemePage]:
    try:
        return [ctx.themes[slug] for slug in slugs]
    except KeyError as exc:
        raise DemoContentError(f"Thématique inconnue : « {exc.args[0]} ».") from None


def _principles(ctx: Context, numbers: Iterable[int]) -> list[PrinciplePage]:
    try:
        return [ctx.principles[number] for number in numbers]
    except KeyError as exc:
        raise DemoContentError(f"Principe inconnu : n° {exc.args[0]}.") from None


def _resource(ctx: Context, slug: str) -> ResourcePage:
    try:
        return ctx.resources[slug]
    except KeyError:
        raise DemoContentError(f"Ressource inconnue dans une collection : « {slug} ».") from None


# --- Steps --------------------------------------------------------------------------------


def check_licences(ctx: Context) -> str:
    """Every licence the facts use must be an open licence of the register."""
    used = {facts.DEFAULT_LICENCE}
    used |= {item.licence for item in facts.ILLUSTRATIONS}
    used |= {item.licence for item in (*facts.NEC_RESOURCES, *facts.REVUE_ISSUES, *facts.PODCAST_EPISODES)}
    used |= {item.licence for item in (facts.LOCAL_NEC_FIGURES, *facts.WRITE_UPS, *facts.COLLECTIONS)}
    found = set(Licence.objects.open().filter(id__in=used).values_list("id", flat=True))
    missing = sorted(used - found)
    if missing:
        raise DemoContentError(
            f"licence : {', '.join(missing)} absente(s) du registre ou non ouverte(s). "
            f"Licences autorisées : {allowed_licences_text() or 'aucune (migrations non appliquées ?)'}."
        )
    return f"{len(used)} licences ouvertes utilisées ({', '.join(sorted(used))})"


def load_images(ctx: Context) -> str:
    """Draw and save every placeholder image, each with its licence and credit."""
    for spec in facts.ILLUSTRATIONS:
        try:
            result = ensure_image(spec)
        except ValidationError as exc:
            raise DemoContentError(f"Image « {spec.title} » : {_messages(exc)}") from exc
        ctx.images[spec.title] = result.image
        if result.written_file:
            ctx.written_files.append(result.written_file)
        if result.created:
            ctx.created += 1
        elif result.changed:
            ctx.updated += 1
        else:
            ctx.unchanged += 1
    return f"{len(facts.ILLUSTRATIONS)} images {ctx.changes()}"


def build_home(ctx: Context) -> str:
    """The home page at depth 2, made the default site's root; Wagtail's welcome page goes."""
    root = Page.get_first_root_node()
    if root is None:
        raise DemoContentError("L'arbre des pages n'a pas de racine : lancez d'abord « manage.py migrate ».")
    home = upsert_page(
        ctx,
        root,
        HomePage,
        slug=facts.HOME["slug"],
        lookup={},  # there is only one home page (max_count = 1), whatever its slug
        title=facts.HOME["title"],
        introduction=facts.HOME["introduction"],
    )
    ctx.pages["home"] = home

    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.site_name = facts.SITE_NAME
    site.save()

    removed = remove_welcome_page(home)
    return f"1 page {ctx.changes()}, racine du site « {site.hostname} »" + (
        ", page « Welcome » de Wagtail supprimée" if removed else ""
    )


def remove_welcome_page(home: HomePage) -> int:
    """Delete Wagtail's default « Welcome » page(s): plain pages at depth 2, childless, no site."""
    plain_page = ContentType.objects.get_for_model(Page)
    welcome = (
        Page.objects.filter(depth=2, content_type=plain_page, numchild=0)
        .exclude(pk=home.pk)
        .exclude(sites_rooted_here__isnull=False)
    )
    count = 0
    for page in welcome:
        page.delete()
        count += 1
    return count


def build_bases(ctx: Context) -> str:
    """The two contribution spaces: « Numérique en Commun[s] » and « NEC locaux »."""
    home = ctx.pages["home"]
    for key, data in (("base_nec", facts.BASE_NEC), ("base_local", facts.BASE_LOCAL)):
        ctx.pages[key] = upsert_page(
            ctx, home, BasePage, slug=data["slug"], title=data["title"], introduction=data["introduction"]
        )
    return f"2 pages {ctx.changes()}"


def build_themes(ctx: Context) -> str:
    """« Thématiques » and the four themes, each with its guiding questions."""
    index = upsert_page(
        ctx,
        ctx.pages["home"],
        ThemeIndexPage,
        slug=facts.THEME_INDEX["slug"],
        title=facts.THEME_INDEX["title"],
        introduction=facts.THEME_INDEX["introduction"],
    )
    for theme in facts.THEMES:
        ctx.themes[theme.slug] = upsert_page(
            ctx,
            index,
            ThemePage,
            slug=theme.slug,
            title=theme.title,
            introduction=theme.introduction,
            guiding_questions=[
                {"type": "question", "value": question, "id": block_id(theme.slug, index)}
                for index, question in enumerate(theme.questions)
            ],
        )
    return f"index + {len(facts.THEMES)} thématiques {ctx.changes()}"


def build_principles(ctx: Context) -> str:
    """« Principes » and the seven numbered principles."""
    index = upsert_page(
        ctx,
        ctx.pages["home"],
        PrincipleIndexPage,
        slug=facts.PRINCIPLE_INDEX["slug"],
        title=facts.PRINCIPLE_INDEX["title"],
        introduction=facts.PRINCIPLE_INDEX["introduction"],
    )
    for principle in facts.PRINCIPLES:
        ctx.principles[principle.number] = upsert_page(
            ctx,
            index,
            PrinciplePage,
            slug=principle.slug,
            lookup={"number": principle.number},  # the number is unique site-wide
            title=principle.title,
            number=principle.number,
            introduction=principle.introduction,
        )
    return f"index + {len(facts.PRINCIPLES)} principes {ctx.changes()}"


def upsert_resource(
    ctx: Context,
    parent: Page,
    fact: facts.Resource,
    model: type[ResourcePage] = ResourcePage,
    extra_fields: dict[str, Any] | None = None,
    configure: Callable[[ResourcePage], None] | None = None,
) -> ResourcePage:
    """Create or update one resource (or write-up) with its classification and licence."""
    themes = _themes(ctx, fact.themes)
    principles = _principles(ctx, fact.principles)

    def classify(page: ResourcePage) -> None:
        # Only touch a relation that differs, so an unchanged page compares equal.
        if {theme.pk for theme in page.themes.all()} != {theme.pk for theme in themes}:
            page.themes.set(themes)
        if {principle.pk for principle in page.principles.all()} != {principle.pk for principle in principles}:
            page.principles.set(principles)
        if sorted(tag.name for tag in page.tags.all()) != sorted(fact.tags):
            page.tags.set(list(fact.tags))
        if configure is not None:
            configure(page)

    page = upsert_page(
        ctx,
        parent,
        model,
        slug=fact.slug,
        configure=classify,
        title=fact.title,
        summary=fact.summary,
        resource_type=fact.resource_type,
        territory=ctx.territories[fact.territory] if fact.territory else None,
        date=fact.date,
        date_precision=fact.date_precision,
        licence_id=fact.licence,
        attribution=fact.attribution,
        source_url=fact.source_url,
        cover_image=image_for(ctx, fact.cover),
        body=stream_data(ctx, fact.body, fact.slug),
        **(extra_fields or {}),
    )
    ctx.resources[fact.slug] = page
    return page


def edition_resource(edition: facts.NationalEdition) -> facts.Resource:
    """The figures of one national edition, dated by the edition (its first day when known)."""
    place = edition.city + (f", {edition.venue}" if edition.venue else "")
    return facts.Resource(
        slug=f"{edition.slug}-en-chiffres",
        title=f"{edition.title} : l'édition en chiffres",
        resource_type="article",
        themes=("donnees-territoires",),
        principles=(5,),
        tags=("chiffres", "éditions nationales", str(edition.year)),
        territory=edition.territory,
        date=edition.date or date(edition.year, 1, 1),
        date_precision="day" if edition.date else "year",
        licence="odbl-1.0",
        cover=edition.title,
        summary=f"L'édition nationale {edition.year} de Numérique en Commun[s] ({place}) en quelques chiffres.",
        body=(("paragraph", edition.introduction), ("figures", tuple(edition_figures(edition)))),
    )


def edition_resources() -> list[facts.Resource]:
    """One per edition whose figures the seeds give (2018 to 2022)."""
    return [edition_resource(edition) for edition in facts.NATIONAL_EDITIONS if edition_figures(edition)]


def build_nec_resources(ctx: Context) -> str:
    """The editorial resources of the « Numérique en Commun[s] » base, and each edition's figures."""
    resources = [*facts.NEC_RESOURCES, *edition_resources()]
    for fact in resources:
        upsert_resource(ctx, ctx.pages["base_nec"], fact)
    return f"{len(resources)} ressources {ctx.changes()}"


def build_revue(ctx: Context) -> str:
    """The four issues of la revue NEC, as publications."""
    for fact in facts.REVUE_ISSUES:
        upsert_resource(ctx, ctx.pages["base_nec"], fact)
    return f"{len(facts.REVUE_ISSUES)} numéros {ctx.changes()}"


def build_podcast(ctx: Context) -> str:
    """The podcast episodes, with generic titles (the seeds name none)."""
    for fact in facts.PODCAST_EPISODES:
        upsert_resource(ctx, ctx.pages["base_nec"], fact)
    return f"{len(facts.PODCAST_EPISODES)} épisodes {ctx.changes()}"


def build_local_necs(ctx: Context) -> str:
    """The « NEC locaux » base: the figures (the calendar is made of events, see build_calendar)."""
    base = ctx.pages["base_local"]
    upsert_resource(ctx, base, facts.LOCAL_NEC_FIGURES)
    return f"1 ressource {ctx.changes()}"


def build_calendar(ctx: Context) -> str:
    """« Calendrier des NEC locaux » and its events, the past ones linked to their write-ups.

    Earlier demos announced the calendar as articles: those pages are removed."""
    base = ctx.pages["base_local"]
    replaced = [event.replaces for event in local_events.LOCAL_EVENTS if event.replaces]
    removed = 0
    for page in ResourcePage.objects.child_of(base).filter(slug__in=replaced):
        page.delete()
        removed += 1
    calendar = upsert_page(
        ctx, base, LocalEventIndexPage, slug=local_events.CALENDAR_PAGE["slug"],
        title=local_events.CALENDAR_PAGE["title"], introduction=local_events.CALENDAR_PAGE["introduction"],
    )
    for fact in local_events.LOCAL_EVENTS:
        themes = _themes(ctx, fact.themes)
        report = ctx.resources.get(fact.report_slug) if fact.report_slug else None

        def configure(page: LocalEventPage, fact: local_events.LocalEvent = fact, themes=themes) -> None:
            if {theme.pk for theme in page.themes.all()} != {theme.pk for theme in themes}:
                page.themes.set(themes)
            set_children(page, "planned_formats", PlannedFormat, [{"format": f} for f in fact.formats], key="format")

        event = upsert_page(
            ctx, calendar, LocalEventPage, slug=fact.slug, configure=configure,
            title=fact.title, start_date=fact.start, end_date=fact.end, venue=fact.venue,
            territory=ctx.territories[fact.territory_key] if fact.territory_key else None, organiser_structure=fact.organiser,
            description=f"<p>{escape(fact.description)}</p>",
        )
        if report is not None and event.report_id != report.pk:
            # The link is set the way « Rédiger le compte rendu » sets it: on the row, not by a revision.
            LocalEventPage.objects.filter(pk=event.pk).update(report=report)
    note = f", {removed} anciennes annonces retirées" if removed else ""
    return f"{len(local_events.LOCAL_EVENTS)} NEC locaux{note} {ctx.changes()}"


def build_pending_application(ctx: Context) -> str:
    """One application awaiting the editors' decision (found again by its name)."""
    data = local_events.PENDING_APPLICATION
    application, created = LocalEventApplication.objects.get_or_create(
        event_name=data["event_name"], defaults={k: v for k, v in data.items() if k != "event_name"}
    )
    application.themes.set(_themes(ctx, local_events.PENDING_APPLICATION_THEMES))
    return f"« {application.event_name} » ({'créée' if created else 'déjà là'}, {application.get_status_display().lower()})"


def build_write_ups(ctx: Context) -> str:
    """The write-ups of NEC events, with their figures, format feedback and photos."""
    for fact in facts.WRITE_UPS:

        def inlines(page: ResourcePage, fact: facts.WriteUp = fact) -> None:
            set_children(
                page,
                "formats",
                EventFormatFeedback,
                [
                    {
                        "format": item.format,
                        "title": item.title,
                        "feedback": item.feedback,
                        "participants_count": item.participants_count,
                    }
                    for item in fact.formats
                ],
                key="title",
            )
            set_children(
                page,
                "photos",
                EventPhoto,
                [{"image_id": image_for(ctx, photo.image).pk, "caption": photo.caption} for photo in fact.photos],
                key="image_id",
            )

        upsert_resource(
            ctx,
            ctx.pages["base_local"],
            fact,
            model=EventReportPage,
            configure=inlines,
            extra_fields={
                "event_name": fact.event_name,
                "start_date": fact.start_date,
                "end_date": fact.end_date,
                "venue": fact.venue,
                "city": fact.city,
                "participants_count": fact.participants_count,
                "speakers_count": fact.speakers_count,
                "workshops_count": fact.workshops_count,
                "stands_count": fact.stands_count,
                "structures_count": fact.structures_count,
                "budget_euros": fact.budget_euros,
            },
        )
    return f"{len(facts.WRITE_UPS)} comptes rendus {ctx.changes()}"


def _set_items(ctx: Context, items: Sequence[tuple[str, str]]) -> Callable[[CollectionPage], None]:
    rows = [{"resource_id": _resource(ctx, slug).pk, "note": note} for slug, note in items]
    return lambda page: set_children(page, "items", CollectionItem, rows, key="resource_id")


def _edition_items(edition: facts.NationalEdition) -> list[tuple[str, str]]:
    if edition_figures(edition):
        own = [(edition_resource(edition).slug, f"Les chiffres de {edition.year}")]
        note = f"Les chiffres de {edition.year}, à comparer avec les autres éditions"
    else:
        own = []
        note = f"Les chiffres des autres éditions ({edition.year} : non publiés)"
    return [*edition.extra_items, *own, (facts.EDITIONS_FIGURES_SLUG, note)]


def build_collections(ctx: Context) -> str:
    """« Collections »: one per national edition, then local NECs, podcast, revue, thematic."""
    index = upsert_page(
        ctx,
        ctx.pages["home"],
        CollectionIndexPage,
        slug=facts.COLLECTION_INDEX["slug"],
        title=facts.COLLECTION_INDEX["title"],
        introduction=facts.COLLECTION_INDEX["introduction"],
    )
    for edition in facts.NATIONAL_EDITIONS:
        upsert_page(
            ctx,
            index,
            CollectionPage,
            slug=edition.slug,
            configure=_set_items(ctx, _edition_items(edition)),
            title=edition.title,
            kind=CollectionKind.NATIONAL_EDITION,
            introduction=edition.introduction,
            cover_image=image_for(ctx, edition.title),
            edition_year=edition.year,
            edition_city=edition.city,
            edition_venue=edition.venue,
            attendees_count=edition.attendees,
            speakers_count=edition.speakers,
            online_viewers_count=edition.online_viewers,
            online_participants_count=edition.online_participants,
            licence_id=facts.DEFAULT_LICENCE,
            attribution=facts.ANCT,
        )
    for collection in facts.COLLECTIONS:
        upsert_page(
            ctx,
            index,
            CollectionPage,
            slug=collection.slug,
            configure=_set_items(ctx, collection.items),
            title=collection.title,
            kind=collection.kind,
            introduction=collection.introduction,
            cover_image=image_for(ctx, collection.cover),
            licence_id=collection.licence,
            attribution=collection.attribution,
            **kind_fields(ctx, collection, block_id),
        )
    total = len(facts.NATIONAL_EDITIONS) + len(facts.COLLECTIONS)
    return f"index + {total} collections dont {len(facts.NATIONAL_EDITIONS)} éditions nationales {ctx.changes()}"


def demo_territory_keys() -> set[str]:
    """Every territory the demo facts name."""
    named = [*facts.NEC_RESOURCES, *facts.REVUE_ISSUES, *facts.PODCAST_EPISODES, facts.LOCAL_NEC_FIGURES,
             *facts.WRITE_UPS, *facts.NATIONAL_EDITIONS]
    events = {event.territory_key for event in local_events.LOCAL_EVENTS if event.territory_key}
    return {fact.territory for fact in named if fact.territory} | events


def ensure_territories(ctx: Context) -> str:
    """The territories the demo names, from the register; when it lacks them (the full
    dataset not loaded), the extract shipped with the app is loaded first."""
    keys = demo_territory_keys()
    found = {t.key: t for t in Territory.objects.with_keys(keys)}
    loaded = ""
    if set(found) != keys:
        report = load_territories(read_rows(sample_data_dir()))
        loaded = f", extrait du registre chargé ({report.created} créés)"
        found = {t.key: t for t in Territory.objects.with_keys(keys)}
    if missing := sorted(keys - set(found)):
        raise DemoContentError(f"Territoires absents du registre : {', '.join(missing)} (manage.py load_territories).")
    ctx.territories = found
    return f"{len(found)} territoires{loaded}"


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("Licences", check_licences),
    ("Territoires", ensure_territories),
    ("Images", load_images),
    ("Page d'accueil et site", build_home),
    ("Bases", build_bases),
    ("Thématiques", build_themes),
    ("Principes", build_principles),
    ("Ressources « Numérique en Commun[s] »", build_nec_resources),
    ("La revue NEC", build_revue),
    ("Podcast", build_podcast),
    ("NEC locaux : chiffres", build_local_necs),
    ("Comptes rendus", build_write_ups),
    ("Calendrier des NEC locaux", build_calendar),
    ("Candidature en attente", build_pending_application),
    ("Collections", build_collections),
)


def count_demo_content(home: Page) -> DemoCounts:
    """Count what the tree under ``home`` holds (duplicates would show here)."""
    titles = [spec.title for spec in facts.ILLUSTRATIONS]
    collections = CollectionPage.objects.descendant_of(home)
    return DemoCounts(
        themes=ThemePage.objects.descendant_of(home).count(),
        principles=PrinciplePage.objects.descendant_of(home).count(),
        editions=collections.filter(kind=CollectionKind.NATIONAL_EDITION).count(),
        write_ups=EventReportPage.objects.descendant_of(home).count(),
        events=LocalEventPage.objects.descendant_of(home).count(),
        collections=collections.count(),
        resources=ResourcePage.objects.descendant_of(home).exact_type(ResourcePage).count(),
        images=get_image_model().objects.filter(title__in=titles).count(),
    )


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            pass


def load_demo_content(report: Report = print) -> DemoCounts:
    """Build (or update) the whole demo tree in one transaction and return its counts."""
    ctx = Context()
    try:
        with transaction.atomic():
            for number, (label, step) in enumerate(STEPS, start=1):
                summary = step(ctx)
                report(f"[{number}/{len(STEPS)}] {label}… {summary}")
            return count_demo_content(ctx.pages["home"])
    except DatabaseError as exc:
        _delete_files(ctx.written_files)
        raise DemoContentError(f"Erreur de base de données, rien n'a été enregistré : {exc}") from exc
    except BaseException:
        _delete_files(ctx.written_files)
        raise
