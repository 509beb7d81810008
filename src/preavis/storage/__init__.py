"""Storage: the only package that knows SQL (SQLAlchemy Core, Alembic migrations)."""

from preavis.storage.store import Store, Tx

__all__ = ["Store", "Tx"]
