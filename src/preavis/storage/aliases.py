"""Aliases: names printed in notices for a catalogue service other than its own, one service
per name (compared folded, domain/service.py `alias_key`). A mixin of Tx (storage.store)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update

from preavis.domain.service import Alias, alias_key
from preavis.storage import schema as t


class AliasesTx:
    conn: Connection

    def aliases(self, service: str | None = None) -> list[Alias]:
        """Every alias (of one service, by its slug), by name."""
        a, s = t.service_aliases, t.services
        query = select(a.c.name, s.c.slug).join(s, s.c.id == a.c.service_id)
        if service is not None:
            query = query.where(s.c.slug == service)
        rows = self.conn.execute(query.order_by(a.c.key))
        return [Alias(r.name, r.slug) for r in rows]

    def put_alias(self, alias: Alias, at: datetime) -> str | None:
        """Remember `alias`: a new name, or a known one now meaning another service (the last
        correction wins). The slug it meant before (its own when new is ""), None when it
        already meant this service or the service is not there."""
        a, s = t.service_aliases, t.services
        ident = self.conn.execute(select(s.c.id).where(s.c.slug == alias.service)).scalar()
        if ident is None:
            return None
        query = (
            select(a.c.id, s.c.slug).join(s, s.c.id == a.c.service_id).where(a.c.key == alias.key)
        )
        found = self.conn.execute(query).first()
        if found is None:
            self.conn.execute(
                insert(a).values(name=alias.name, key=alias.key, service_id=ident, created_at=at)
            )
            return ""
        if found.slug == alias.service:
            return None
        self.conn.execute(
            update(a).where(a.c.id == found.id).values(service_id=ident, created_at=at)
        )
        return str(found.slug)

    def delete_alias(self, service: str, name: str) -> bool:
        """Forget the alias `name` (compared folded) of a service; False when it has none."""
        a, s = t.service_aliases, t.services
        ident = select(s.c.id).where(s.c.slug == service).scalar_subquery()
        gone = self.conn.execute(
            delete(a).where(a.c.key == alias_key(name), a.c.service_id == ident)
        )
        return bool(gone.rowcount)
