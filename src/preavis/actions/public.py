"""What the public may see: published maintenances (and cancelled ones that had been published),
the catalogue, and the timeline of what is published. Read in one transaction."""

from __future__ import annotations

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
from preavis.storage import Store

DEFAULT_ZONE = "America/Toronto"


@dataclass(frozen=True, slots=True)
class PublicMaintenance:
    maintenance: Maintenance
    revision: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime
    changes: tuple[Revision, ...]  # the revisions since it was published

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


def public_data(*, store: Store, clock: Clock) -> PublicData:
    """Read everything public in one transaction."""
    with store.reading() as tx:
        version = tx.stamp()
        services = tuple(s for s in tx.services())
        groups = tuple(tx.groups())
        found = []
        for m, row in tx.public_maintenances():
            history = tx.revisions(f"maintenance:{m.slug}")
            published_at = row["published_at"]
            found.append(
                PublicMaintenance(
                    maintenance=m,
                    revision=row["revision"],
                    created_at=row["created_at"],
                    updated_at=row["updated_at"],
                    published_at=published_at,
                    changes=tuple(r for r in history if r.at >= published_at),
                )
            )
    referenced = {i.service for p in found for i in p.maintenance.interruptions}
    visible = tuple(s for s in services if not s.retired or s.slug in referenced)
    published = [p.maintenance for p in found if not p.cancelled]
    timeline = Timeline(visible, (i for m in published for i in m.interruptions))
    display = zone(found[0].maintenance.timezone) if found else zone(DEFAULT_ZONE)
    return PublicData(version, visible, groups, tuple(found), timeline, display, clock.now())
