"""The home page's view: every service with its way ahead, what is coming, the summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from preavis.actions.public import PublicData, PublicMaintenance
from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Lifecycle
from preavis.domain.service import Service
from preavis.domain.timeline import ServiceStatus
from preavis.formats.wording import format_instant, format_path, format_window
from preavis.web.words import Words, hold_together

RECENT = timedelta(days=14)  # how long ended maintenances count as recent on the home page
PAST_LISTED = 10  # older ones listed below them


Row = Callable[[Service, ServiceStatus], str]  # one service's row of the table, as HTML


def home_view(
    t: Words,
    data: PublicData,
    moment: datetime,
    tz: ZoneInfo,
    suffix: str,
    coming: timedelta,
    row: Row | None = None,
    *,
    frame: bool = False,
    compact: bool = False,
) -> dict[str, Any]:
    """What home.html shows at `moment`; `suffix` is the query every link keeps. With `row`,
    each group's table body is drawn by it ("html"), else each group lists its rows' views;
    a `frame` has neither (nor a summary): see Site.home_frame. A `compact` page lists only
    the services down at `moment`, and says how many others of each group are not."""
    lang = t.lang
    view: dict[str, Any] = {}
    by_slug: dict[str, ServiceStatus] = {}
    if not frame:
        snap = data.timeline.status_at(moment)
        down = snap.down
        view["summary"] = summary(t, [s.impact for s in down]) if down else t["all_ok"]
        by_slug = {s.service.slug: s for s in snap.services}
    view["groups"] = _groups(t, data, by_slug, moment, tz, suffix, row, frame, compact)
    sections: dict[str, list[dict[str, Any]]] = {
        "ongoing": [],
        "upcoming": [],
        "recent": [],
        "past": [],
    }
    banner = []

    spans = windows(data)

    def started(p: PublicMaintenance) -> datetime:
        window = spans[p.maintenance.slug][0]
        return window[0] if window else moment

    for p in sorted(data.maintenances, key=started):
        m = p.maintenance
        window, touched = spans[m.slug]
        if window is None:
            continue
        # As `m.timing_at` and `m.phase_at`, from the window found once per version of data.
        if moment < window[0]:
            timing = Lifecycle.UPCOMING
        else:
            timing = Lifecycle.ONGOING if moment < window[1] else Lifecycle.COMPLETED
        phase = Lifecycle.CANCELLED if p.cancelled else timing
        item = {
            "title": m.title.get(lang),
            "url": f"/{lang}/maintenances/{m.slug}{suffix}",
            "window": format_window(window[0], window[1], tz, lang, year=True),
            "cancelled": phase is Lifecycle.CANCELLED,
            "phase": phase.value if phase else "",
            "touched": t.count("services_in_all", touched),
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


def _groups(
    t: Words,
    data: PublicData,
    by_slug: dict[str, ServiceStatus],
    moment: datetime,
    tz: ZoneInfo,
    suffix: str,
    row: Row | None,
    frame: bool,
    compact: bool = False,
) -> list[dict[str, Any]]:
    """The home page's tables: each group's name, and its rows (see `home_view`)."""
    groups: list[dict[str, Any]] = []
    named = {g.slug: g for g in data.groups}
    for key, listed in grouped(data).items():
        if not listed:
            continue
        title = named[key].name.get(t.lang) if key is not None else t["ungrouped"]
        members = [s for s in listed if by_slug[s.slug].is_down] if compact else listed
        others = len(listed) - len(members)
        if frame:
            groups.append({"name": title})
        elif compact:
            said = t.count("others_operational", others) if others else ""
            if row is not None:
                html = "".join([row(s, by_slug[s.slug]) for s in members])
                groups.append({"name": title, "html": Markup(html), "others": said})
            else:  # drawn by the template
                rows = [
                    service_row(t, data, s, by_slug[s.slug], moment, tz, suffix) for s in members
                ]
                groups.append({"name": title, "rows": rows, "others": said})
        elif row is not None:
            html = "".join([row(s, by_slug[s.slug]) for s in members])
            groups.append({"name": title, "html": Markup(html)})  # the rows, drawn by `row`
        else:
            rows = [service_row(t, data, s, by_slug[s.slug], moment, tz, suffix) for s in members]
            groups.append({"name": title, "rows": rows})
    return groups


_GROUPED: dict[tuple[str, int], dict[str | None, list[Service]]] = {}


def grouped(data: PublicData) -> dict[str | None, list[Service]]:
    """The services of each group, in the groups' order, then those without a known group
    (None), found once per version of the data."""
    key = (data.stamp, id(data.services))
    found = _GROUPED.get(key)
    if found is None:
        named = {g.slug for g in data.groups}
        found = {g.slug: [] for g in data.groups}
        found[None] = []
        for s in data.services:
            found[s.group if s.group in named else None].append(s)
        if len(_GROUPED) >= 4:
            _GROUPED.clear()
        _GROUPED[key] = found
    return found


_PLACED: dict[tuple[str, int], list[list[tuple[Service, int]]]] = {}


def placed(data: PublicData) -> list[list[tuple[Service, int]]]:
    """The home page's tables in order (`grouped`, empty ones left out): each service with its
    place in the timeline's snapshots."""
    key = (data.stamp, id(data.services))
    found = _PLACED.get(key)
    if found is None:
        where = {s.slug: n for n, s in enumerate(data.timeline.services)}
        found = [
            [(s, where[s.slug]) for s in members] for members in grouped(data).values() if members
        ]
        if len(_PLACED) >= 4:
            _PLACED.clear()
        _PLACED[key] = found
    return found


