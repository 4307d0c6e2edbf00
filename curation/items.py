"""A resource placed in a collection by an editor, in the editors' order.

Its own module so that membership (which reads the items) sits below the page
model (which shows its members); ``curation.models`` re-exports it.
"""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable


class CollectionItem(Orderable):
    """A resource placed in a collection, in the editors' order."""

    collection = ParentalKey("curation.CollectionPage", on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name="ressource",
        on_delete=models.CASCADE,
        related_name="collection_items",
    )
    note = models.CharField("note de l'équipe éditoriale", max_length=300, blank=True)
    featured = models.BooleanField(
        "mise en avant", default=False, help_text="Une seule ressource mise en avant par collection."
    )

    panels = [PageChooserPanel("resource", ["resources.ResourcePage"]), FieldPanel("note"), FieldPanel("featured")]
    api_fields = [APIField("resource"), APIField("note"), APIField("featured")]

    class Meta(Orderable.Meta):
        verbose_name = "ressource de la collection"
        constraints = [
            models.UniqueConstraint(fields=["collection", "resource"], name="collection_item_unique_resource"),
            models.UniqueConstraint(
                fields=["collection"], condition=models.Q(featured=True), name="collection_item_one_featured"
            ),
        ]
