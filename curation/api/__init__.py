"""Collections in the API: the collections and related-resources routers (shapes: ``curation.api.schemas``)."""