_RANKS: dict[tuple[str, int], tuple[list[int], list[int], list[int]]] = {}


def ranks(data: PublicData) -> tuple[list[int], list[int], list[int]]:
    """Where each service (by its place in the timeline) comes on the home page, which of the
    page's tables (`placed`) holds it, and how many services each table holds."""
    key = (data.stamp, id(data.services))
    found = _RANKS.get(key)
    if found is None:
        count = len(data.timeline.services)
        rank, group_of = [0] * count, [0] * count
        sizes = []
        n = 0
        for g, members in enumerate(placed(data)):
            sizes.append(len(members))
            for _, index in members:
                rank[index], group_of[index] = n, g
                n += 1
        found = (rank, group_of, sizes)
        if len(_RANKS) >= 4:
            _RANKS.clear()
        _RANKS[key] = found
    return found


def frame_instants(data: PublicData, coming: timedelta) -> list[datetime]:
    """The instants at which the home page's frame (all but its summary and services' rows)
    may change: a window's start less the banner's lead, its start, its end, its end plus
    RECENT (see `home_view`: what is coming, ongoing, recent or past)."""
    found: set[datetime] = set()
    for window, _ in windows(data).values():
        if window is not None:
            found.update((window[0] - coming, window[0], window[1], window[1] + RECENT))
    return sorted(found)


Facts = dict[str, tuple[tuple[datetime, datetime] | None, int]]
_WINDOWS: dict[tuple[str, int], Facts] = {}


def windows(data: PublicData) -> Facts:
    """Every public maintenance's window and how many services it touches, by slug, found
    once per version of the data (a window spanned by a thousand interruptions is a thousand
    comparisons each time)."""
    key = (data.stamp, id(data.maintenances))
    found = _WINDOWS.get(key)
    if found is None:
        found = {
            p.maintenance.slug: (
                p.maintenance.window,
                len({i.service for i in p.maintenance.interruptions}),
            )
            for p in data.maintenances
        }
        if len(_WINDOWS) >= 4:
            _WINDOWS.clear()
        _WINDOWS[key] = found
    return found


def service_row(
    t: Words,
    data: PublicData,
    service: Service,
    status: ServiceStatus,
    moment: datetime,
    tz: ZoneInfo,
    suffix: str,
) -> dict[str, Any]:
    """One service's row of the home page at `moment` (its status then). It is the same for
    every moment of the same stretch of that service (`status`), in the same zone and offset."""
    lang = t.lang
    path = data.timeline.ahead(service.slug, moment)
    return {
        "name": service.name.get(lang),
        "url": f"/{lang}/services/{service.slug}{suffix}",
        "impact": status.impact.value,
        "coming": bool(path) and not status.is_down,
        "path": format_path(path, moment, tz, lang),
        "affected": " ".join(i.description.get(lang) for i in status.interruptions),
        "back": format_instant(status.back_at, tz, lang) if status.back_at else "",
    }


def row_html(row: dict[str, Any], t: Words) -> str:
    """`service_row` drawn as macros.html's `service_row` draws it, byte for byte (a page asks
    for thousands; tests hold the two to the same bytes)."""
    e = _printed
    impact = row["impact"]
    state, affected, back, badge = _row_words(t, impact)
    coming = ' class="coming-row"' if row["coming"] else ""
    path = f' <span class="path">— {e(row["path"])}</span>' if row["path"] else ""
    return (
        f"  <tr{coming}>\n"
        # A link has no space: holding times together changes nothing in it.
        f'    <th scope="row"><a href="{escape(row["url"])}">{e(row["name"])}</a></th>\n'
        f"    <td{state}>{badge}{path}</td>\n"
        f"    <td{affected}>{e(row['affected'])}</td>\n"
        f"    <td{back}>{e(row['back'])}</td>\n"
        "  </tr>\n"
    )


_ROW_WORDS: dict[tuple[str, ...], tuple[str, str, str, str]] = {}


def _printed(value: str) -> str:
    """What the templates' `{{ value }}` prints: times held together, then escaped."""
    return str(escape(hold_together(value)))


def _row_words(t: Words, impact: str) -> tuple[str, str, str, str]:
    """A row's words that depend only on the language and the impact, written once."""
    key = (t["state"], t["affected"], t["back"], impact, t[impact])
    found = _ROW_WORDS.get(key)
    if found is None:
        e = _printed
        found = (
            f' data-label="{e(t["state"])}"',
            f' data-label="{e(t["affected"])}"',
            f' data-label="{e(t["back"])}"',
            f'<span class="badge {e(impact)}">{e(t[impact])}</span>',
        )
        if len(_ROW_WORDS) > 64:
            _ROW_WORDS.clear()
        _ROW_WORDS[key] = found
    return found


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
