"""The local NEC calendar (its page and its events) and the applications to organise one."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pages import IntroductionPage
from core.visibility import visible
from events.api_fields import EVENT_FIELDS
from events.filters import CalendarFilter, month_choices, region_choices
from events.rules import ApplicationFacts, application_refusals
from resources.models import EventFormat
from resources.validators import no_html
from territories.admin.choosers import territory_chooser_viewset


class LocalEventIndexPage(IntroductionPage):
    """« Calendrier des NEC locaux »: the upcoming and past local NECs, filterable by région and month."""

    parent_page_types = ["bases.BasePage"]
    subpage_types = ["events.LocalEventPage"]
    max_count = 1

    class Meta:
        verbose_name = "calendrier des NEC locaux"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = CalendarFilter.from_query(request.GET)
        events = chosen.apply(published_events())
        today = date.today()
        context.update(
            calendar_filter=chosen,
            upcoming=upcoming(events, today),
            past=past(events, today),
            month_choices=month_choices(),
            region_choices=region_choices(),
        )
        return context


class LocalEventPage(Page):
    """A local NEC: when and where, who organises it, what it will talk about and how."""

    start_date = models.DateField("date de début")
    end_date = models.DateField("date de fin", null=True, blank=True, help_text="Si l'événement dure plusieurs jours.")
    venue = models.CharField("lieu", max_length=200, blank=True, validators=[no_html], help_text="Nom du lieu.")
    address = models.CharField(
        "adresse", max_length=300, blank=True, validators=[no_html], help_text="Adresse postale du lieu."
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="territoire",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_events",
        help_text="La commune, le département ou la région de l'événement (filtre « région » du calendrier).",
    )
    organiser_structure = models.CharField(
        "structure organisatrice", max_length=200, validators=[no_html], help_text="Toute personne morale."
    )
    co_organisers = models.TextField(
        "co-organisateurs", blank=True, validators=[no_html], help_text="Une structure par ligne."
    )
    registration_url = models.URLField("lien d'inscription", blank=True)
    themes = ParentalManyToManyField(
        "taxonomy.ThemePage", blank=True, related_name="local_events", verbose_name="thématiques"
    )
    description = RichTextField(
        "description", blank=True, features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    # The write-up points nowhere: the event names it (resources sit below events).
    report = models.OneToOneField(
        "resources.EventReportPage",
        verbose_name="compte rendu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("address")]),
                FieldPanel("territory", widget=territory_chooser_viewset.widget_class),
            ],
            heading="Quand et où",
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_structure"), FieldPanel("co_organisers"), FieldPanel("registration_url")],
            heading="Organisation",
        ),
        FieldPanel("themes"),
        FieldPanel("description"),
        InlinePanel("planned_formats", heading="Formats prévus", label="format"),
        FieldPanel("report", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("address"),
        index.SearchField("organiser_structure"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        APIField("start_date"),
        APIField("end_date"),
        APIField("venue"),
        APIField("address"),
        APIField("organiser_structure"),
        APIField("co_organisers"),
        APIField("registration_url"),
        APIField("themes"),
        APIField("description"),
        APIField("planned_formats"),
        *EVENT_FIELDS,
    ]

    parent_page_types = ["events.LocalEventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "NEC local (événement)"
        verbose_name_plural = "NEC locaux (événements)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(is_past=self.is_past(), report=self.visible_report(), territory=self.territory)
        return context

    def visible_report(self):
        """The write-up, once the public may see it (never a draft)."""
        if not self.report_id:
            return None
        # Resolved through the relation's model: events name the write-up, resources do not name events.
        report_model = self._meta.get_field("report").related_model
        return visible(report_model.objects.filter(pk=self.report_id)).first()

    @property
    def territory_key(self) -> str | None:
        """The register's key of its territory (« com-57463 »), as the search facet names it."""
        return self.territory.key if self.territory_id else None

    @property
    def last_day(self) -> date:
        return self.end_date or self.start_date

    def is_past(self, today: date | None = None) -> bool:
        """Whether the event is over (its last day is before ``today``)."""
        return self.last_day < (today or date.today())

    def co_organiser_list(self) -> list[str]:
        return [line.strip() for line in (self.co_organisers or "").splitlines() if line.strip()]

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # The write-up link is set when the write-up is started, never by editing
        # the event: publishing an older revision must not drop it.
        page.report_id = self.report_id
        return page

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "La date de fin doit suivre la date de début."})


def published_events() -> models.QuerySet:
    """The events the public may see (``core.visibility``), with their write-up's visibility at hand."""
    return visible(LocalEventPage.objects.all())


def upcoming(events: models.QuerySet, today: date) -> models.QuerySet:
    """Events not over yet, soonest first."""
    return events.filter(
        models.Q(end_date__gte=today) | models.Q(end_date__isnull=True, start_date__gte=today)
    ).order_by("start_date", "title")


def past(events: models.QuerySet, today: date) -> models.QuerySet:
    """Events that are over, latest first."""
    return events.filter(
        models.Q(end_date__lt=today) | models.Q(end_date__isnull=True, start_date__lt=today)
    ).order_by("-start_date", "title")


