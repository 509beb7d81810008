"""Subscribers, events and the deliveries outbox: the SQL of notifications (a mixin of Tx).

Deliveries are written in the transaction of the change that causes them. Workers claim due
rows in short transactions: PostgreSQL skips rows another worker holds (FOR UPDATE SKIP
LOCKED); SQLite serialises the claims (BEGIN IMMEDIATE). A claim leases its rows: a worker that
dies leaves them to be claimed again once the lease is over.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, Table, and_, delete, func, insert, select, update
from sqlalchemy.engine import make_url

from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.text import Text
from preavis.storage import schema as t

INSERT_CHUNK = 1000  # rows per multi-row INSERT of a fan-out
DUE = ("pending", "failed")


def sidecar(url: str, suffix: str) -> Path | None:
    """A file beside a SQLite database (`preavis.db` -> `preavis.db.secret`); None otherwise."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database + suffix)


def _text(value: Text) -> dict[str, str]:
    return {"fr": value.fr, "en": value.en}


def maintenance_json(m: Maintenance) -> dict[str, Any]:
    return {
        "slug": m.slug,
        "title": _text(m.title),
        "summary": _text(m.summary),
        "timezone": m.timezone,
        "state": m.state.value,
        "starts_at": m.starts_at.isoformat() if m.starts_at else None,
        "ends_at": m.ends_at.isoformat() if m.ends_at else None,
        "interruptions": [
            {
                "key": i.key,
                "service": i.service,
                "impact": i.impact.value,
                "starts_at": i.starts_at.isoformat(),
                "ends_at": i.ends_at.isoformat(),
                "description": _text(i.description),
            }
            for i in m.interruptions
        ],
    }


def maintenance_from_json(d: dict[str, Any]) -> Maintenance:
    def when(v: str | None) -> datetime | None:
        return datetime.fromisoformat(v) if v else None

    return Maintenance(
        slug=d["slug"],
        title=Text(**d["title"]),
        summary=Text(**d["summary"]),
        timezone=d["timezone"],
        state=State(d["state"]),
        starts_at=when(d["starts_at"]),
        ends_at=when(d["ends_at"]),
        interruptions=tuple(
            Interruption(
                service=i["service"],
                impact=Impact(i["impact"]),
                starts_at=datetime.fromisoformat(i["starts_at"]),
                ends_at=datetime.fromisoformat(i["ends_at"]),
                description=Text(**i["description"]),
                key=i["key"],
            )
            for i in d["interruptions"]
        ),
    )


def lease_due(
    conn: Connection, due: Select[Any], table: Table, now: datetime, lease: timedelta
) -> list[int]:
    """Claim the rows of `table` that `due` selects (their ids): on PostgreSQL other workers
    skip them (FOR UPDATE … SKIP LOCKED), and their next attempt moves `lease` ahead, so a
    worker that dies leaves them to another once the lease is over. Both outboxes (e-mail,
    endpoints) claim this way."""
    if conn.dialect.name == "postgresql":
        due = due.with_for_update(of=table, skip_locked=True)
    ids = [r.id for r in conn.execute(due)]
    if ids:
        conn.execute(
            update(table)
            .where(table.c.id.in_(ids))
            .values(next_attempt_at=now + lease, attempts=table.c.attempts + 1)
        )
    return ids


