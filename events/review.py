"""The editorial decision on an application: accept (account, sign-in link, draft event) or decline.

The organiser's account comes from the shell's invitations (a layer above):
events asks for it through the ``invite_organiser`` Wagtail hook, which
``bases/wagtail_hooks.py`` answers with ``bases.invitations.invite_organiser``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from wagtail import hooks

from events.mail import tell_applicant
from events.models import (
    ApplicationStatus,
    LocalEventApplication,
    LocalEventIndexPage,
    LocalEventPage,
)

INVITE_ORGANISER_HOOK = "invite_organiser"


@dataclass(frozen=True)
class Acceptance:
    application: LocalEventApplication
    user: object
    created: bool
    link: str
    event: LocalEventPage


def _invite(email: str, first_name: str, last_name: str):
    """The organiser's account and one-time link, from whoever answers the hook."""
    answers = hooks.get_hooks(INVITE_ORGANISER_HOOK)
    if not answers:
        raise ValidationError("Aucune application ne sait créer les comptes organisateurs (hook invite_organiser).")
    return answers[-1](email, first_name, last_name, send=False)


def _undecided(application: LocalEventApplication) -> None:
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            f"Cette candidature est déjà {application.get_status_display().lower()} : la décision ne change plus."
        )


def calendar_page() -> LocalEventIndexPage:
    page = LocalEventIndexPage.objects.first()
    if page is None:
        raise ValidationError(
            "Il n'existe pas encore de « Calendrier des NEC locaux » : créez-le sous la base NEC locaux."
        )
    return page


def _unique_slug(parent, base: str) -> str:
    slug, n = base or "nec-local", 1
    siblings = set(parent.get_children().values_list("slug", flat=True))
    candidate = slug
    while candidate in siblings:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def draft_event(application: LocalEventApplication, owner) -> LocalEventPage:
    """A draft event page owned by ``owner``, with the facts of the application."""
    parent = calendar_page()
    event = LocalEventPage(
        title=application.event_name,
        slug=_unique_slug(parent, slugify(application.event_name)[:60]),
        start_date=application.planned_start_date,
        end_date=application.planned_end_date,
        venue=application.venue,
        territory=application.territory,
        organiser_structure=application.structure_name,
        co_organisers=application.co_organisers,
        description=linebreaks(application.objective, autoescape=True),
        owner=owner,
        live=False,
    )
    event.themes = list(application.themes.all())  # parental: committed by add_child's save
    parent.add_child(instance=event)
    event.save_revision(user=owner, log_action=True)
    return event


def accept(application: LocalEventApplication, reviewer, message: str = "") -> Acceptance:
    """Accept: the organiser's account (created or reused by e-mail), a draft event they own, an e-mail."""
    with transaction.atomic():
        application = LocalEventApplication.objects.select_for_update().get(pk=application.pk)
        _undecided(application)
        invitation = _invite(application.contact_email, application.contact_first_name, application.contact_last_name)
        event = draft_event(application, invitation.user)
        application.status = ApplicationStatus.ACCEPTED
        application.decision_message = message
        application.decided_at = timezone.now()
        application.decided_by = reviewer
        application.organiser = invitation.user
        application.event = event
        application.save()
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=(event.pk,))
    tell_applicant(
        application, "accepted", link=invitation.link, username=invitation.user.get_username(), event_edit_url=edit_url
    )
    return Acceptance(application, invitation.user, invitation.created, invitation.link, event)


def decline(application: LocalEventApplication, reviewer, message: str) -> LocalEventApplication:
    """Decline, with the reason the applicant is told."""
    if not (message or "").strip():
        raise ValidationError({"message": "Expliquez au porteur de projet pourquoi sa candidature est refusée."})
    with transaction.atomic():
        application = LocalEventApplication.objects.select_for_update().get(pk=application.pk)
        _undecided(application)
        application.status = ApplicationStatus.DECLINED
        application.decision_message = message.strip()
        application.decided_at = timezone.now()
        application.decided_by = reviewer
        application.save()
    tell_applicant(application, "declined")
    return application
