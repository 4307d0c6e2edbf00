"""What search tells the apps above it, as Django signals: a public search ran, a result was followed.

Search does not know who listens (the ``insights`` app records them for the
editors). ``announce`` sends robustly: a listener's failure is logged here and
never reaches the visitor — a search must not fail because it could not be
recorded.

``search_performed`` — ``request``, ``query`` (the ``SearchQuery``), ``total``
(results found) and ``channel`` (``"page"`` for /recherche/, ``"api"``).
``result_clicked`` — ``request``, ``text`` (the query text the hit came from),
``resource_id``, ``position`` (1-based rank in the results, or None) and ``channel``.
"""

from __future__ import annotations

import logging

from django.dispatch import Signal
from django.http import HttpRequest

from core.http import keep_out_of_response_cache
from search.query import SearchQuery

logger = logging.getLogger(__name__)

search_performed = Signal()
result_clicked = Signal()


def announce(signal: Signal, **kwargs) -> None:
    """Send ``signal`` to every listener; log, never raise, what a listener raised."""
    for receiver, outcome in signal.send_robust(sender=__name__, **kwargs):
        if isinstance(outcome, Exception):
            logger.error("search event listener %r failed", receiver, exc_info=outcome)


def announce_search(request: HttpRequest, query: SearchQuery, total: int, channel: str) -> None:
    """Tell the listeners a public search ran; its response is never served again from a cache."""
    keep_out_of_response_cache(request)
    announce(search_performed, request=request, query=query, total=total, channel=channel)


def announce_click(request: HttpRequest, text: str, resource_id: int, position: int | None, channel: str) -> None:
    """Tell the listeners a result was followed; its response is never served again from a cache."""
    keep_out_of_response_cache(request)
    announce(result_clicked, request=request, text=text, resource_id=resource_id, position=position, channel=channel)