class PlannedFormat(Orderable):
    """A format the organisers plan (a workshop, a fishbowl…), as the write-up will report them."""

    event = ParentalKey(LocalEventPage, on_delete=models.CASCADE, related_name="planned_formats")
    format = models.CharField("format", max_length=32, choices=EventFormat.choices)
    title = models.CharField("intitulé", max_length=255, blank=True, validators=[no_html])

    panels = [FieldPanel("format"), FieldPanel("title")]
    api_fields = [APIField("format"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = "format prévu"


class StructureKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Collectivité territoriale"
    PUBLIC_BODY = "public_body", "Établissement ou service public"
    ASSOCIATION = "association", "Association"
    COOPERATIVE = "cooperative", "Coopérative (SCOP, SCIC…)"
    COMPANY = "company", "Entreprise"
    OTHER = "other", "Autre personne morale"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Déposée"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Refusée"


class LocalEventApplication(models.Model):
    """An application to organise a local NEC: the dossier the call asks for, and its decision."""

    # The structure and its contact
    structure_name = models.CharField("structure porteuse", max_length=200, validators=[no_html])
    structure_kind = models.CharField("type de structure", max_length=32, choices=StructureKind.choices)
    contact_first_name = models.CharField("prénom du contact", max_length=100, validators=[no_html])
    contact_last_name = models.CharField("nom du contact", max_length=100, validators=[no_html])
    contact_email = models.EmailField("e-mail du contact")
    contact_phone = models.CharField("téléphone", max_length=30, blank=True, validators=[no_html])
    # The project
    event_name = models.CharField(
        "nom du NEC local", max_length=200, validators=[no_html], help_text="Par exemple « NEC Pays de Brest 2026 »."
    )
    objective = models.TextField(
        "objectif", validators=[no_html], help_text="Ce qu'un tel NEC apporterait aux actrices et acteurs locaux."
    )
    themes = models.ManyToManyField(
        "taxonomy.ThemePage", related_name="local_event_applications", verbose_name="thématiques"
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="territoire",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_event_applications",
        help_text="Reconnu dans le registre des territoires à partir de la zone géographique, s'il y figure.",
    )
    territory_text = models.CharField(
        "zone géographique", max_length=200, validators=[no_html], help_text="Commune, département ou région."
    )
    target_audiences = models.TextField("publics cibles", validators=[no_html])
    expected_attendance = models.PositiveIntegerField("nombre de personnes attendues")
    co_organisers = models.TextField(
        "co-organisateurs et partenaires", blank=True, validators=[no_html], help_text="Une structure par ligne."
    )
    local_authority_support = models.CharField(
        "collectivité qui soutient l'événement",
        max_length=200,
        blank=True,
        validators=[no_html],
        help_text="Obligatoire pour demander un financement.",
    )
    draft_formats = models.TextField("ébauche des formats", validators=[no_html])
    means = models.TextField(
        "moyens mobilisés", validators=[no_html], help_text="Humains, techniques, matériels, communication…"
    )
    venue = models.CharField("lieu envisagé", max_length=200, blank=True, validators=[no_html])
    planned_start_date = models.DateField("date envisagée")
    planned_end_date = models.DateField("date de fin envisagée", null=True, blank=True)
    budget_total = models.DecimalField(
        "budget prévisionnel total (€)", max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    budget_details = models.TextField(
        "postes de dépenses", validators=[no_html], help_text="Les grandes lignes : lieu, communication, programmation…"
    )
    requests_funding = models.BooleanField("je demande un soutien financier du programme Société Numérique", default=False)
    requested_subsidy = models.DecimalField(
        "subvention demandée (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    charter_commitment = models.BooleanField("je m'engage à respecter la charte NEC", default=False)
    # The decision
    status = models.CharField(
        "statut", max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField("déposée le", auto_now_add=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="décidée par", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField("message au porteur de projet", blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="compte organisateur", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="local_event_applications",
    )
    event = models.ForeignKey(
        LocalEventPage, verbose_name="événement créé", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="applications",
    )

    class Meta:
        verbose_name = "candidature NEC local"
        verbose_name_plural = "candidatures NEC locaux"
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.event_name} — {self.structure_name}"

    @property
    def contact_name(self) -> str:
        return f"{self.contact_first_name} {self.contact_last_name}".strip()

    def facts(self, submitted_on: date | None = None) -> ApplicationFacts:
        """The dossier as the selection rules read it (on the day it was, or is being, submitted)."""
        submitted = submitted_on or (self.submitted_at.date() if self.submitted_at else date.today())
        return ApplicationFacts(
            submitted_on=submitted,
            planned_start_date=self.planned_start_date,
            planned_end_date=self.planned_end_date,
            requests_funding=self.requests_funding,
            budget_total=self.budget_total,
            requested_subsidy=self.requested_subsidy,
            expected_attendance=self.expected_attendance,
            local_authority_support=self.local_authority_support or "",
            charter_commitment=self.charter_commitment,
        )

    def clean(self) -> None:
        super().clean()
        refusals = application_refusals(self.facts())
        if refusals:
            raise ValidationError(refusals)
