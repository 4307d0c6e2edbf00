"""Search in the API: GET /api/v3/search/ and /suggest/, their schemas and problem responses."""
