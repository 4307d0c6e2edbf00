"""The hub's lowest layer: helpers every app needs, knowing no app.

What the public may see (``visibility``), absolute API addresses (``links``),
the API's shared pieces (``api``: public-read auth, computed page fields,
problem responses, common schemas), the abstract page pieces (``pages``) and
the progress bar of long commands (``progress``). Nothing here imports a
project app; every app may import from here.
"""
