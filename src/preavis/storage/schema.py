"""The database schema, as SQLAlchemy Core tables; instants are stored in UTC on every engine."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out.

    SQLite's DateTime(timezone=True) silently drops the offset, so values are stored as naive
    UTC and the UTC zone is attached again on the way out.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        if not isinstance(moment, datetime):
            raise TypeError(f"not a datetime from the database: {value!r}")
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

SLUG = 80

groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(SLUG), nullable=False, unique=True),
    Column("name_fr", Text, nullable=False),
    Column("name_en", Text, nullable=False),
)

services = Table(
    "services",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(SLUG), nullable=False, unique=True),
    Column("name_fr", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("group_slug", String(SLUG), nullable=True),
    Column("channel", String(16), nullable=True),
    Column("retired", Boolean, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

maintenances = Table(
    "maintenances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(SLUG), nullable=False, unique=True),
    Column("title_fr", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("summary_fr", Text, nullable=False),
    Column("summary_en", Text, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("starts_at", UTCDateTime, nullable=True),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("revision", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime, nullable=True),  # first publication, kept if cancelled
)

interruptions = Table(
    "interruptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "maintenance_id",
        Integer,
        ForeignKey("maintenances.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("key", String(32), nullable=False),
    Column("service_id", Integer, ForeignKey("services.id", ondelete="RESTRICT"), nullable=False),
    Column("impact", String(16), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("description_fr", Text, nullable=False),
    Column("description_en", Text, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("maintenance_id", "key"),
    Index(None, "service_id"),
    Index(None, "starts_at", "ends_at"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", String(200), nullable=False),
    Column("number", Integer, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("changes", Text, nullable=False),
    UniqueConstraint("subject", "number"),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(SLUG), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
)

# -- people: who signs in to the admin (migration 0009) -------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),  # case-folded
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=True),  # argon2id; None until a link is used
    Column("created_at", UTCDateTime, nullable=False),
    Column("disabled_at", UTCDateTime, nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),  # SHA-256 of the cookie's secret
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),  # absolute expiry
    Index(None, "user_id"),
)

password_links = Table(
    "password_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime, nullable=True),
)

sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False),  # "account:<email>" or "address:<ip>"
    Column("at", UTCDateTime, nullable=False),
    Index(None, "key", "at"),
)
