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

# Names printed in notices for a service other than its own (domain/service.py, Alias): the
# import review remembers them, the reader reads them as the service. One service per name.
service_aliases = Table(
    "service_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),  # as printed (the first time it was learned)
    Column("key", String(200), nullable=False, unique=True),  # folded: domain alias_key
    Column("service_id", Integer, ForeignKey("services.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "service_id"),
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
    # What a schedule file said when `apply` last wrote it; any other write clears it.
    Column("applied_digest", String(64), nullable=True),
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

# -- people: who signs in to the admin (migration 0005) -------------------------------------

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

# -- notifications (migration 0004) ----------------------------------------------------------

EMAIL = 320  # RFC 5321: 64 for the local part, 255 for the domain, and the "@"

subscribers = Table(
    "subscribers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(EMAIL), nullable=False, unique=True),  # domain case-folded
    Column("lang", String(2), nullable=False),
    Column("timezone", String(64), nullable=True),  # None: each maintenance's own zone
    Column("services", Text, nullable=False),  # slugs separated by spaces; "" with no groups:
    Column("groups", Text, nullable=False),  # everything
    Column("status", String(16), nullable=False),  # pending, confirmed, unsubscribed
    Column("manage_key", String(64), nullable=False),  # signed into preferences links
    Column("consent_at", UTCDateTime, nullable=False),  # when consent was asked for
    Column("consent_how", Text, nullable=False),  # "web form", "API", "imported by an admin"
    Column("consent_source", Text, nullable=False),  # the client address, the file, …
    Column("confirmed_at", UTCDateTime, nullable=True),
    Column("unsubscribed_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index(None, "status"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),  # never produced twice
    Column("kind", String(32), nullable=False),
    Column("subject", String(200), nullable=False),  # maintenance slug, or subscriber id
    Column("revision", Integer, nullable=False),
    Column("offset_minutes", Integer, nullable=False),
    Column("payload", Text, nullable=False),  # JSON: what the messages are rendered from
    Column("created_at", UTCDateTime, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column(
        "subscriber_id",
        Integer,
        ForeignKey("subscribers.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("status", String(16), nullable=False),  # pending, sent, failed, dead
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("message_id", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    UniqueConstraint("event_id", "subscriber_id"),
    Index(None, "status", "next_attempt_at"),
    Index(None, "subscriber_id"),
)

# -- webhooks, team channels, reminder offsets, shared throttling (migration 0006) ------------

endpoints = Table(
    "endpoints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # webhook, channel
    Column("shown", Text, nullable=False),  # what lists show: the URL, or a channel's redacted
    Column("sealed", Text, nullable=False),  # encrypted: the signing secret, or the Apprise URL
    Column("lang", String(2), nullable=False),
    Column("services", Text, nullable=False),  # slugs separated by spaces; both "": everything
    Column("groups", Text, nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("failures", Integer, nullable=False),  # deliveries given up on since the last success
    Column("disabled_at", UTCDateTime, nullable=True),
    Column("disabled_reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

endpoint_deliveries = Table(
    "endpoint_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("endpoint_id", Integer, ForeignKey("endpoints.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),  # pending, sent, failed, dead
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("message_id", String(200), nullable=False),  # the webhook-id header
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    UniqueConstraint("event_id", "endpoint_id"),
    Index(None, "status", "next_attempt_at"),
)

reminder_offsets = Table(
    "reminder_offsets",
    metadata,
    Column("slug", String(SLUG), primary_key=True),  # a maintenance's slug
    Column("minutes", Text, nullable=False),  # minutes before the start, separated by spaces
    Column("set_at", UTCDateTime, nullable=False),  # reminders due before then are not sent
)

throttle_hits = Table(
    "throttle_hits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(400), nullable=False),  # "subscribe:address:<ip>", "subscribe:email:…"
    Column("at", UTCDateTime, nullable=False),
    Index(None, "key", "at"),
)
