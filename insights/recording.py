"""Record the searches and clicks search announces (``search.events``).

A failure here is logged and swallowed (search also sends robustly): the
visitor gets the results whether or not they could be recorded. One INSERT
per search, nothing else on the request's path; once a day the first recorded
search also schedules the retention task (``insights.tasks``).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.utils import timezone

from insights.models import RecordedClick, RecordedSearch
from insights.normalise import normalise_query
from insights.tasks import schedule_retention
from insights.visitors import is_counted
from search.events import result_clicked, search_performed
from search.query import SearchQuery

logger = logging.getLogger(__name__)


def record_search(sender, request: HttpRequest, query: SearchQuery, total: int, channel: str, **kwargs) -> None:
    """One public search: its first page only (later pages are the same search), none if empty."""
    try:
        if query.page != 1 or not (query.text or query.filters) or not is_counted(request):
            return
        RecordedSearch.objects.create(
            day=timezone.localdate(),
            query=normalise_query(query.text),
            filters={facet.value: sorted(values) for facet, values in sorted(query.filters.items())},
            results_count=total,
            channel=channel,
        )
        schedule_retention()
    except Exception:
        logger.exception("could not record a search")


def record_click(
    sender, request: HttpRequest, text: str, resource_id: int, position: int | None, channel: str, **kwargs
) -> None:
    try:
        if not is_counted(request):
            return
        RecordedClick.objects.create(
            day=timezone.localdate(),
            query=normalise_query(text),
            resource_id=resource_id,
            position=position,
            channel=channel,
        )
    except Exception:
        logger.exception("could not record a click")


def connect() -> None:
    search_performed.connect(record_search, dispatch_uid="insights.record_search")
    result_clicked.connect(record_click, dispatch_uid="insights.record_click")
