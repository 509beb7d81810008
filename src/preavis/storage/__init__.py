"""Storage: the only package that knows SQL (SQLAlchemy Core, Alembic migrations)."""

from preavis.storage.public import PackedRevision
from preavis.storage.store import HEAD, Store, Tx

__all__ = ["HEAD", "PackedRevision", "Store", "Tx"]
