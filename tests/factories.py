"""factory_boy factories shared by the whole suite.

Pages are created through Wagtail's ``add_child`` so that the tree (paths,
depth, numchild, url_path) is real. Parents default to the page a user would
find there: the one ``HomePage`` under the tree root, the « Numérique en
Commun[s] » base, the « Thématiques » index…, created on first use.

Images are small PNGs drawn with Pillow in memory; documents are small text
files. Nothing touches the network.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.db.models import Max
from factory.django import DjangoModelFactory
from PIL import Image as PILImage
from wagtail.models import Page, Site

from bases.models import BasePage, HomePage
from territories.dataset import read_rows, sample_data_dir
from territories.loading import load as load_territories
from territories.models import Territory
from curation.models import CollectionIndexPage, CollectionItem, CollectionKind, CollectionPage
from taxonomy.models import PrincipleIndexPage, PrinciplePage, ThemeIndexPage, ThemePage
from licensing.models import Licence, LicensedDocument, LicensedImage
from resources.models import EventFormatFeedback, EventPhoto, EventReportPage, ResourcePage, ResourceType

# --- Files ---------------------------------------------------------------------


def png_bytes(width: int = 8, height: int = 6, colour: tuple[int, int, int] = (0, 145, 110)) -> bytes:
    """A tiny PNG, drawn in memory."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_file(name: str = "photo.png", **kwargs) -> ContentFile:
    return ContentFile(png_bytes(**kwargs), name=name)


def text_file(name: str = "compte-rendu.txt", text: str = "Compte rendu de l'atelier.\n") -> ContentFile:
    return ContentFile(text.encode(), name=name)


# --- Licences ------------------------------------------------------------------


class LicenceFactory(DjangoModelFactory):
    """Looks up a licence of the seeded register by id (or adds a new one)."""

    class Meta:
        model = Licence
        django_get_or_create = ("id",)

    id = factory.Sequence(lambda n: f"test-licence-{n}.0")
    name = factory.Sequence(lambda n: f"Licence de test {n}")
    short_name = factory.Sequence(lambda n: f"Test {n}")
    url = factory.LazyAttribute(lambda o: f"https://licences.example.org/{o.id}/")
    is_open = True


def licence(licence_id: str) -> Licence:
    """A licence of the register, which must already exist."""
    return Licence.objects.get(pk=licence_id)


# --- Media ---------------------------------------------------------------------


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = LicensedImage

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(png_file)
    attribution = "Association Les Communs du Coin"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = LicensedDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyFunction(text_file)
    attribution = "Réseau des médiateurs numériques"


# --- Pages ---------------------------------------------------------------------


class PageFactory(DjangoModelFactory):
    """Base factory: ``parent`` is the page the new one is added under.

    Content pages (``_through_revisions = True``: resources, event reports,
    collections) go through revisions as in the admin: a live one (the
    default) is published, so it has a live revision and publication dates;
    ``live=False`` gives a draft with one revision, never published.
    Structural pages (home, bases, indexes, themes, principles) are only
    added to the tree, which keeps the many tests that need them fast.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"page-{n}")
    parent = None
    _through_revisions = False

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("parent", None)
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent", None)
        if parent is None:
            parent = cls.default_parent()
        instance = model_class(*args, **kwargs)
        parent.add_child(instance=instance)
        if cls._through_revisions:
            revision = instance.save_revision()
            if instance.live:
                revision.publish()
                instance.refresh_from_db()
        return instance

    @classmethod
    def default_parent(cls) -> Page:
        raise NotImplementedError(f"{cls.__name__} needs a parent")


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Les Bases"
    slug = "les-bases"
    introduction = "Le centre de ressources ouvertes de Numérique en Commun[s]."

    @classmethod
    def default_parent(cls) -> Page:
        return Page.get_first_root_node()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        home = super()._create(model_class, *args, **kwargs)
        # Serve the hub from the default site, as the demo content does (created when a
        # transactional test has flushed the one migrations made).
        if not Site.objects.filter(is_default_site=True).update(root_page=home):
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        return home


def home_page() -> HomePage:
    """The hub's one home page (created on first use)."""
    return HomePage.objects.first() or HomePageFactory()


def _single_child(model, factory_class, **kwargs):
    existing = model.objects.first()
    return existing if existing is not None else factory_class(**kwargs)


class BasePageFactory(PageFactory):
    class Meta:
        model = BasePage

    title = factory.Sequence(lambda n: f"Base {n}")
    slug = factory.Sequence(lambda n: f"base-{n}")
    introduction = "Un espace de contribution."

    @classmethod
    def default_parent(cls) -> Page:
        return home_page()


def default_base() -> BasePage:
    """The « Numérique en Commun[s] » base, where resources go by default."""
    return BasePage.objects.filter(slug="numerique-en-communs").first() or BasePageFactory(
        title="Numérique en Commun[s]", slug="numerique-en-communs"
    )


