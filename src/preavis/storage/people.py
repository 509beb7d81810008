"""Storage of people: users, their server-side sessions, password links and failed sign-ins.

A mixin of Tx (storage.store): the queries need a transaction's connection and nothing else.
Secrets are never stored: sessions and links are kept as SHA-256 digests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from preavis.storage import schema as t


class PeopleTx:
    """Queries and writes on people, inside the transaction of `conn`."""

    conn: Connection

    # -- users ----------------------------------------------------------------------------

    def insert_user(
        self, email: str, name: str, role: str, password_hash: str | None, at: datetime
    ) -> int:
        result = self.conn.execute(
            insert(t.users)
            .values(email=email, name=name, role=role, password_hash=password_hash, created_at=at)
            .returning(t.users.c.id)
        )
        return int(result.scalar_one())

    def user_by_email(self, email: str) -> dict[str, Any] | None:
        row = self.conn.execute(select(t.users).where(t.users.c.email == email)).first()
        return None if row is None else dict(row._mapping)

    def user_by_id(self, ident: int) -> dict[str, Any] | None:
        row = self.conn.execute(select(t.users).where(t.users.c.id == ident)).first()
        return None if row is None else dict(row._mapping)

    def users(self) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in self.conn.execute(select(t.users).order_by(t.users.c.id))]

    def update_user(self, ident: int, **values: Any) -> None:
        self.conn.execute(update(t.users).where(t.users.c.id == ident).values(**values))

    # -- sessions -------------------------------------------------------------------------

    def insert_session(self, digest: str, user_id: int, at: datetime, expires_at: datetime) -> None:
        self.conn.execute(
            insert(t.sessions).values(
                digest=digest, user_id=user_id, created_at=at, seen_at=at, expires_at=expires_at
            )
        )

    def session_by_digest(self, digest: str) -> dict[str, Any] | None:
        row = self.conn.execute(select(t.sessions).where(t.sessions.c.digest == digest)).first()
        return None if row is None else dict(row._mapping)

    def touch_session(self, digest: str, at: datetime) -> None:
        self.conn.execute(
            update(t.sessions).where(t.sessions.c.digest == digest).values(seen_at=at)
        )

    def delete_session(self, digest: str) -> bool:
        result = self.conn.execute(delete(t.sessions).where(t.sessions.c.digest == digest))
        return bool(result.rowcount)

    def delete_sessions_of(self, user_id: int) -> int:
        result = self.conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))
        return int(result.rowcount)

    def delete_expired_sessions(self, now: datetime, idle_before: datetime) -> None:
        self.conn.execute(
            delete(t.sessions).where(
                (t.sessions.c.expires_at <= now) | (t.sessions.c.seen_at <= idle_before)
            )
        )

    # -- password links -------------------------------------------------------------------

    def insert_password_link(
        self, digest: str, user_id: int, at: datetime, expires_at: datetime
    ) -> None:
        # A new link replaces the ones not yet used: only the latest works.
        self.conn.execute(
            update(t.password_links)
            .where(t.password_links.c.user_id == user_id, t.password_links.c.used_at.is_(None))
            .values(used_at=at)
        )
        self.conn.execute(
            insert(t.password_links).values(
                digest=digest, user_id=user_id, created_at=at, expires_at=expires_at
            )
        )

    def password_link(self, digest: str) -> dict[str, Any] | None:
        query = select(t.password_links).where(t.password_links.c.digest == digest)
        row = self.conn.execute(query).first()
        return None if row is None else dict(row._mapping)

    def use_password_link(self, digest: str, at: datetime) -> bool:
        """Mark the link used; False when it was used meanwhile (one use only)."""
        result = self.conn.execute(
            update(t.password_links)
            .where(t.password_links.c.digest == digest, t.password_links.c.used_at.is_(None))
            .values(used_at=at)
        )
        return bool(result.rowcount)

    # -- failed sign-ins ------------------------------------------------------------------

    def add_sign_in_failure(self, key: str, at: datetime) -> None:
        self.conn.execute(insert(t.sign_in_failures).values(key=key, at=at))

    def sign_in_failures(self, key: str, since: datetime) -> tuple[int, datetime | None]:
        """How many failures of `key` since `since`, and the oldest of them."""
        query = select(func.count(), func.min(t.sign_in_failures.c.at)).where(
            t.sign_in_failures.c.key == key, t.sign_in_failures.c.at > since
        )
        count, oldest = self.conn.execute(query).one()
        if isinstance(oldest, str | datetime):  # func.min loses the column's type on SQLite
            oldest = t.UTCDateTime().process_result_value(oldest, self.conn.dialect)
        return int(count), oldest

    def clear_sign_in_failures(self, key: str) -> None:
        self.conn.execute(delete(t.sign_in_failures).where(t.sign_in_failures.c.key == key))

    def forget_sign_in_failures(self, before: datetime) -> None:
        self.conn.execute(delete(t.sign_in_failures).where(t.sign_in_failures.c.at <= before))
