"""Open by design: what lets other systems collect the hub's resources.

The sitemap and robots.txt, RSS and Atom feeds, the DCAT catalogue, the OAI-PMH
endpoint, schema.org data on resource pages and the Markdown and PDF exports.
Every door reads the resources through ``records.public_resources`` (the
visibility rule) and names each item's licence and credits.
"""
