"""The licences router: GET /api/v3/licences/ and /api/v3/licences/{id}/."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from core.api.auth import public_router
from licensing.api.schemas import LicenceSchema
from licensing.register import Licence

router = public_router("licences")


@router.get(
    "/",
    response=list[LicenceSchema],
    url_name="licences_list",
    summary="Open licences",
    operation_id="licences_list",
)
def list_licences(request: HttpRequest):
    """The licences an item may carry (the open ones of the register), by name."""
    return Licence.objects.open()


@router.get(
    "/{licence_id}/",
    response=LicenceSchema,
    url_name="licences_detail",
    summary="Licence detail",
    operation_id="licences_detail",
)
def get_licence(request: HttpRequest, licence_id: str):
    """One open licence of the register, by its SPDX-style id."""
    licence = Licence.objects.open().filter(pk=licence_id).first()
    if licence is None:
        raise Http404(f"No open licence « {licence_id} »; see /api/v3/licences/.")
    return licence
