"""Alembic revisions, applied in order on open."""
