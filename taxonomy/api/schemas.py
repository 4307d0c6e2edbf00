"""Output shapes of the taxonomy: a theme, a principle, with their resource counts."""

from __future__ import annotations

from ninja import Schema


class TermPageSchema(Schema):
    id: int
    title: str
    slug: str
    introduction: str
    resource_count: int
    url: str
    api_url: str


class ThemeSchema(TermPageSchema):
    guiding_questions: list[str]


class PrincipleSchema(TermPageSchema):
    number: int
