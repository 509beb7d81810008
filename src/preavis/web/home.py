"""The home page's view: every service with its way ahead, what is coming, the summary."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from preavis.actions.public import PublicData, PublicMaintenance
from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Lifecycle
from preavis.formats.wording import format_instant, format_path, format_window
from preavis.web.words import Words

RECENT = timedelta(days=14)  # how long ended maintenances count as recent on the home page
PAST_LISTED = 10  # older ones listed below them


def home_view(
    t: Words,
    data: PublicData,
    moment: datetime,
    tz: ZoneInfo,
    suffix: str,
    coming: timedelta,
) -> dict[str, Any]:
    """What home.html shows at `moment`; `suffix` is the query every link keeps."""
    lang = t.lang
    snap = data.timeline.status_at(moment)
    view: dict[str, Any] = {}
    down = snap.down
    if down:
        view["summary"] = summary(t, [s.impact for s in down])
    else:
        view["summary"] = t["all_ok"]
    by_slug = {s.service.slug: s for s in snap.services}
    groups = []
    named = {g.slug: g for g in data.groups}
    order = [g.slug for g in data.groups] + [None]
    for key in order:
        members = [s for s in data.services if (s.group if s.group in named else None) == key]
        if not members:
            continue
        rows = []
        for service in members:
            status = by_slug[service.slug]
            path = data.timeline.ahead(service.slug, moment)
            rows.append(
                {
                    "name": service.name.get(lang),
                    "url": f"/{lang}/services/{service.slug}{suffix}",
                    "impact": status.impact.value,
                    "coming": bool(path) and not status.is_down,
                    "path": format_path(path, moment, tz, lang),
                    "affected": " ".join(i.description.get(lang) for i in status.interruptions),
                    "back": format_instant(status.back_at, tz, lang) if status.back_at else "",
                }
            )
        title = named[key].name.get(lang) if key is not None else t["ungrouped"]
        groups.append({"name": title, "rows": rows})
    view["groups"] = groups
    sections: dict[str, list[dict[str, Any]]] = {
        "ongoing": [],
        "upcoming": [],
        "recent": [],
        "past": [],
    }
    banner = []

    def started(p: PublicMaintenance) -> datetime:
        window = p.maintenance.window
        return window[0] if window else moment

    for p in sorted(data.maintenances, key=started):
        m = p.maintenance
        window = m.window
        timing = m.timing_at(moment)
        if window is None or timing is None:
            continue
        phase = m.phase_at(moment)
        touched = len({i.service for i in m.interruptions})
        item = {
            "title": m.title.get(lang),
            "url": f"/{lang}/maintenances/{m.slug}{suffix}",
            "window": format_window(window[0], window[1], tz, lang, year=True),
            "cancelled": phase is Lifecycle.CANCELLED,
            "phase": phase.value if phase else "",
            "touched": t.count("services_touched", touched),
        }
        if timing is Lifecycle.ONGOING:
            sections["ongoing"].append(item)
        elif timing is Lifecycle.UPCOMING:
            sections["upcoming"].append(item)
        elif moment < window[1] + RECENT:
            sections["recent"].append(item)
        else:
            sections["past"].append(item)
        soon = timing is Lifecycle.UPCOMING and window[0] - moment <= coming
        if phase is not Lifecycle.CANCELLED and (timing is Lifecycle.ONGOING or soon):
            banner.append({**item, "heading": t[f"banner_{timing.value}"]})
    sections["past"] = sections["past"][::-1][:PAST_LISTED]  # the latest first
    view["coming"] = banner
    view["sections"] = [
        {"id": key, "title": t[key], "entries": items} for key, items in sections.items()
    ]
    return view


def summary(t: Words, impacts: list[Impact]) -> str:
    """ "26 services touchés : 23 indisponibles, 3 limités." (a kind that counts none is left
    out: "1 service touché : 1 indisponible.")."""
    parts = [
        t.count(key, n)
        for key, n in (
            ("count_unavailable", sum(1 for i in impacts if i is Impact.UNAVAILABLE)),
            ("count_limited", sum(1 for i in impacts if i is Impact.LIMITED)),
        )
        if n
    ]
    return t.count("summary_down", len(impacts), parts=", ".join(parts))
