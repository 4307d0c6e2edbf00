"""Taxonomy in the API: GET /api/v3/themes/ and /api/v3/principles/."""
