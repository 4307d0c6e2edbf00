"""The local NEC events' shapes in the API."""
