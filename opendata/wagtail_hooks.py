"""How the open doors extend the apps below: a resource's schema.org data and its exports in the API."""

from __future__ import annotations

from django.conf import settings
from wagtail import hooks

from core.visibility import visible
from licensing.templatetags.licensing_tags import LICENCE_HEAD_HOOK
from opendata.dates import resource_date_text
from opendata.links import export_links
from resources.api_fields import RESOURCE_EXPORTS_HOOK
from resources.models import ResourcePage, ResourceType

TYPE_LABELS = dict(ResourceType.choices)


@hooks.register(LICENCE_HEAD_HOOK)
def learning_resource(item, data: dict) -> dict:
    """A resource's JSON-LD: a schema.org LearningResource with its date, themes, type, place and author."""
    if not isinstance(item, ResourcePage):
        return data
    themes = visible(item.themes.all()).order_by("title") if item.pk else []
    data.update(
        {
            "@type": ["LearningResource", "CreativeWork"],
            "description": item.summary,
            "inLanguage": "fr",
            "learningResourceType": str(TYPE_LABELS.get(item.resource_type, item.resource_type)),
            "isAccessibleForFree": True,
            "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        }
    )
    if date := resource_date_text(item):
        data["dateCreated"] = date
    if item.last_published_at:
        data["dateModified"] = item.last_published_at.isoformat()
    if item.attribution:
        data["author"] = {"@type": "Organization", "name": item.attribution}
    about = [{"@type": "DefinedTerm", "name": theme.title, "url": theme.full_url or ""} for theme in themes]
    if about:
        data["about"] = about
    if item.territory:
        data["spatialCoverage"] = {"@type": "Place", "name": item.territory.name}
    keywords = [tag.name for tag in item.tags.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    if item.pk and item.live:
        data["encoding"] = [
            {"@type": "MediaObject", "encodingFormat": link["media_type"], "contentUrl": _full(link["url"])}
            for link in export_links(item)
        ]
    return data


@hooks.register(RESOURCE_EXPORTS_HOOK)
def resource_exports(page) -> list[dict]:
    """The exports of a published resource, as absolute addresses (none for a draft)."""
    if not page.pk or not page.live:
        return []
    return [{**link, "url": _full(link["url"])} for link in export_links(page)]


def _full(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
