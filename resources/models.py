"""What contributors publish: resources and the write-ups of NEC events."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.api.fields import writable
from licensing.acknowledgements import record_on_revision, unacknowledged_conflicts
from licensing.blocks import open_licence_choices
from licensing.errors import licence_refusal_message
from licensing.models import LicensedMixin
from licensing.panels import licence_panels
from licensing.register import Licence
from resources.api_fields import PHOTO_FIELDS, RESOURCE_FIELDS
from resources.blocks import ResourceBodyBlock
from resources.charter import CharterSummary, charter_summary
from resources.dates import date_label
from resources.forms import EventReportPageForm, ResourcePageForm
from resources.panels import CharterPanel, SubmissionChecklistPanel
from resources.readiness import ResourceFacts, WriteUpFacts, missing_requirements
from resources.validators import no_html


class ResourceType(models.TextChoices):
    ARTICLE = "article", "Article"
    GUIDE = "guide", "Guide pratique"
    EVENT_REPORT = "event_report", "Compte rendu d'événement"
    VIDEO = "video", "Vidéo"
    PODCAST_EPISODE = "podcast_episode", "Épisode de podcast"
    PUBLICATION = "publication", "Publication"
    PRESENTATION = "presentation", "Support de présentation"
    TOOL = "tool", "Outil"


class DatePrecision(models.TextChoices):
    DAY = "day", "Jour exact"
    MONTH = "month", "Mois seulement"
    YEAR = "year", "Année seulement"


# What a date reduced to its precision must look like (the first day of its month or
# year), so that nobody reads a day into « octobre 2024 »; and the message when not.
PRECISION_RULES = {
    DatePrecision.MONTH: (lambda day: day.day == 1, "Avec « mois seulement », indiquez le 1er du mois."),
    DatePrecision.YEAR: (
        lambda day: (day.month, day.day) == (1, 1),
        "Avec « année seulement », indiquez le 1er janvier de l'année.",
    ),
}


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey("resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items")


# A resource's own date; a write-up has its event's dates instead.
DATE_PANEL = FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")], heading="Date de la ressource")


class ResourcePage(LicensedMixin, Page):
    """A resource of the library: summary, body, themes, principles, licence."""

    summary = models.TextField("résumé", max_length=600, help_text="Deux ou trois phrases, affichées dans les résultats.")
    resource_type = models.CharField(
        "type de ressource", max_length=32, choices=ResourceType.choices, default=ResourceType.ARTICLE
    )
    cover_image = models.ForeignKey(
        "licensing.LicensedImage",
        verbose_name="image de couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name="contenu", use_json_field=True)
    themes = ParentalManyToManyField(
        "taxonomy.ThemePage",
        blank=True,
        related_name="resources",
        verbose_name="thématiques",
        help_text="Au moins une thématique est nécessaire pour publier.",
    )
    principles = ParentalManyToManyField(
        "taxonomy.PrinciplePage", blank=True, related_name="resources", verbose_name="principes"
    )
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True, verbose_name="mots-clés")
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="territoire",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        help_text="La commune, le département ou la région concernés (registre INSEE).",
    )
    # The resource's own date (the work's publication, the episode's airing, the
    # event's first day), distinct from its publication on the hub.
    date = models.DateField(
        "date de la ressource",
        null=True,
        blank=True,
        help_text=(
            "La date de l'œuvre elle-même (parution, diffusion, événement), pas sa publication sur Les Bases. "
            "Nécessaire pour publier."
        ),
    )
    date_precision = models.CharField(
        "précision de la date",
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Quand seuls le mois ou l'année sont connus : indiquez le 1er du mois ou le 1er janvier.",
    )

    base_form_class = ResourcePageForm
    # The form field that carries the date (a write-up's is its event's first day).
    date_field_name = "date"

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("resource_type"),
        DATE_PANEL,
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    classification_panels = [
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("principles"), FieldPanel("tags"), FieldPanel("territory")],
            heading="Classement",
        ),
        licence_panels(acknowledgement=True),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Contenu"),
            ObjectList(classification_panels, heading="Classement et licence"),
            ObjectList(Page.promote_panels, heading="Promotion"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("date"),
        index.FilterField("licence_id"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    # Writable fields go through the admin's form and the model's rules (themes
    # to publish, open licence); the computed ones are read-only.
    api_fields = [
        *writable(
            "summary",
            "resource_type",
            "cover_image",
            "body",
            "themes",
            "principles",
            "tags",
            "territory",
            "date",
            "date_precision",
            "licence",
            "attribution",
            "source_url",
        ),
        APIField("last_published_at"),
        *RESOURCE_FIELDS,
    ]

    parent_page_types = ["bases.BasePage"]
    subpage_types: list[str] = []

    checks_licence_conflicts = True

    class Meta:
        verbose_name = "ressource"
        verbose_name_plural = "ressources"
        constraints = LicensedMixin.constraints("resource")

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        # An editor's « publier malgré tout » is kept on the revision it covers.
        record_on_revision(self, revision, kwargs.get("user"))
        return revision

    def save(self, *args, clean: bool = True, **kwargs):
        # Wagtail validates a live page on save (a publish, an API write, a new
        # live page): that is where the publication rules apply. A revision is a
        # draft: save_revision's full_clean() runs clean() only, which holds the
        # rules every draft obeys.
        if clean and self.live:
            self.validate_for_publication()
            clean = False  # validated above, publication rules included
        return super().save(*args, clean=clean, **kwargs)

    def validate_for_publication(self) -> None:
        """``full_clean`` plus what publishing needs (readiness, licence conflicts), in one error."""
        errors: dict[str, list[str]] = {}
        try:
            self.full_clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for requirement in missing_requirements(self.readiness_facts()):
            errors.setdefault(requirement.field or "__all__", []).append(requirement.message)
        if "licence" not in errors and (conflicts := unacknowledged_conflicts(self)):
            errors["licence"] = [conflicts.message()]
        if errors:
            raise ValidationError(errors)

    @property
    def date_label(self) -> str:
        """The resource's own date at its precision (« octobre 2024 »), "" without one."""
        return date_label(self.date, self.date_precision)

    def readiness_facts(self) -> ResourceFacts:
        """The publication checklist's view of this page (its in-memory themes)."""
        return ResourceFacts(themes=len(self.themes.all()), dated=self.date is not None)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if message := self._date_precision_error():
            errors[self.date_field_name] = [message]
        if embed_errors := self._embed_licence_errors():
            errors["body"] = embed_errors
        if errors:
            raise ValidationError(errors)

    def _date_precision_error(self) -> str | None:
        """A month- or year-only date must be the first day of its month or year."""
        rule = PRECISION_RULES.get(self.date_precision)
        if self.date and rule and not rule[0](self.date):
            return rule[1]
        return None

    def _embed_licence_errors(self) -> list[str]:
        """Refuse external media whose licence is missing or not open."""
        allowed = {choice for choice, _ in open_licence_choices()}
        return [
            licence_refusal_message(block.value.get("licence"), "body.embed.licence")
            for block in self.body
            if block.block_type == "embed" and block.value.get("licence") not in allowed
        ]


