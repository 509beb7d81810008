"""The reads behind the public pages, kept lean: a worker holds their result for as long as
it serves it (actions/public.py). Unchanged maintenances are not read again; histories are
kept as stored, compressed, and decoded when shown."""

from __future__ import annotations

import json
import zlib
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, select

from preavis.domain.maintenance import Maintenance, State
from preavis.domain.revision import FieldChange, Revision
from preavis.storage import schema as t


class PublicTx:
    conn: Connection

    def _load(self, rows: list[Row[Any]]) -> list[Maintenance]:
        raise NotImplementedError  # storage/store.py

    def public_maintenances(
        self, known: Mapping[str, Hashable] | None = None
    ) -> list[tuple[Maintenance | None, dict[str, Any]]]:
        """Published maintenances, and cancelled ones that had been published, in creation
        order, with their slug, revision, created_at, updated_at, published_at and `version` (a
        value that changes whenever the maintenance or its history does). One whose version
        is the one in `known` (by slug) is not read again: None stands in its place."""
        states = [State.PUBLISHED.value, State.CANCELLED.value]
        query = (
            select(t.maintenances)
            .where(t.maintenances.c.published_at.is_not(None), t.maintenances.c.state.in_(states))
            .order_by(t.maintenances.c.id)
        )
        rows = list(self.conn.execute(query))
        subject = t.revisions.c.subject
        histories = {
            r.subject: (r.recorded, r.latest)
            for r in self.conn.execute(
                select(
                    subject,
                    func.count().label("recorded"),
                    func.max(t.revisions.c.id).label("latest"),
                )
                .where(subject.like("maintenance:%"))
                .group_by(subject)
            )
        }
        infos: list[dict[str, Any]] = []
        wanted: list[Row[Any]] = []
        for r in rows:
            version = (r.revision, r.state, r.created_at, r.updated_at, r.published_at,
                       histories.get(f"maintenance:{r.slug}"))  # fmt: skip
            infos.append({
                "slug": r.slug,
                "revision": r.revision,
                "created_at": r.created_at,
                "updated_at": r.updated_at,
                "published_at": r.published_at,
                "version": version,
            })  # fmt: skip
            if known is None or known.get(r.slug) != version:
                wanted.append(r)
        loaded = {m.slug: m for m in self._load(wanted)}
        return [(loaded.get(r.slug), info) for r, info in zip(rows, infos, strict=True)]

    def packed_revisions(self, subjects: Iterable[str]) -> dict[str, list[PackedRevision]]:
        """The revisions of these subjects, by subject in order, their field changes kept
        compressed as stored (see PackedRevision): for what is held long and read seldom."""
        wanted = list(subjects)
        found: dict[str, list[PackedRevision]] = {s: [] for s in wanted}
        for start in range(0, len(wanted), 500):  # under every database's parameter limit
            query = (
                select(t.revisions)
                .where(t.revisions.c.subject.in_(wanted[start : start + 500]))
                .order_by(t.revisions.c.subject, t.revisions.c.number)
            )
            for r in self.conn.execute(query):
                found[r.subject].append(
                    PackedRevision(r.subject, r.number, r.actor, r.at, r.reason,
                                   zlib.compress(r.changes.encode("utf-8"), 6))
                )  # fmt: skip
        return found


@dataclass(frozen=True, slots=True)
class PackedRevision:
    """A revision as stored, its field changes kept as the stored JSON text, compressed: a
    maintenance's history held for the public pages costs a few bytes per change instead of
    three objects, and is decoded (`unpack`) only when a page or feed shows it."""

    subject: str
    number: int
    actor: str
    at: datetime
    reason: str
    packed: bytes

    def unpack(self) -> Revision:
        changes = json.loads(zlib.decompress(self.packed))
        return Revision(
            subject=self.subject,
            number=self.number,
            actor=self.actor,
            at=self.at,
            reason=self.reason,
            changes=tuple(FieldChange(f, b, a) for f, b, a in changes),
        )
