"""What the applicant is told, at each step (Django's mail)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string

from events.models import LocalEventApplication

SUBJECTS = {
    "received": "Votre candidature NEC local a bien été reçue",
    "accepted": "Votre NEC local est accepté",
    "declined": "Votre candidature NEC local",
}


def tell_applicant(application: LocalEventApplication, step: str, **context) -> None:
    """Send the applicant the message of ``step`` (received, accepted, declined)."""
    body = render_to_string(f"events/mail/{step}.txt", {"application": application, **context})
    send_mail(f"{SUBJECTS[step]} — {application.event_name}", body, None, [application.contact_email])
