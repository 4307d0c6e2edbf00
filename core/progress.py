"""A plain text progress bar for long commands (no dependency)."""

from __future__ import annotations

from typing import TextIO

from django.core.management.base import OutputWrapper


class TextProgressBar:
    """Called as ``bar(done, total)``; redraws in place on a terminal.

    Elsewhere (a log, a cron mail) it writes one line per tenth, so the output
    stays readable without carriage returns.
    """

    def __init__(
        self, stream: TextIO | OutputWrapper, label: str = "", width: int = 30, interactive: bool | None = None
    ):
        self.stream = stream
        self.label = label
        self.width = width
        self.interactive = stream.isatty() if interactive is None else interactive
        self._last_step = -1
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        fraction = 1.0 if total <= 0 else min(max(done, 0) / total, 1.0)
        step = int(fraction * (100 if self.interactive else 10))
        if step == self._last_step:
            return
        self._last_step = step
        filled = int(fraction * self.width)
        line = f"{self.label}[{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%} {done}/{total}"
        self._emit(f"\r{line}" if self.interactive else f"{line}\n")
        self._drawn = True

    def finish(self) -> None:
        """End the bar's line on a terminal."""
        if self.interactive and self._drawn:
            self._emit("\n")

    def _emit(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")  # no newline added: the bar redraws in place
        else:
            self.stream.write(text)
        self.stream.flush()
