"""Alembic migrations of the Préavis schema."""