class OutboxTx:
    """Notification queries and writes, inside the Tx's transaction."""

    conn: Connection

    # -- subscribers ----------------------------------------------------------------------

    def subscriber(self, *, email: str | None = None, ident: int | None = None) -> dict[str, Any]:
        """The subscriber with this (normalised) address or id; {} when there is none."""
        s = t.subscribers
        cond = s.c.email == email if email is not None else s.c.id == ident
        row = self.conn.execute(select(s).where(cond)).first()
        return {} if row is None else dict(row._mapping)

    def insert_subscriber(self, values: dict[str, Any]) -> int:
        result = self.conn.execute(insert(t.subscribers).values(**values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def update_subscriber(self, ident: int, values: dict[str, Any]) -> None:
        self.conn.execute(update(t.subscribers).where(t.subscribers.c.id == ident).values(values))

    def delete_subscriber(self, ident: int) -> None:
        self.conn.execute(delete(t.deliveries).where(t.deliveries.c.subscriber_id == ident))
        self.conn.execute(delete(t.subscribers).where(t.subscribers.c.id == ident))

    def list_subscribers(self, status: str | None = None) -> list[dict[str, Any]]:
        s = t.subscribers
        query = select(s).order_by(s.c.id)
        if status is not None:
            query = query.where(s.c.status == status)
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def audience(self) -> list[tuple[int, str, str]]:
        """Confirmed subscribers: (id, services, groups)."""
        s = t.subscribers
        query = select(s.c.id, s.c.services, s.c.groups).where(s.c.status == "confirmed")
        return [(r.id, r.services, r.groups) for r in self.conn.execute(query.order_by(s.c.id))]

    def purge_unconfirmed(self, before: datetime) -> int:
        """Forget requests never confirmed since `before` (with their confirmation messages)."""
        s = t.subscribers
        stale = select(s.c.id).where(s.c.status == "pending", s.c.consent_at < before)
        ids = [r.id for r in self.conn.execute(stale)]
        if ids:
            self.conn.execute(delete(t.deliveries).where(t.deliveries.c.subscriber_id.in_(ids)))
            self.conn.execute(delete(s).where(s.c.id.in_(ids)))
        return len(ids)

    def drop_unsent(self, subscriber_id: int) -> None:
        """An unsubscribed address gets nothing more: its unsent deliveries go."""
        d = t.deliveries
        self.conn.execute(delete(d).where(d.c.subscriber_id == subscriber_id, d.c.status.in_(DUE)))

    # -- events and deliveries ------------------------------------------------------------

    def has_event(self, key: str) -> bool:
        query = select(t.events.c.id).where(t.events.c.key == key)
        return self.conn.execute(query).first() is not None

    def insert_event(
        self,
        *,
        key: str,
        kind: str,
        subject: str,
        revision: int,
        offset: int,
        before: Maintenance | None,
        after: Maintenance | None,
        data: dict[str, Any],
        at: datetime,
    ) -> int:
        payload = {
            "before": maintenance_json(before) if before else None,
            "after": maintenance_json(after) if after else None,
            "data": data,
        }
        result = self.conn.execute(
            insert(t.events).values(
                key=key, kind=kind, subject=subject, revision=revision, offset_minutes=offset,
                payload=json.dumps(payload, ensure_ascii=False), created_at=at,
            )
        )  # fmt: skip
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def events_since(self, subject: str, kind: str, since: datetime) -> int:
        e = t.events
        query = select(func.count()).where(
            e.c.subject == subject, e.c.kind == kind, e.c.created_at >= since
        )
        return int(self.conn.execute(query).scalar_one())

    def insert_deliveries(
        self, event_id: int, recipients: Sequence[tuple[int, str]], at: datetime
    ) -> None:
        """One pending delivery per (subscriber id, Message-ID)."""
        rows = [
            {
                "event_id": event_id, "subscriber_id": ident, "status": "pending", "attempts": 0,
                "next_attempt_at": at, "last_error": "", "message_id": mid, "created_at": at,
            }
            for ident, mid in recipients
        ]  # fmt: skip
        for start in range(0, len(rows), INSERT_CHUNK):
            self.conn.execute(insert(t.deliveries), rows[start : start + INSERT_CHUNK])

    def claim_deliveries(self, now: datetime, limit: int, lease: timedelta) -> list[dict[str, Any]]:
        """Take up to `limit` due deliveries for `lease`, with their event and subscriber."""
        d, e, s = t.deliveries, t.events, t.subscribers
        due = (
            select(d.c.id)
            .where(d.c.status.in_(DUE), d.c.next_attempt_at <= now)
            .order_by(d.c.next_attempt_at, d.c.id)
            .limit(limit)
        )
        ids = lease_due(self.conn, due, d, now, lease)
        if not ids:
            return []
        query = (
            select(
                d.c.id, d.c.attempts, d.c.message_id, e.c.key, e.c.kind, e.c.subject,
                e.c.revision, e.c.offset_minutes, e.c.payload, e.c.created_at,
                s.c.id.label("subscriber_id"), s.c.email, s.c.lang, s.c.timezone, s.c.services,
                s.c.groups, s.c.status.label("subscriber_status"), s.c.manage_key,
            )
            .select_from(d.join(e, and_(e.c.id == d.c.event_id)).join(s))
            .where(d.c.id.in_(ids))
            .order_by(d.c.id)
        )  # fmt: skip
        claimed = []
        payloads: dict[str, dict[str, Any]] = {}  # one event's payload decoded once per batch
        for row in self.conn.execute(query):
            item = dict(row._mapping)
            raw = item.pop("payload")
            if item["key"] not in payloads:
                decoded = json.loads(raw)
                payloads[item["key"]] = {
                    "before": maintenance_from_json(decoded["before"])
                    if decoded["before"]
                    else None,
                    "after": maintenance_from_json(decoded["after"]) if decoded["after"] else None,
                    "data": decoded["data"],
                }
            item.update(payloads[item["key"]])
            claimed.append(item)
        return claimed

    def finish_deliveries(
        self, sent: Iterable[int], others: Iterable[tuple[int, str, str, datetime]], now: datetime
    ) -> None:
        """Mark `sent` ids sent; `others` are (id, status, error, next attempt)."""
        d = t.deliveries
        sent_ids = list(sent)
        for start in range(0, len(sent_ids), INSERT_CHUNK):
            chunk = sent_ids[start : start + INSERT_CHUNK]
            self.conn.execute(
                update(d).where(d.c.id.in_(chunk)).values(status="sent", sent_at=now, last_error="")
            )
        for ident, status, error, next_at in others:
            self.conn.execute(
                update(d)
                .where(d.c.id == ident)
                .values(status=status, last_error=error[:1000], next_attempt_at=next_at)
            )

    def extend_lease(self, ids: Sequence[int], until: datetime) -> None:
        """The worker's claim on `ids` (still unsent) now runs until `until`: the batch being
        sent is renewed when the next one is claimed."""
        d = t.deliveries
        for start in range(0, len(ids), INSERT_CHUNK):
            chunk = list(ids[start : start + INSERT_CHUNK])
            self.conn.execute(
                update(d)
                .where(d.c.id.in_(chunk), d.c.status.in_(DUE))
                .values(next_attempt_at=until)
            )

    def next_due(self) -> datetime | None:
        d = t.deliveries
        query = select(func.min(d.c.next_attempt_at)).where(d.c.status.in_(DUE))
        value: datetime | None = self.conn.execute(query).scalar_one()
        return value

    def list_deliveries(self, status: str | None, limit: int) -> list[dict[str, Any]]:
        d, e, s = t.deliveries, t.events, t.subscribers
        query = (
            select(
                d.c.id, d.c.status, d.c.attempts, d.c.next_attempt_at, d.c.last_error,
                d.c.message_id, d.c.sent_at, e.c.key.label("event"), s.c.email,
            )
            .select_from(d.join(e).join(s))
            .order_by(d.c.id)
            .limit(limit)
        )  # fmt: skip
        if status is not None:
            query = query.where(d.c.status == status)
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def count_deliveries(self) -> dict[str, int]:
        d = t.deliveries
        query = select(d.c.status, func.count()).group_by(d.c.status)
        return {str(status): int(n) for status, n in self.conn.execute(query)}

    def retry_deliveries(self, statuses: Sequence[str], now: datetime) -> int:
        """Give failed or dead deliveries of still-confirmed subscribers another go, now."""
        d, s = t.deliveries, t.subscribers
        confirmed = select(s.c.id).where(s.c.status == "confirmed")
        result = self.conn.execute(
            update(d)
            .where(d.c.status.in_(list(statuses)), d.c.subscriber_id.in_(confirmed))
            .values(status="pending", next_attempt_at=now, attempts=0)
        )
        return int(result.rowcount)
