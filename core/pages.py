"""Abstract pieces shared by the page models of every app."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class IntroductionMixin(models.Model):
    """A plain-text introduction shown at the top of a page and in listings."""

    introduction = models.TextField("introduction", blank=True, max_length=2000)

    class Meta:
        abstract = True


class IntroductionPage(IntroductionMixin, Page):
    """A page whose own content is its introduction: the home page, the bases and the
    index pages (themes, principles, collections), which list their children."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        abstract = True
