"""Collections in the API: their routers, their schemas and the computed page fields."""
