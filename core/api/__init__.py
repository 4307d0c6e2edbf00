"""Pieces every app's API router and page fields share (no app of the hub imported)."""
