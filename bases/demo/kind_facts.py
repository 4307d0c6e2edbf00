"""The kind-specific facts of the demo collections: the podcast's episodes (with a
placeholder audio file each), la revue NEC's issues (with a generated PDF each)
and the rule that keeps « NEC locaux » up to date with its base.

StreamField blocks get stable ids, so a second load yields the same data and
no new revision.
"""

from __future__ import annotations

from typing import Any

from bases.demo import facts
from bases.demo.documents import (
    PDF_NOTICE,
    DemoDocument,
    ensure_document,
    render_pdf,
    render_silence,
)


def _document(ctx, spec: DemoDocument, render) -> Any:
    result = ensure_document(spec, render)
    if result.written_file:
        ctx.written_files.append(result.written_file)
    return result.document


def episodes_data(ctx, block_id) -> list[dict[str, Any]]:
    """One episode block per podcast episode, its audio a short placeholder file."""
    blocks = []
    for number, episode in enumerate(facts.PODCAST_EPISODES, start=1):
        audio = _document(
            ctx,
            DemoDocument(
                title=f"Podcast Numérique en Commun[s] — épisode {number} (audio de substitution)",
                filename=f"demo-podcast-nec-episode-{number}.wav",
                licence=episode.licence,
                attribution=episode.attribution,
            ),
            render_silence,
        )
        blocks.append(
            {
                "type": "episode",
                "id": block_id("podcast-episodes", number),
                "value": {
                    "number": number,
                    "title": episode.title,
                    "audio_url": "",
                    "audio_document": audio.pk,
                    "duration": "",
                    "licence": episode.licence,
                    "attribution": episode.attribution,
                    "resource": ctx.resources[episode.slug].pk,
                },
            }
        )
    return blocks


def issues_data(ctx, block_id) -> list[dict[str, Any]]:
    """One issue block per number of la revue NEC, each with its generated PDF."""
    revue = {resource.slug: resource for resource in facts.REVUE_ISSUES}
    blocks = []
    for issue in facts.REVUE_ISSUE_FACTS:
        resource = revue[issue.slug]

        def render(issue=issue) -> bytes:
            return render_pdf([f"La revue NEC n° {issue.number}", issue.subject, issue.season, "", PDF_NOTICE])

        pdf = _document(
            ctx,
            DemoDocument(
                title=f"{issue.title} (PDF de substitution)",
                filename=f"demo-revue-nec-{issue.number}.pdf",
                licence=resource.licence,
                attribution=facts.ANCT,
            ),
            render,
        )
        blocks.append(
            {
                "type": "issue",
                "id": block_id("revue-issues", issue.number),
                "value": {
                    "number": issue.number,
                    "season": issue.season,
                    "document": pdf.pk,
                    "resource": ctx.resources[issue.slug].pk,
                },
            }
        )
    return blocks


def kind_fields(ctx, collection: facts.Collection, block_id) -> dict[str, Any]:
    """The facts of ``collection``'s kind, as CollectionPage field values."""
    fields: dict[str, Any] = {"rule_base": ctx.pages[collection.rule_base] if collection.rule_base else None}
    if collection.kind == "podcast":
        fields["episodes"] = episodes_data(ctx, block_id)
    elif collection.kind == "review":
        fields["issues"] = issues_data(ctx, block_id)
    return fields
