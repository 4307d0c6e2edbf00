"""Abstract pieces shared by page models across the apps."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class IntroductionMixin(models.Model):
    """A plain-text introduction shown at the top of a page and in listings."""

    introduction = models.TextField("introduction", blank=True, max_length=2000)

    class Meta:
        abstract = True


def licence_panels(heading: str = "Licence et crédits", acknowledgement: bool = False) -> MultiFieldPanel:
    """The admin panel for the fields of ``LicensedMixin``.

    ``acknowledgement`` adds the « publier malgré tout » box of a form that checks
    licence conflicts (``resources.forms.LicenceConflictFormMixin``).
    """
    panels = [
        FieldPanel("licence"),
        # LicensedMixin.save refuses an empty attribution, drafts included:
        # ask for it on every save rather than fail when the draft is written.
        FieldPanel("attribution", required_on_save=True),
        FieldPanel("source_url"),
    ]
    if acknowledgement:
        panels.append(FieldPanel("licence_acknowledgement"))
    return MultiFieldPanel(panels, heading=heading)
