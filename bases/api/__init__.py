"""The hub's one headless API: Wagtail's v3 Ninja API, to which the hub's own
routers are added (search, resources, licences, taxonomies, collections, bases),
so there is one OpenAPI document (/api/v3/openapi.json) and one set of docs
(/api/v3/docs/). The hub's domain errors become v3 problem responses here.
"""

from wagtail.api.v3.urls import api

from bases.api import openapi
from bases.api.router import router as bases_router
from core.api.problems import register_form_problem_handler
from curation.api.collections import router as collections_router
from curation.api.related import router as related_router
from licensing.api.router import router as licences_router
from search.api.problems import register_problem_handlers
from search.api.router import router as search_router
from taxonomy.api.router import router as taxonomy_router
from territories.api.router import router as territories_router

api.title = "Les Bases API"
api.description = (
    "The open resource hub of Numérique en Commun[s]: Wagtail's v3 pages API and the hub's "
    "search, reference data and collections. Errors are RFC 7807 problem JSON."
)

register_problem_handlers(api)
register_form_problem_handler(api)
api.add_router("/search/", search_router)
api.add_router("/resources/", related_router)
api.add_router("/licences/", licences_router)
api.add_router("/", taxonomy_router)
api.add_router("/collections/", collections_router)
api.add_router("/bases/", bases_router)
api.add_router("/territories/", territories_router)
openapi.install(api)

__all__ = ["api"]
