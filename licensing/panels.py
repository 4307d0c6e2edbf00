"""The admin panel of a licensed item's fields (``LicensedMixin``)."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def licence_panels(heading: str = "Licence et crédits", acknowledgement: bool = False) -> MultiFieldPanel:
    """The admin panel for the fields of ``LicensedMixin``.

    ``acknowledgement`` adds the « publier malgré tout » box of a form that checks
    licence conflicts (``licensing.forms.LicenceConflictFormMixin``).
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