class EventFormat(models.TextChoices):
    PLENARY = "plenary", "Plénière"
    WORKSHOP = "workshop", "Atelier"
    FISHBOWL = "fishbowl", "Fishbowl"
    BARCAMP = "barcamp", "Barcamp"
    STAND = "stand", "Stand découverte"
    MASTERCLASS = "masterclass", "Masterclass"
    ROUND_TABLE = "round_table", "Table ronde"
    TESTIMONY = "testimony", "Retour d'expérience"
    OTHER = "other", "Autre format"


class EventReportPage(ResourcePage):
    """The write-up of an NEC event: a resource with the event's facts, per-format
    feedback and a photo gallery (what the local organisers' guide asks for)."""

    event_name = models.CharField("nom de l'événement", max_length=200, validators=[no_html])
    start_date = models.DateField("date de début")
    end_date = models.DateField("date de fin", null=True, blank=True, help_text="Si l'événement dure plusieurs jours.")
    # date_precision is the resource's (ResourcePage): it applies to start_date, which is the resource's date.
    venue = models.CharField("lieu", max_length=200, blank=True, validators=[no_html])
    city = models.CharField("ville", max_length=120, blank=True, validators=[no_html])
    participants_count = models.PositiveIntegerField("participants", null=True, blank=True)
    speakers_count = models.PositiveIntegerField("intervenants", null=True, blank=True)
    # The NEC charter asks for parity among speakers and free events open to all.
    speakers_women_count = models.PositiveIntegerField("intervenantes (femmes)", null=True, blank=True)
    speakers_men_count = models.PositiveIntegerField("intervenants (hommes)", null=True, blank=True)
    is_free_and_open = models.BooleanField(
        "gratuit et ouvert à toutes et tous",
        null=True,
        blank=True,
        help_text="La charte NEC demande des événements gratuits et ouverts à toutes et tous.",
    )
    workshops_count = models.PositiveIntegerField("ateliers", null=True, blank=True)
    stands_count = models.PositiveIntegerField("stands", null=True, blank=True)
    structures_count = models.PositiveIntegerField("structures représentées", null=True, blank=True)
    budget_euros = models.DecimalField(
        "budget (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    event_panels = [
        MultiFieldPanel(
            [
                FieldPanel("event_name"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("date_precision")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("city")]),
                FieldPanel("territory"),
            ],
            heading="L'événement",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participants_count"), FieldPanel("speakers_count")]),
                FieldRowPanel([FieldPanel("speakers_women_count"), FieldPanel("speakers_men_count")]),
                FieldPanel("is_free_and_open"),
                FieldRowPanel([FieldPanel("workshops_count"), FieldPanel("stands_count")]),
                FieldRowPanel([FieldPanel("structures_count"), FieldPanel("budget_euros")]),
            ],
            heading="Chiffres",
        ),
        InlinePanel("formats", heading="Retours sur les formats", label="format"),
        InlinePanel("photos", heading="Photos", label="photo"),
    ]
    classification_panels = [
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("principles"), FieldPanel("tags")],
            heading="Classement",
        ),
        licence_panels(acknowledgement=True),
    ]
    review_panels = [
        SubmissionChecklistPanel(heading="Avant l'envoi en relecture"),
        CharterPanel(heading="Charte NEC"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                review_panels + [panel for panel in ResourcePage.content_panels if panel is not DATE_PANEL],
                heading="Description",
            ),
            ObjectList(event_panels, heading="Événement, formats et photos"),
            ObjectList(classification_panels, heading="Classement et licence"),
            ObjectList(Page.promote_panels, heading="Promotion"),
        ]
    )
    search_fields = ResourcePage.search_fields + [
        index.SearchField("event_name", boost=2),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.FilterField("start_date"),
        index.RelatedFields("formats", [index.SearchField("title"), index.SearchField("feedback")]),
    ]
    # The date is the event's first day here: read-only, written through start_date.
    api_fields = [field for field in ResourcePage.api_fields if field.name != "date"] + [
        APIField("date"),
        *writable(
            "event_name",
            "start_date",
            "end_date",
            "venue",
            "city",
            "participants_count",
            "speakers_count",
            "speakers_women_count",
            "speakers_men_count",
            "is_free_and_open",
            "workshops_count",
            "stands_count",
            "structures_count",
            "budget_euros",
        ),
        APIField("formats"),
        APIField("photos"),
    ]

    parent_page_types = ["bases.BasePage"]
    subpage_types: list[str] = []

    base_form_class = EventReportPageForm
    date_field_name = "start_date"

    class Meta:
        verbose_name = "compte rendu d'événement"
        verbose_name_plural = "comptes rendus d'événements"

    def save(self, *args, **kwargs):
        self.date = self.start_date  # also on saves that skip clean()
        return super().save(*args, **kwargs)

    def readiness_facts(self) -> WriteUpFacts:
        """The checklist's view of this page (its in-memory formats and photos)."""
        return WriteUpFacts(
            summary=self.summary or "",
            venue=self.venue or "",
            city=self.city or "",
            participants_count=self.participants_count,
            formats=len(self.formats.all()),
            photos=len(self.photos.all()),
            themes=len(self.themes.all()),
            licence_is_open=bool(self.licence_id) and Licence.objects.filter(open_key=self.licence_id).exists(),
            attribution=self.attribution or "",
        )

    def missing_for_submission(self) -> list[str]:
        """What the write-up still lacks before submission or publication."""
        return [requirement.message for requirement in missing_requirements(self.readiness_facts())]

    def charter_summary(self) -> CharterSummary:
        """The charter's points for the review screen (informative only)."""
        return charter_summary(self.speakers_women_count, self.speakers_men_count, self.is_free_and_open)

    def clean(self) -> None:
        self.resource_type = ResourceType.EVENT_REPORT
        self.date = self.start_date  # a write-up's date is its event's first day
        self._refuse_html_in_inherited_text()
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "La date de fin doit suivre la date de début."})
        split = [count for count in (self.speakers_women_count, self.speakers_men_count) if count is not None]
        if self.speakers_count is not None and sum(split) > self.speakers_count:
            raise ValidationError(
                {"speakers_women_count": "Femmes et hommes ensemble ne peuvent pas dépasser le nombre d'intervenants."}
            )

    def _refuse_html_in_inherited_text(self) -> None:
        """The write-up's own text fields carry ``no_html``; so do these, here."""
        errors: dict[str, list[str]] = {}
        for name in ("summary",):
            try:
                no_html(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)


class EventFormatFeedback(Orderable):
    """Feedback on one format of the event (a plenary, a workshop, a fishbowl…)."""

    report = ParentalKey(EventReportPage, on_delete=models.CASCADE, related_name="formats")
    format = models.CharField("format", max_length=32, choices=EventFormat.choices)
    title = models.CharField("intitulé", max_length=255, validators=[no_html])
    feedback = models.TextField("retour d'expérience", validators=[no_html])
    participants_count = models.PositiveIntegerField("participants", null=True, blank=True)

    panels = [FieldPanel("format"), FieldPanel("title"), FieldPanel("feedback"), FieldPanel("participants_count")]
    api_fields = [APIField("format"), APIField("title"), APIField("feedback"), APIField("participants_count")]

    class Meta(Orderable.Meta):
        verbose_name = "retour sur un format"


class EventPhoto(Orderable):
    """A photo of the event; the image itself carries its licence and credit."""

    report = ParentalKey(EventReportPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("licensing.LicensedImage", verbose_name="photo", on_delete=models.PROTECT, related_name="+")
    caption = models.CharField("légende", max_length=255, blank=True, validators=[no_html])

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [*PHOTO_FIELDS, APIField("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "photo"
