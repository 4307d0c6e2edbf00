"""Publishing over licence conflicts: refused unless acknowledged on the revision.

The page model asks ``unacknowledged_conflicts`` whenever it is published (admin,
workflow approval, bulk publish, API: they all end in ``Page.save`` → ``clean``);
the admin form lets an editor tick « publier malgré tout », which the page turns
into a ``LicenceAcknowledgement`` on the revision it saves.
"""

from __future__ import annotations

from licensing.conflicts import ConflictReport, licence_conflicts
from licensing.models import LicenceAcknowledgement

# Instance attribute the admin form sets when the editor ticks the acknowledgement.
ACKNOWLEDGED_ATTR = "_licence_conflicts_acknowledged"


def acknowledged_conflicts(page) -> set[tuple] | None:
    """The conflicts acknowledged for the revision being published (None: no acknowledgement).

    An in-memory tick from the admin form covers everything the editor was shown.
    """
    ticked: ConflictReport | None = getattr(page, ACKNOWLEDGED_ATTR, None)
    if ticked is not None:
        return {_key(conflict.as_dict()) for conflict in ticked.conflicts}
    revision_id = page.live_revision_id if page.live else page.latest_revision_id
    acknowledgement = LicenceAcknowledgement.objects.filter(revision_id=revision_id).first() if revision_id else None
    if acknowledgement is None:
        return None
    return {_key(conflict) for conflict in acknowledgement.conflicts}


def _key(conflict: dict) -> tuple:
    return (conflict.get("kind"), conflict.get("title"), conflict.get("licence"))


def unacknowledged_conflicts(page, report: ConflictReport | None = None) -> ConflictReport | None:
    """The page's licence conflicts that no acknowledgement covers; None when publishing may go on.

    An acknowledgement covers the conflicts it listed: a work whose licence changed
    since, or a new one, needs a new acknowledgement.
    """
    report = report if report is not None else licence_conflicts(page)
    if not report:
        return None
    acknowledged = acknowledged_conflicts(page) or set()
    left = [conflict for conflict in report.conflicts if _key(conflict.as_dict()) not in acknowledged]
    if not left:
        return None
    return ConflictReport(report.licence_id, left, report.working)


def acknowledge(page, report: ConflictReport) -> None:
    """Mark the page as acknowledged in memory; ``record_on_revision`` stores it."""
    setattr(page, ACKNOWLEDGED_ATTR, report)


def record_on_revision(page, revision, user) -> None:
    """Store the in-memory acknowledgement (if any) on the revision just saved."""
    report: ConflictReport | None = getattr(page, ACKNOWLEDGED_ATTR, None)
    if report is None or revision is None:
        return
    LicenceAcknowledgement.objects.update_or_create(
        revision=revision,
        defaults={
            "user": user if getattr(user, "is_authenticated", False) else None,
            "licence": report.licence_id,
            "conflicts": [conflict.as_dict() for conflict in report.conflicts],
        },
    )
    delattr(page, ACKNOWLEDGED_ATTR)


def revision_conflicts(revision) -> ConflictReport | None:
    """The unacknowledged conflicts publishing ``revision`` would meet (None: it may be published)."""
    page = revision.as_object()
    if not hasattr(page, "licence_id"):
        return None
    # Judge it as the publish would: live, with this revision as the live one.
    page.live, page.live_revision_id = True, revision.pk
    return unacknowledged_conflicts(page)
