"""StreamField errors that say where they are: block index, block type, field.

Wagtail's ``StreamBlockValidationError`` carries each block's error in
``block_errors`` (the admin draws them beside the blocks) but its message is only
"Validation error in StreamBlock", which is all a form's JSON errors — hence the
write API's problems — can show. A ``DescribedStreamBlock`` raises the same error
(the admin is unchanged) with a message naming each faulty block, e.g.
``[2] (image): image: Ce champ est obligatoire.``; the API puts the field's name
in front (``body[2] (image): …``, bases/api/problems.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

LINE_SEPARATOR = "\n"
BLOCK_PATH_START = "["


class DescribedStreamBlockValidationError(StreamBlockValidationError):
    """Wagtail's StreamBlock error, with a message naming every faulty block."""

    def __init__(self, error: StreamBlockValidationError, types: dict[int, str]):
        super().__init__(block_errors=error.block_errors, non_block_errors=error.non_block_errors)
        lines = [message for e in self.non_block_errors.as_data() for message in e.messages]
        for index, block_error in sorted(self.block_errors.items()):
            for path, message in describe(block_error):
                lines.append(f"[{index}] ({types.get(index, '?')}): {path + ': ' if path else ''}{message}")
        self.message = LINE_SEPARATOR.join(lines) or self.message  # one line per faulty block (LINE_SEPARATOR)
        self.error_list = [self]


class DescribedStreamBlock(blocks.StreamBlock):
    """A StreamBlock whose validation error names the index and type of each faulty block."""

    def clean(self, value):
        try:
            return super().clean(value)
        except StreamBlockValidationError as error:
            types = {index: child.block_type for index, child in enumerate(value)}
            raise DescribedStreamBlockValidationError(error, types) from error


def describe(error: ValidationError) -> list[tuple[str, str]]:
    """(path inside the block, message) for every message of a block's error: ``("image", "…")``, ``("[0].label", "…")``."""
    if isinstance(error, StructBlockValidationError):
        found = [("", m) for e in error.non_block_errors.as_data() for m in e.messages]
        for name, child in error.block_errors.items():
            found += [(_join(name, path), message) for path, message in describe(child)]
        return found
    if isinstance(error, (ListBlockValidationError, StreamBlockValidationError)):
        found = [("", m) for e in error.non_block_errors.as_data() for m in e.messages]
        for index, child in sorted(error.block_errors.items()):
            found += [(_join(f"[{index}]", path), message) for path, message in describe(child)]
        return found
    return [("", message) for message in error.messages]


def _join(head: str, path: str) -> str:
    if not path:
        return head
    return f"{head}{path}" if path.startswith("[") else f"{head}.{path}"
