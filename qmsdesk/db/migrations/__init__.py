"""Alembic migration scripts of the qmsdesk schema."""
