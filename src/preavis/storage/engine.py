"""Engines: SQLite in WAL mode whose writers wait their turn, or PostgreSQL through psycopg."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from preavis.domain.errors import ValidationError

SQLITE_BUSY_MS = 30_000
# PostgreSQL: how long a connection may take to open (seconds), and how soon a connection
# whose server went silent (a network cut, not a refusal) is found dead: TCP keepalives and
# a limit on unacknowledged data (milliseconds). Without them a worker or a web node waited
# forever on a database it could not reach. A URL's own `?connect_timeout=` etc. wins.
PG_CONNECT = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "tcp_user_timeout": 60_000,
}
READ_ONLY = "preavis_read_only"


def make_engine(url: str) -> Engine:
    """An engine for `url` (sqlite:///file.db or postgresql+psycopg://…)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValidationError.said("database.bad_url", field="database_url", url=url) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ValidationError.said("database.sqlite_file", field="database_url")
        engine = create_engine(parsed, connect_args={"check_same_thread": False})
        _sqlite_writers_queue(engine)
        return engine
    if parsed.drivername == "postgres":  # the form many hosts hand out (postgres://…)
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "postgresql":
        driver = parsed.get_driver_name()
        if driver not in ("psycopg", "") and "+" in parsed.drivername:
            raise ValidationError.said("database.driver", field="database_url", name=driver)
        parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            given = {k: v for k, v in PG_CONNECT.items() if k not in parsed.query}
            return create_engine(
                parsed, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args=given
            )
        except ImportError as exc:  # installed without the [postgres] extra
            raise ValidationError.said(
                "database.no_driver", field="database_url", extra="'preavis[postgres]'"
            ) from exc
    raise ValidationError.said(
        "database.unsupported", field="database_url", name=parsed.get_backend_name()
    )


def _sqlite_writers_queue(engine: Engine) -> None:
    """WAL, a long busy timeout and BEGIN IMMEDIATE: concurrent writers queue instead of failing
    with "database is locked" (a deferred transaction cannot wait to upgrade its lock)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
