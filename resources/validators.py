"""Validators for the plain-text fields contributors fill in."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# A tag opening (<b>, </p>, <!-- , <?php, <script): a lone "<" as in "a < b" is fine.
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")

HTML_REFUSED_MESSAGE = (
    "Ce champ attend du texte simple : retirez les balises HTML (par exemple « <b> » ou « <script> »)."
)


@deconstructible
class NoHTMLValidator:
    """Refuse HTML tags in a plain-text field, with a clear message."""

    message = HTML_REFUSED_MESSAGE
    code = "html_not_allowed"

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and _TAG.search(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoHTMLValidator)


no_html = NoHTMLValidator()
