"""Views of the site built outside the Site class: the phone agenda of a maintenance, the
archive's rows, the Statuspage facade's documents, and where a chart draws "now"."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from preavis.actions.public import PublicData, PublicMaintenance
from preavis.domain.errors import NotFoundError
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.formats import statuspage, svg
from preavis.formats.wording import format_window
from preavis.web.home import RECENT
from preavis.web.words import Words


def marker(now: datetime) -> datetime:
    """Where a chart draws "now": the quarter hour begun, so cached bytes stay the same for
    fifteen minutes (the cache expires at the next one while a chart shows it)."""
    utc = now.astimezone(UTC)
    return utc.replace(minute=utc.minute - utc.minute % 15, second=0, microsecond=0)


def agenda(
    m: Maintenance, services: Mapping[str, Service], lang: Lang, tz: ZoneInfo, suffix: str
) -> list[dict[str, Any]]:
    """Per service, in the chart's order: its windows in words, with a small bar (the
    timeline as phones show it, below about 600 px)."""
    lanes: dict[str, dict[str, Any]] = {}
    for i in sorted(m.interruptions, key=lambda i: (i.starts_at, i.service)):
        lane = lanes.setdefault(i.service, {
            "name": services[i.service].name.get(lang) if i.service in services else i.service,
            "url": f"/{lang}/services/{i.service}{suffix}",
            "strip": svg.strip(m, i.service),
            "windows": [],
        })  # fmt: skip
        text = format_window(i.starts_at, i.ends_at, tz, lang, lead=False, label=False)
        lane["windows"].append({"impact": i.impact.value, "window": text})
    return list(lanes.values())


def archive_rows(
    t: Words,
    maintenances: Iterable[PublicMaintenance],
    tz: ZoneInfo | None,
    now: datetime,
    *,
    keep: str = "",
) -> list[dict[str, Any]]:
    """Every public maintenance with where it stands at `now`, the latest first, its window in
    `tz` or, when None, in its own zone; links carry `keep` (the visitor's "?tz=…")."""
    lang = t.lang
    rows: list[dict[str, Any]] = []
    for p in maintenances:
        m = p.maintenance
        window = m.window
        phase = m.phase_at(now)
        if window is None or phase is None:
            continue
        rows.append(
            {
                "start": window[0],
                "title": m.title.get(lang),
                "url": f"/{lang}/maintenances/{m.slug}{keep}",
                "window": format_window(window[0], window[1], tz or m.zone, lang, year=True),
                "phase": phase.value,
                "phase_label": t[f"{phase.value}_phase"],
                "touched": t.count("services_touched", len({i.service for i in m.interruptions})),
            }
        )
    rows.sort(key=lambda r: r["start"], reverse=True)
    return rows


def service_rows(
    lang: Lang,
    maintenances: Iterable[PublicMaintenance],
    slug: str,
    moment: datetime,
    tz: ZoneInfo,
    suffix: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One service's interruptions, upcoming (soonest first) and past (latest first)."""
    upcoming: list[dict[str, Any]] = []
    past: list[dict[str, Any]] = []
    for p in maintenances:
        for i in p.maintenance.interruptions:
            if i.service != slug:
                continue
            row = {
                "title": p.maintenance.title.get(lang),
                "url": f"/{lang}/maintenances/{p.maintenance.slug}{suffix}",
                "cancelled": p.cancelled,
                "impact": i.impact.value,
                "description": i.description.get(lang),
                "window": format_window(i.starts_at, i.ends_at, tz, lang, year=True),
                "start": i.starts_at,
            }
            (upcoming if i.ends_at > moment else past).append(row)
    upcoming.sort(key=lambda r: r["start"])
    past.sort(key=lambda r: r["start"], reverse=True)
    return upcoming, past


def facade(
    name: str, page: statuspage.Page, data: PublicData, now: datetime, *, lazy: bool = False
) -> dict[str, Any]:
    """The Statuspage v2 document `name` at `now` (NotFoundError for any other name). With
    `lazy`, its maintenances are an iterator, made as it is written (see site.json_pieces)."""
    lang: Lang = "en"
    snap = data.timeline.status_at(now)
    entries = [
        statuspage.Entry(p.maintenance, p.created_at, p.updated_at, p.published_at)
        for p in data.maintenances
    ]

    def maint(only: tuple[str, ...]) -> Any:
        each = statuspage.each_scheduled_maintenance(page, entries, data.services, now, lang, only)
        return each if lazy else list(each)

    head = {"page": statuspage.page(page)}
    bodies: dict[str, Callable[[], dict[str, Any]]] = {
        "summary.json": lambda: {
            **head,
            "components": statuspage.components(page, data.services, data.groups, snap, lang),
            "incidents": [],
            "scheduled_maintenances": maint(("scheduled", "in_progress")),
            "status": statuspage.status(snap),
        },
        "status.json": lambda: {**head, "status": statuspage.status(snap)},
        "components.json": lambda: {
            **head,
            "components": statuspage.components(page, data.services, data.groups, snap, lang),
        },
        "scheduled-maintenances.json": lambda: {
            **head, "scheduled_maintenances": maint(("scheduled", "in_progress", "completed"))
        },
        "scheduled-maintenances/upcoming.json": lambda: {
            **head, "scheduled_maintenances": maint(("scheduled",))
        },
        "scheduled-maintenances/active.json": lambda: {
            **head, "scheduled_maintenances": maint(("in_progress",))
        },
    }  # fmt: skip
    if name not in bodies:
        raise NotFoundError.said("statuspage.none", name=name)
    return bodies[name]()


def instants(data: PublicData, coming: timedelta) -> list[datetime]:
    """Every instant at which something shown of a moment may change, in order: the ends of
    every interruption (a service's state, a page's upcoming/past split) and of every window,
    a window's start less the banner's lead (PREAVIS_COMING_DAYS) and its end plus RECENT.
    Between two of them (a phase) the home and service pages of any moment are the same but
    for the moment itself."""
    found: set[datetime] = set()
    for p in data.maintenances:
        m = p.maintenance
        window = m.window
        if window is not None:
            found.update((window[0] - coming, window[0], window[1], window[1] + RECENT))
        for i in m.interruptions:
            found.update((i.starts_at, i.ends_at))
    return sorted(found)
