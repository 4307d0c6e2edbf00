"""Licensing in the API: the licences router, the licence and media schemas, and
how an ``OpenLicenceField`` reads and writes in the page schemas."""