class ThemeIndexPageFactory(PageFactory):
    class Meta:
        model = ThemeIndexPage

    title = "Thématiques"
    slug = "thematiques"

    @classmethod
    def default_parent(cls) -> Page:
        return home_page()


class ThemePageFactory(PageFactory):
    class Meta:
        model = ThemePage

    title = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")
    introduction = "Les questions que pose cette thématique."

    @classmethod
    def default_parent(cls) -> Page:
        return _single_child(ThemeIndexPage, ThemeIndexPageFactory)


def default_theme() -> ThemePage:
    """« Données & territoires », created on first use."""
    return ThemePage.objects.filter(slug="donnees-territoires").first() or ThemePageFactory(
        title="Données & territoires", slug="donnees-territoires"
    )


class PrincipleIndexPageFactory(PageFactory):
    class Meta:
        model = PrincipleIndexPage

    title = "Principes"
    slug = "principes"

    @classmethod
    def default_parent(cls) -> Page:
        return home_page()


def _next_principle_number() -> int:
    return (PrinciplePage.objects.aggregate(top=Max("number"))["top"] or 0) + 1


class PrinciplePageFactory(PageFactory):
    class Meta:
        model = PrinciplePage

    title = factory.Sequence(lambda n: f"Principe {n}")
    slug = factory.Sequence(lambda n: f"principe-{n}")
    number = factory.LazyFunction(_next_principle_number)

    @classmethod
    def default_parent(cls) -> Page:
        return _single_child(PrincipleIndexPage, PrincipleIndexPageFactory)


class CollectionIndexPageFactory(PageFactory):
    class Meta:
        model = CollectionIndexPage

    title = "Collections"
    slug = "collections"

    @classmethod
    def default_parent(cls) -> Page:
        return home_page()


class CollectionPageFactory(PageFactory):
    class Meta:
        model = CollectionPage

    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    kind = CollectionKind.THEMATIC
    attribution = "Équipe éditoriale NEC"

    _through_revisions = True

    @classmethod
    def default_parent(cls) -> Page:
        return _single_child(CollectionIndexPage, CollectionIndexPageFactory)


class ResourcePageFactory(PageFactory):
    """A published resource with one theme (what publishing requires)."""

    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Ressource {n}")
    slug = factory.Sequence(lambda n: f"ressource-{n}")
    summary = "Ce que la ressource apporte, en deux phrases."
    resource_type = ResourceType.GUIDE
    attribution = "Collectif NEC"
    themes = factory.LazyFunction(lambda: [default_theme()])
    # Its own date (needed to publish): later resources are newer, as their publication.
    date = factory.Sequence(lambda n: date(2020, 1, 1) + timedelta(days=n))

    _through_revisions = True

    @classmethod
    def default_parent(cls) -> Page:
        return default_base()


class EventReportPageFactory(ResourcePageFactory):
    class Meta:
        model = EventReportPage

    title = factory.Sequence(lambda n: f"NEC local {n}")
    slug = factory.Sequence(lambda n: f"nec-local-{n}")
    resource_type = ResourceType.EVENT_REPORT
    event_name = factory.Sequence(lambda n: f"NEC local {n}")
    start_date = date(2023, 10, 12)
    end_date = date(2023, 10, 13)
    date = None  # a write-up's date is its event's first day (set on save)
    city = "Lyon"
    participants_count = 180
    # The minimum the organisers' guide asks for before publishing: a format, a photo.
    formats = factory.LazyFunction(
        lambda: [EventFormatFeedback(format="workshop", title="Atelier", feedback="Un atelier très suivi.")]
    )
    photos = factory.LazyFunction(lambda: [EventPhoto(image=ImageFactory(), caption="L'accueil")])


class CollectionItemFactory(DjangoModelFactory):
    class Meta:
        model = CollectionItem

    collection = factory.SubFactory(CollectionPageFactory)
    resource = factory.SubFactory(ResourcePageFactory)
    sort_order = factory.Sequence(lambda n: n)


# --- People ----------------------------------------------------------------------

PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - test accounts only


def nec_locaux_base() -> BasePage:
    """The « NEC locaux » base, where organisers write up their events."""
    return BasePage.objects.filter(slug="nec-locaux").first() or BasePageFactory(
        title="NEC locaux", slug="nec-locaux"
    )


def _member(email: str, group_name: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def organiser(email: str):
    """A member of « Organisateurs NEC locaux » (roles must exist: see bases.roles)."""
    from bases.roles import ORGANISERS

    return _member(email, ORGANISERS)


def editor(email: str):
    """A member of « Équipe éditoriale »."""
    from bases.roles import EDITORS

    return _member(email, EDITORS)


def territory(key: str) -> Territory:
    """A territory of the register's shipped extract (loaded on first use), by key (« dep-33 »)."""
    found = Territory.objects.with_keys([key]).first()
    if found is None:
        load_territories(read_rows(sample_data_dir()))
        found = Territory.objects.with_keys([key]).get()
    return found
