"""Abstract pieces shared by the page models of every app."""

from django.db import models


class IntroductionMixin(models.Model):
    """A plain-text introduction shown at the top of a page and in listings."""

    introduction = models.TextField("introduction", blank=True, max_length=2000)

    class Meta:
        abstract = True
