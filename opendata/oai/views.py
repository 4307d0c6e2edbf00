"""GET or POST /oai/: the OAI-PMH endpoint."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from opendata.oai.protocol import respond


@csrf_exempt  # harvesters may POST their arguments (the specification allows it); nothing is written
@require_http_methods(["GET", "HEAD", "POST"])
def oai_endpoint(request: HttpRequest) -> HttpResponse:
    """Every verb at one address; protocol errors are 200 responses carrying an ``<error>``, as specified."""
    data = request.POST if request.method == "POST" else request.GET
    arguments = {name: data.getlist(name) for name in data}
    base_url = request.build_absolute_uri(request.path)
    document = respond(arguments, base_url)
    body = etree.tostring(document, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
