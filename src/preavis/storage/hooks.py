"""Webhook endpoints and team channels, their outbox, reminder offsets and the shared
throttle: the SQL (a mixin of Tx).

Endpoint deliveries are written in the transaction of the change that causes them, beside the
e-mail deliveries, and claimed by the worker the same way (leases; SKIP LOCKED on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, case, delete, func, insert, select, text, update

from preavis.storage import schema as t
from preavis.storage.outbox import DUE, lease_due, maintenance_from_json


class HooksTx:
    conn: Connection

    # -- endpoints ------------------------------------------------------------------------

    def insert_endpoint(self, values: dict[str, Any]) -> int:
        result = self.conn.execute(insert(t.endpoints).values(**values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def endpoint(self, ident: int) -> dict[str, Any]:
        row = self.conn.execute(select(t.endpoints).where(t.endpoints.c.id == ident)).first()
        return {} if row is None else dict(row._mapping)

    def list_endpoints(self, kind: str | None = None) -> list[dict[str, Any]]:
        e = t.endpoints
        query = select(e).order_by(e.c.id)
        if kind is not None:
            query = query.where(e.c.kind == kind)
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def delete_endpoint(self, ident: int) -> bool:
        d = t.endpoint_deliveries
        self.conn.execute(delete(d).where(d.c.endpoint_id == ident))
        result = self.conn.execute(delete(t.endpoints).where(t.endpoints.c.id == ident))
        return bool(result.rowcount)

    def set_endpoint(self, ident: int, values: dict[str, Any]) -> None:
        self.conn.execute(update(t.endpoints).where(t.endpoints.c.id == ident).values(values))

    def endpoint_audience(self) -> list[tuple[int, str, str]]:
        """Enabled endpoints: (id, services, groups). Disabled ones still get their deliveries
        queued (they are sent once the endpoint is enabled again)."""
        e = t.endpoints
        query = select(e.c.id, e.c.services, e.c.groups).order_by(e.c.id)
        return [(r.id, r.services, r.groups) for r in self.conn.execute(query)]

    def insert_endpoint_deliveries(
        self, event_id: int, targets: Sequence[tuple[int, str]], at: datetime
    ) -> None:
        if not targets:
            return
        rows = [
            {
                "event_id": event_id, "endpoint_id": ident, "status": "pending", "attempts": 0,
                "next_attempt_at": at, "last_error": "", "message_id": mid, "created_at": at,
            }
            for ident, mid in targets
        ]  # fmt: skip
        self.conn.execute(insert(t.endpoint_deliveries), rows)

    def claim_endpoint_deliveries(
        self, now: datetime, limit: int, lease: timedelta
    ) -> list[dict[str, Any]]:
        """Due deliveries of enabled endpoints, leased for `lease`, with event and endpoint."""
        d, e, p = t.endpoint_deliveries, t.events, t.endpoints
        due = (
            select(d.c.id)
            .join(p, p.c.id == d.c.endpoint_id)
            .where(d.c.status.in_(DUE), d.c.next_attempt_at <= now, p.c.enabled.is_(True))
            .order_by(d.c.next_attempt_at, d.c.id)
            .limit(limit)
        )
        ids = lease_due(self.conn, due, d, now, lease)
        if not ids:
            return []
        query = (
            select(
                d.c.id, d.c.attempts, d.c.message_id, e.c.key, e.c.kind, e.c.revision,
                e.c.offset_minutes, e.c.payload, e.c.created_at,
                p.c.id.label("endpoint_id"), p.c.kind.label("endpoint_kind"), p.c.shown,
                p.c.sealed, p.c.lang, p.c.services, p.c.groups,
            )
            .select_from(d.join(e, e.c.id == d.c.event_id).join(p, p.c.id == d.c.endpoint_id))
            .where(d.c.id.in_(ids))
            .order_by(d.c.id)
        )  # fmt: skip
        claimed = []
        for row in self.conn.execute(query):
            item = dict(row._mapping)
            decoded = json.loads(item.pop("payload"))
            item["before"] = maintenance_from_json(decoded["before"]) if decoded["before"] else None
            item["after"] = maintenance_from_json(decoded["after"]) if decoded["after"] else None
            claimed.append(item)
        return claimed

    def finish_endpoint_delivery(
        self, ident: int, status: str, error: str, next_at: datetime, now: datetime
    ) -> None:
        d = t.endpoint_deliveries
        values: dict[str, Any] = {"status": status, "last_error": error[:1000]}
        if status == "sent":
            values["sent_at"] = now
        else:
            values["next_attempt_at"] = next_at
        self.conn.execute(update(d).where(d.c.id == ident).values(values))

    def release_endpoint_deliveries(self, ids: Sequence[int], now: datetime) -> None:
        """Claimed deliveries given back unsent (a worker stopping): due at `now` again, their
        claim's attempt not counted, their status as it was."""
        d = t.endpoint_deliveries
        self.conn.execute(
            update(d)
            .where(d.c.id.in_(list(ids)))
            .values(
                next_attempt_at=now, attempts=case((d.c.attempts > 0, d.c.attempts - 1), else_=0)
            )
        )

    def note_endpoint_delivery(self, ident: int, error: str) -> None:
        d = t.endpoint_deliveries
        self.conn.execute(update(d).where(d.c.id == ident).values(last_error=error[:1000]))

    def list_endpoint_deliveries(self, status: str | None, limit: int) -> list[dict[str, Any]]:
        d, e, p = t.endpoint_deliveries, t.events, t.endpoints
        query = (
            select(
                d.c.id, d.c.status, d.c.attempts, d.c.next_attempt_at, d.c.last_error,
                d.c.message_id, d.c.sent_at, e.c.key.label("event"),
                p.c.id.label("endpoint"), p.c.kind, p.c.shown,
            )
            .select_from(d.join(e, e.c.id == d.c.event_id).join(p, p.c.id == d.c.endpoint_id))
            .order_by(d.c.id)
            .limit(limit)
        )  # fmt: skip
        if status is not None:
            query = query.where(d.c.status == status)
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def retry_endpoint_deliveries(
        self, statuses: Sequence[str], now: datetime, endpoint: int | None = None
    ) -> int:
        d = t.endpoint_deliveries
        query = update(d).where(d.c.status.in_(list(statuses)))
        if endpoint is not None:
            query = query.where(d.c.endpoint_id == endpoint)
        result = self.conn.execute(query.values(status="pending", next_attempt_at=now, attempts=0))
        return int(result.rowcount)

    def next_endpoint_due(self) -> datetime | None:
        d, p = t.endpoint_deliveries, t.endpoints
        query = (
            select(func.min(d.c.next_attempt_at))
            .select_from(d.join(p, p.c.id == d.c.endpoint_id))
            .where(d.c.status.in_(DUE), p.c.enabled.is_(True))
        )
        value: datetime | None = self.conn.execute(query).scalar_one()
        return value

    # -- reminder offsets -------------------------------------------------------------------

    def reminder_offsets(self) -> dict[str, tuple[int, ...]]:
        """Offsets (minutes before the start) set for some maintenances, by slug."""
        r = t.reminder_offsets
        return {
            row.slug: tuple(int(x) for x in row.minutes.split())
            for row in self.conn.execute(select(r))
        }

    def reminders_set_at(self) -> dict[str, datetime]:
        """When the offsets of each maintenance that has its own were set."""
        r = t.reminder_offsets
        return {row.slug: row.set_at for row in self.conn.execute(select(r.c.slug, r.c.set_at))}

    def set_reminder_offsets(self, slug: str, minutes: Sequence[int] | None, at: datetime) -> None:
        """None: back to the default offsets."""
        r = t.reminder_offsets
        self.conn.execute(delete(r).where(r.c.slug == slug))
        if minutes is not None:
            text = " ".join(str(m) for m in minutes)
            self.conn.execute(insert(r).values(slug=slug, minutes=text, set_at=at))

    # -- throttling shared by every web node ----------------------------------------------

    def throttle(self, keys: Sequence[tuple[str, int]], now: datetime, window: timedelta) -> bool:
        """Record one hit under each key unless one of them already has its limit of hits in
        the window; True when allowed. Old hits are forgotten on the way."""
        h = t.throttle_hits
        since = now - window
        if self.conn.dialect.name == "postgresql":  # concurrent requests of one key queue here
            for key, _ in sorted(keys):
                self.conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": key})
        self.conn.execute(delete(h).where(h.c.key.in_([k for k, _ in keys]), h.c.at < since))
        for key, limit in keys:
            count = self.conn.execute(
                select(func.count()).where(h.c.key == key, h.c.at >= since)
            ).scalar_one()
            if int(count) >= limit:
                return False
        self.conn.execute(insert(h), [{"key": k, "at": now} for k, _ in keys])
        return True

    def event_created_at(self, subject: str, kind: str) -> datetime | None:
        """When the first event of `kind` about `subject` was produced."""
        e = t.events
        query = select(func.min(e.c.created_at)).where(e.c.subject == subject, e.c.kind == kind)
        value: datetime | None = self.conn.execute(query).scalar_one()
        return value
