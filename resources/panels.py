"""Editor panels for event write-ups: what is missing, and the charter figures."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel


class _InstancePanel(Panel):
    """A read-only panel rendering a template about the page being edited."""

    template_name = ""

    def clone_kwargs(self) -> dict[str, Any]:
        return super().clone_kwargs()

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def get_context_data(self, parent_context=None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["page"] = self.instance
            return context


class SubmissionChecklistPanel(_InstancePanel):
    """Lists what the write-up still lacks before it can be submitted."""

    template_name = "resources/panels/submission_checklist.html"

    class BoundPanel(_InstancePanel.BoundPanel):
        def get_context_data(self, parent_context=None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["missing"] = self.instance.missing_for_submission()
            return context


class CharterPanel(_InstancePanel):
    """Shows the NEC charter's points (speakers' parity, free and open) for review."""

    template_name = "resources/panels/charter.html"

    class BoundPanel(_InstancePanel.BoundPanel):
        def get_context_data(self, parent_context=None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["charter"] = self.instance.charter_summary()
            return context
