"""The licensing domain's one error type and the message every door shows."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from licensing.register import allowed_licences_text


def licence_refusal_message(value: object, field: str = "licence") -> str:
    """The message naming the field, the refused value and the allowed licences."""
    if value in (None, ""):
        problem = "Une licence ouverte est obligatoire"
    else:
        problem = f"« {value} » n'est pas une licence ouverte du registre"
    return f"{field} : {problem}. Licences autorisées : {allowed_licences_text()}."


class LicenceRefused(ValidationError):
    """Raised when an item is given no licence or a licence that is not open."""

    def __init__(self, value: object, field: str = "licence"):
        self.field = field
        self.value = value
        super().__init__({field: [licence_refusal_message(value, field)]}, code="licence_not_open")
