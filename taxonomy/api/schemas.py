"""Output shapes of the taxonomy: a theme, a principle, with their resource counts."""

from __future__ import annotations

from core.api.schemas import CountedPageSchema


class TermPageSchema(CountedPageSchema):
    pass


class ThemeSchema(TermPageSchema):
    guiding_questions: list[str]


class PrincipleSchema(TermPageSchema):
    number: int
