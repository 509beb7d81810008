"""A read facade with Atlassian Statuspage's v2 shapes, so existing widgets work unchanged.

Mapping (docs/statuspage.md): unavailable -> "under_maintenance", limited ->
"degraded_performance"; the page indicator is "maintenance" while anything is interrupted;
a maintenance is "scheduled", "in_progress" or "completed" from the instant asked about.
Cancelled maintenances are left out (Statuspage has no such state).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Lifecycle, Maintenance, State
from preavis.domain.service import Group, Service
from preavis.domain.text import Lang
from preavis.domain.timeline import Snapshot
from preavis.formats.shapes import iso

COMPONENT_STATUS = {
    Impact.OPERATIONAL: "operational",
    Impact.LIMITED: "degraded_performance",
    Impact.UNAVAILABLE: "under_maintenance",
}
PAGE_ID = "preavis"


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    url: str
    zone: ZoneInfo
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Entry:
    """A public maintenance with its bookkeeping times."""

    maintenance: Maintenance
    created_at: datetime
    updated_at: datetime
    published_at: datetime


def _iso(at: datetime | None, tz: ZoneInfo) -> str | None:
    return iso(at, tz, "milliseconds")


def page(p: Page) -> dict[str, Any]:
    return {
        "id": PAGE_ID,
        "name": p.name,
        "url": p.url,
        "time_zone": p.zone.key,
        "updated_at": _iso(p.updated_at, p.zone),
    }


def components(
    p: Page, services: Sequence[Service], groups: Sequence[Group], snap: Snapshot, lang: Lang
) -> list[dict[str, Any]]:
    """Groups as Statuspage group components, then services, in catalogue order."""
    status = {s.service.slug: s.impact for s in snap.services}
    used = [g for g in groups if any(s.group == g.slug for s in services)]
    out: list[dict[str, Any]] = []
    for position, group in enumerate(used, start=1):
        members = [s for s in services if s.group == group.slug]
        worst = max(
            (status.get(s.slug, Impact.OPERATIONAL) for s in members), key=lambda i: i.severity
        )
        out.append(
            {
                "id": f"group-{group.slug}",
                "name": group.name.get(lang),
                "status": COMPONENT_STATUS[worst],
                "created_at": _iso(p.updated_at, p.zone),
                "updated_at": _iso(p.updated_at, p.zone),
                "position": position,
                "description": None,
                "showcase": False,
                "start_date": None,
                "group_id": None,
                "page_id": PAGE_ID,
                "group": True,
                "only_show_if_degraded": False,
                "components": [s.slug for s in members],
            }
        )
    for position, service in enumerate(services, start=1):
        out.append(
            {
                "id": service.slug,
                "name": service.name.get(lang),
                "status": COMPONENT_STATUS[status.get(service.slug, Impact.OPERATIONAL)],
                "created_at": _iso(p.updated_at, p.zone),
                "updated_at": _iso(p.updated_at, p.zone),
                "position": position,
                "description": None,
                "showcase": True,
                "start_date": None,
                "group_id": f"group-{service.group}"
                if service.group in {g.slug for g in used}
                else None,
                "page_id": PAGE_ID,
                "group": False,
                "only_show_if_degraded": False,
            }
        )
    return out


def status(snap: Snapshot) -> dict[str, str]:
    if any(s.is_down for s in snap.services):
        return {"indicator": "maintenance", "description": "Service Under Maintenance"}
    return {"indicator": "none", "description": "All Systems Operational"}


FACADE_STATE = {
    Lifecycle.UPCOMING: "scheduled",
    Lifecycle.ONGOING: "in_progress",
    Lifecycle.COMPLETED: "completed",
}


def maintenance_state(m: Maintenance, at: datetime) -> str | None:
    """Statuspage's word for the domain's lifecycle; a cancelled one is not listed (Statuspage
    deletes cancelled maintenances)."""
    if m.state is State.DRAFT:
        return None
    phase = m.phase_at(at)
    return None if phase is None else FACADE_STATE.get(phase)


def scheduled_maintenances(
    p: Page,
    entries: Iterable[Entry],
    services: Sequence[Service],
    at: datetime,
    lang: Lang,
    only: tuple[str, ...] = ("scheduled", "in_progress", "completed"),
) -> list[dict[str, Any]]:
    return list(each_scheduled_maintenance(p, entries, services, at, lang, only))


def each_scheduled_maintenance(
    p: Page,
    entries: Iterable[Entry],
    services: Sequence[Service],
    at: datetime,
    lang: Lang,
    only: tuple[str, ...] = ("scheduled", "in_progress", "completed"),
) -> Iterator[dict[str, Any]]:
    """`scheduled_maintenances`, one at a time: a document that writes them as they come
    never holds them all (at 5,000 services, some 100,000 objects)."""
    names = {s.slug: s.name.get(lang) for s in services}
    # As in the page's list of components (`components`): a service in a group names it.
    groups = {s.slug: f"group-{s.group}" for s in services if s.group}
    for e in entries:
        m = e.maintenance
        state = maintenance_state(m, at)
        window = m.window
        if state is None or state not in only or window is None:
            continue
        affected = sorted({i.service for i in m.interruptions})
        update = {
            "id": f"{m.slug}-published",
            "status": "scheduled",
            "body": m.summary.get(lang) or m.title.get(lang),
            "created_at": _iso(e.published_at, p.zone),
            "updated_at": _iso(e.updated_at, p.zone),
            "display_at": _iso(e.published_at, p.zone),
            "incident_id": m.slug,
            "affected_components": [
                {"code": slug, "name": names.get(slug, slug), "old_status": "operational",
                 "new_status": "under_maintenance"}
                for slug in affected
            ],
        }  # fmt: skip
        yield (
            {
                "id": m.slug,
                "name": m.title.get(lang),
                "status": state,
                "created_at": _iso(e.created_at, p.zone),
                "updated_at": _iso(e.updated_at, p.zone),
                "monitoring_at": None,
                "resolved_at": _iso(window[1], p.zone) if state == "completed" else None,
                "impact": "maintenance",
                "shortlink": f"{p.url.rstrip('/')}/{lang}/maintenances/{m.slug}",
                "started_at": _iso(window[0], p.zone),
                "page_id": PAGE_ID,
                "incident_updates": [update],
                "components": [
                    {"id": slug, "name": names.get(slug, slug), "status": "under_maintenance",
                     "page_id": PAGE_ID, "group_id": groups.get(slug), "position": n,
                     "showcase": True,
                     "description": None, "group": False, "only_show_if_degraded": False,
                     "start_date": None, "created_at": _iso(e.created_at, p.zone),
                     "updated_at": _iso(e.updated_at, p.zone)}
                    for n, slug in enumerate(affected, start=1)
                ],
                "scheduled_for": _iso(window[0], p.zone),
                "scheduled_until": _iso(window[1], p.zone),
            }
        )  # fmt: skip
