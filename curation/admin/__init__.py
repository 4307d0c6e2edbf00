"""Curation's admin screens: « Ajouter à une collection » (one resource or many) and the overview."""
