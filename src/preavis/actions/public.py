"""What the public may see: published maintenances (and cancelled ones that had been published),
the catalogue, and the timeline of what is published. Read in one transaction.

A worker keeps one copy in memory, and two while a new one is built beside the one served, so
the copy is kept lean: a maintenance's history is held as stored (compressed, see
storage.PackedRevision) and decoded only when a page or feed shows it, and a new copy takes
from the previous one every maintenance and service that did not change (`previous`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from preavis.clock import Clock
from preavis.domain.errors import NotFoundError
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.revision import Revision
from preavis.domain.service import Group, Service
from preavis.domain.timeline import Timeline
from preavis.domain.zones import zone
from preavis.storage import PackedRevision, Store

DEFAULT_ZONE = "America/Toronto"
# Histories decoded lately, kept for the next page or feed that shows them (a service's feeds
# show the same few maintenances one after another): at most this many field changes, about
# 200 bytes each.
DECODED_CHANGES = 60_000


class _Decoded:
    """The revisions decoded lately, least recently used dropped first (thread-safe)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[PackedRevision, Revision] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, packed: PackedRevision) -> Revision:
        with self._lock:
            found = self._items.get(packed)
            if found is not None:
                self._items.move_to_end(packed)
                return found
        found = packed.unpack()
        with self._lock:
            if packed not in self._items:
                self._items[packed] = found
                self.size += len(found.changes)
            while self.size > self.limit and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped.changes)
        return found


decoded = _Decoded(DECODED_CHANGES)


@dataclass(frozen=True, slots=True)
class PublicMaintenance:
    maintenance: Maintenance
    revision: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime
    history: tuple[PackedRevision, ...]  # the revisions since it was published, as stored
    version: Hashable = None  # changes whenever the maintenance or its history does

    @property
    def changes(self) -> tuple[Revision, ...]:
        """The revisions since it was published, decoded now (not kept: see `history`)."""
        return tuple(decoded(r) for r in self.history)

    def decoded(self) -> tuple[Revision, ...]:
        """`changes`, decoded without the cache of decoded histories (read once, then dropped)."""
        return tuple(r.unpack() for r in self.history)

    @property
    def cancelled(self) -> bool:
        return self.maintenance.state is State.CANCELLED


@dataclass(frozen=True, slots=True)
class PublicData:
    """Everything public at one version of the database (`stamp`)."""

    stamp: str
    services: tuple[Service, ...]
    groups: tuple[Group, ...]
    maintenances: tuple[PublicMaintenance, ...]
    timeline: Timeline
    zone: ZoneInfo
    read_at: datetime

    def maintenance(self, slug: str) -> PublicMaintenance:
        """A public maintenance, or NotFoundError (drafts are not public)."""
        found = next((p for p in self.maintenances if p.maintenance.slug == slug), None)
        if found is None:
            raise NotFoundError.said("maintenance.none_published", slug=slug)
        return found

    def service(self, slug: str) -> Service:
        """A service shown to the public, or NotFoundError."""
        found = next((s for s in self.services if s.slug == slug), None)
        if found is None:
            raise NotFoundError.said("service.none", slug=slug)
        return found


def stamp(*, store: Store) -> str:
    """The public version: cheap to ask, changes whenever anything is written."""
    with store.reading() as tx:
        return tx.stamp()


def public_data(*, store: Store, clock: Clock, previous: PublicData | None = None) -> PublicData:
    """Read everything public in one transaction. With `previous` (the copy being served), a
    maintenance or service that did not change is taken from it, not read or built again."""
    kept = {p.maintenance.slug: p for p in previous.maintenances} if previous else {}
    with store.reading() as tx:
        version = tx.stamp()
        services = tuple(_same(tx.services(), previous.services if previous else ()))
        groups = tuple(tx.groups())
        rows = tx.public_maintenances({slug: p.version for slug, p in kept.items()})
        histories = tx.packed_revisions(f"maintenance:{m.slug}" for m, _ in rows if m is not None)
        found = []
        for m, row in rows:
            if m is None:  # unchanged: the previous copy's, shared
                found.append(kept[row["slug"]])
                continue
            published_at = row["published_at"]
            found.append(
                PublicMaintenance(
                    maintenance=m,
                    revision=row["revision"],
                    created_at=row["created_at"],
                    updated_at=row["updated_at"],
                    published_at=published_at,
                    history=tuple(
                        r for r in histories[f"maintenance:{m.slug}"] if r.at >= published_at
                    ),
                    version=row["version"],
                )
            )
    referenced = {i.service for p in found for i in p.maintenance.interruptions}
    visible = tuple(s for s in services if not s.retired or s.slug in referenced)
    published = [p.maintenance for p in found if not p.cancelled]
    timeline = Timeline(  # the lanes of services nothing changed for: the previous copy's
        visible,
        (i for m in published for i in m.interruptions),
        previous=previous.timeline if previous is not None else None,
    )
    display = zone(found[0].maintenance.timezone) if found else zone(DEFAULT_ZONE)
    return PublicData(version, visible, groups, tuple(found), timeline, display, clock.now())


def _same(services: list[Service], before: tuple[Service, ...]) -> list[Service]:
    """The services read, each replaced by the equal one of the previous copy if there is one."""
    old = {s.slug: s for s in before}
    return [old[s.slug] if old.get(s.slug) == s else s for s in services]
