"""Storage: the only package that knows SQL (SQLAlchemy Core, Alembic migrations)."""

from preavis.storage.public import PackedRevision
from preavis.storage.store import Store, Tx

__all__ = ["PackedRevision", "Store", "Tx"]
