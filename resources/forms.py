"""Admin form for resources: themes may wait for a draft, never for publishing."""

from wagtail.admin.forms import WagtailAdminPageForm

THEME_REQUIRED_MESSAGE = "themes : choisissez au moins une thématique avant de publier cette ressource."


class ResourcePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Draft saves defer required fields; publishing and submitting do not.
        if not self.is_deferred_validation and "themes" in self.fields and not cleaned_data.get("themes"):
            self.add_error("themes", THEME_REQUIRED_MESSAGE)
        return cleaned_data

    def _post_clean(self):
        # The model's own themes rule (ResourcePage.clean) cannot judge this
        # form: the themes chosen here are only set on the page when the form
        # is saved, and a new page is "live" until the view marks it a draft.
        # clean() above applies the rule for the admin; the model applies it
        # again when the page is actually published.
        self.instance._validating_draft = True
        try:
            super()._post_clean()
        finally:
            self.instance._validating_draft = False
