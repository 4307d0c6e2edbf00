"""Change the licence of pages, images or documents from the command line.

    python manage.py relicense image 12 14 --licence cc-by-4.0

Refuses a licence that is not open (or unknown) before touching anything,
and changes every item or none of them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from licensing.errors import licence_refusal_message
from licensing.models import Licence, LicensedMixin


def _page_model():
    from wagtail.models import Page

    return Page


class Command(BaseCommand):
    help = "Change the open licence of resources, images or documents (all or nothing)."

    KINDS = {"page": _page_model, "image": get_image_model, "document": get_document_model}

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(self.KINDS), help="What to relicense.")
        parser.add_argument("ids", nargs="+", type=int, help="Ids of the items.")
        parser.add_argument("--licence", required=True, help="Id of an open licence, e.g. cc-by-4.0.")

    def handle(self, *args, kind: str, ids: list[int], licence: str, **options):
        if not Licence.objects.filter(open_key=licence).exists():
            raise CommandError(licence_refusal_message(licence, "--licence"))
        model = self.KINDS[kind]()
        queryset = model._default_manager.filter(pk__in=ids)
        if kind == "page":
            queryset = queryset.specific()
        items = {item.pk: item for item in queryset}
        missing = sorted(set(ids) - set(items))
        if missing:
            raise CommandError(f"ids: no {kind} with id {', '.join(map(str, missing))}.")
        unlicensed = sorted(pk for pk, item in items.items() if not isinstance(item, LicensedMixin))
        if unlicensed:
            raise CommandError(f"ids: page(s) {', '.join(map(str, unlicensed))} carry no licence.")
        try:
            with transaction.atomic():
                for position, item_id in enumerate(ids, start=1):
                    item = items[item_id]
                    if kind == "page":
                        self._relicense_page(item, licence)
                    else:
                        item.licence_id = licence
                        item.save(update_fields=["licence"])
                    self.stdout.write(f"[{position}/{len(ids)}] {kind} {item_id} « {item} » → {licence}")
        except ValidationError as error:
            raise CommandError(f"Nothing changed: {'; '.join(error.messages)}") from error
        self.stdout.write(self.style.SUCCESS(f"{len(ids)} {kind}(s) now under {licence}."))

    @staticmethod
    def _relicense_page(page, licence: str) -> None:
        """Record the change as a revision, published if the page was live."""
        page = page.get_latest_revision_as_object()
        page.licence_id = licence
        revision = page.save_revision(log_action=True)
        if page.live:
            revision.publish()
