"""A read-only editor panel: the hand-picked resources the public no longer sees."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import Panel


class HiddenItemsPanel(Panel):
    """Tells editors which chosen resources are hidden from the public view, and why."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context: Any = None) -> str:
            page = self.instance
            hidden = page.hidden_items() if page.pk else []
            if not hidden:
                return format_html("<p>{}</p>", "Toutes les ressources choisies sont visibles du public.")
            rows = format_html_join(
                "",
                '<li><a href="{}">{}</a> — {}</li>',
                (
                    (reverse("wagtailadmin_pages:edit", args=(item.resource_id,)), item.title, item.reason)
                    for item in hidden
                ),
            )
            return format_html(
                '<div class="help-block help-warning"><p>{}</p><ul>{}</ul></div>',
                f"{len(hidden)} ressource(s) choisie(s) n'apparaissent plus dans la vue publique :",
                rows,
            )
