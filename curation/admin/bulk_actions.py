"""« Ajouter à une collection » as a bulk action of the page listing: several resources at once."""

from __future__ import annotations

from django.template.response import TemplateResponse
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from curation.adding import (
    CurationError,
    add_to_collection,
    already_in,
    editable_collections,
)
from curation.admin.forms import BulkAddForm
from resources.models import ResourcePage


class AddToCollectionBulkAction(PageBulkAction):
    display_name = "Ajouter à une collection"
    action_type = "add_to_collection"
    aria_label = "Ajouter les ressources choisies à une collection"
    template_name = "curation/admin/bulk_add_to_collection.html"
    action_priority = 60
    form_class = BulkAddForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def check_perm(self, page) -> bool:
        return issubclass(page.specific_class or type(None), ResourcePage) and bool(editable_collections(self.request.user))

    def prepare_action(self, pages, pages_without_access):
        collection = self.cleaned_form.cleaned_data["collection"]
        resources = [page.specific for page in pages]
        if not resources or len(already_in(collection, resources)) == len(resources):
            self.cleaned_form.add_error(
                "collection", f"Les ressources choisies sont déjà toutes dans la collection « {collection.title} »."
            )
            return TemplateResponse(
                self.request, self.template_name, {**self.get_context_data(), "form": self.cleaned_form}, status=400
            )
        return None

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {**super().get_execution_context(), "collection": data["collection"], "note": data["note"]}

    @classmethod
    def execute_action(cls, objects, collection=None, note: str = "", user=None, **kwargs):
        try:
            result = add_to_collection(collection, [page.specific for page in objects], user, note)
        except CurationError:
            return 0, 0
        return len(result.added), len(result.already_there)

    def get_success_message(self, num_parent_objects, num_child_objects) -> str:
        text = f"{num_parent_objects} ressource(s) ajoutée(s) à la collection"
        if num_child_objects:
            text += f" ; {num_child_objects} déjà présente(s), laissée(s) à leur place"
        return text + "."
