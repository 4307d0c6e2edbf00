"""The search backend on the database (no server): SQLite or PostgreSQL.

``backend`` (``DatabaseBackend``) runs queries and writes the index tables of
``models``; ``rows`` turns documents into those rows, ``text`` parses queries,
``highlight`` marks the words found.
"""
