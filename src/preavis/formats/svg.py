"""The maintenance timeline (a Gantt chart) as server-side SVG: one lane per service.

Limited and unavailable differ by pattern and by word, not by colour alone; every bar has a
text title, the chart a title and description, and the page a table with the same facts.
Names and titles go through the domain's character rule again (XML 1.0 cannot carry control
characters, even escaped), then are escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line
from preavis.domain.zones import zone_label
from preavis.formats.wording import (
    IMPACT_WORDS,
    MONTHS_SHORT,
    format_instant,
    format_time,
    format_window,
)

WIDTH = 960
LABEL = 280  # the widest the lane labels' column gets; names longer than it wrap
CHAR = 7.0  # a generous average width of a 12 px character, so that no label is cut
LABEL_LINE = int((LABEL - 16) / CHAR)  # characters on one line of a lane label
ROW = 30
TOP = 46
PAD = 12
TICKS_MAX = 12  # day lines drawn at most: a maintenance may span centuries
_WORDS = {
    "fr": {
        "title": "Chronologie",
        "moment": "Moment affiché",
        "period": "Période affichée",
        "legend": "Légende",
        "now": "Maintenant",
    },
    "en": {
        "title": "Timeline",
        "moment": "Moment shown",
        "period": "Period shown",
        "legend": "Legend",
        "now": "Now",
    },
}


HOURS = (1, 2, 3, 6, 12)  # hour steps tried for short spans, then whole days


def _step(start: datetime, end: datetime) -> timedelta:
    """The space between two lines, so that at most TICKS_MAX labels fit: hours for a short
    maintenance, days for longer ones."""
    span = end - start
    for hours in HOURS:
        if span / timedelta(hours=hours) <= TICKS_MAX:
            return timedelta(hours=hours)
    days = max(1, (end - start).days + 1)
    if days <= 28:
        return timedelta(days=1 if days <= 14 else 2)
    return timedelta(days=7 if days <= 7 * TICKS_MAX else -(-days // TICKS_MAX))


def _tick_label(tick: datetime, lang: Lang, step: timedelta) -> str:
    short = MONTHS_SHORT[lang][tick.month - 1]
    if step >= timedelta(days=28):  # lines months or years apart: month and year
        return f"{short} {tick.year}"
    if step < timedelta(days=1) and (tick.hour or tick.minute):
        return format_time(tick, lang)
    return f"{tick.day} {short}" if lang == "fr" else f"{short} {tick.day}"


def _ticks(start: datetime, end: datetime, tz: ZoneInfo) -> list[datetime]:
    """Local times on whole hours (or midnights) between start and end, `_step` apart."""
    step = _step(start, end)
    local = start.astimezone(tz)
    ticks = []
    if step < timedelta(days=1):
        hours = int(step / timedelta(hours=1))
        utc = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        while utc < end:
            here = utc.astimezone(tz)
            if utc >= start and here.minute == 0 and here.hour % hours == 0:
                ticks.append(here)
            utc += timedelta(hours=1)  # in UTC: a DST change neither skips nor repeats a line
        return ticks
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    while day < end.astimezone(tz):
        if day >= local:
            ticks.append(day)
        day = (day + step + timedelta(hours=3)).replace(hour=0)  # DST-safe next midnight
    return ticks


def _text(x: float, y: float, css: str, content: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">'
        f"{escape(clean_line(content))}</text>"
    )


def _lane_label(x: float, middle: float, name: str) -> str:
    """A service's name, right-aligned before its lane, on two lines when it is long (the
    second shortened with an ellipsis only past two lines; the full name is in the table)."""
    name = clean_line(name)
    if len(name) <= LABEL_LINE:
        return _text(x, middle, "lane-label", name, "end")
    cut = name.rfind(" ", 0, LABEL_LINE + 1)
    cut = cut if cut > 0 else LABEL_LINE
    first, rest = name[:cut].rstrip(), name[cut:].strip()
    if len(rest) > LABEL_LINE:
        rest = rest[: LABEL_LINE - 1].rstrip() + "…"
    return (
        f'<text x="{x:.1f}" y="{middle - 7:.1f}" class="lane-label lane-label-2" '
        f'text-anchor="end"><tspan x="{x:.1f}">{escape(first)}</tspan>'
        f'<tspan x="{x:.1f}" dy="13">{escape(rest)}</tspan><title>{escape(name)}</title></text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="{css}"/>'


def _rect(x: float, y: float, width: float, height: float) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" rx="3"/>'


def chart_range(m: Maintenance) -> tuple[datetime, datetime] | None:
    """The instants the chart spans: the window and a margin either side."""
    window = m.window
    if window is None:
        return None
    span = window[1] - window[0]
    return window[0] - span * 0.02, window[1] + span * 0.02


def _legend(height: int, lang: Lang) -> list[str]:
    out: list[str] = []
    ly = height - 18
    out.append('<g class="legend" aria-hidden="true">')
    out.append(_text(LABEL, ly + 11, "lane-label", _WORDS[lang]["legend"]))
    for offset, kind, impact in (
        (90, "unavailable", Impact.UNAVAILABLE),
        (260, "limited", Impact.LIMITED),
    ):
        out.append(f'<g class="bar bar-{kind}">{_rect(LABEL + offset, ly, 28, 14)}</g>')
        out.append(_text(LABEL + offset + 34, ly + 11, "lane-label", IMPACT_WORDS[lang][impact]))
    return out


def _markers(
    x: Callable[[datetime], float],
    shown: tuple[datetime, datetime],
    height: int,
    lang: Lang,
    tz: ZoneInfo,
    at: datetime | None,
    now: datetime | None,
    period: tuple[datetime | None, datetime | None] | None = None,
) -> list[str]:
    """The line of the moment shown (or the band of the period shown) and the line of now,
    each when in range."""
    words = _WORDS[lang]
    t0, t1 = shown
    out: list[str] = []
    if period is not None:  # a stretch in which nothing changes: a band, its edges dashed
        start = t0 if period[0] is None else max(period[0], t0)
        end = t1 if period[1] is None else min(period[1], t1)
        if start < end:
            px, qx = x(start), x(end)
            out.append(
                f'<rect class="period" x="{px:.1f}" y="{TOP - 10}" width="{qx - px:.1f}" '
                f'height="{height - 40 - TOP}"/>'
            )
            out += [_line(ex, TOP - 10, ex, height - 50, "moment") for ex in (px, qx)]
            anchor = "end" if px > WIDTH * 0.7 else "start"
            out.append(
                _text(
                    px + (-4 if anchor == "end" else 4),
                    height - 36,
                    "moment-label",
                    words["period"],
                    anchor,
                )
            )
        at = None
    if now is not None and t0 <= now <= t1 and now != at:
        nx = x(now)
        out.append(_line(nx, TOP - 10, nx, height - 50, "now"))
        anchor = "end" if nx > WIDTH * 0.7 else "start"
        out.append(_text(nx + (-4 if anchor == "end" else 4), TOP - 1, "now-label",
                         words["now"], anchor))  # fmt: skip
    if at is not None and t0 <= at <= t1:
        ax = x(at)
        label = f"{words['moment']} : " if lang == "fr" else f"{words['moment']}: "
        label += format_instant(at, tz, lang)
        out.append(_line(ax, TOP - 10, ax, height - 50, "moment"))
        anchor = "end" if ax > WIDTH * 0.7 else "start"
        out.append(
            _text(ax + (-4 if anchor == "end" else 4), height - 36, "moment-label", label, anchor)
        )
    return out


def gantt(
    m: Maintenance,
    services: Mapping[str, Service],
    lang: Lang,
    at: datetime | None = None,
    *,
    now: datetime | None = None,
    tz: ZoneInfo | None = None,
    period: tuple[datetime | None, datetime | None] | None = None,
) -> str:
    """An accessible SVG timeline of the maintenance; `at` draws the moment shown (`period`,
    the stretch shown, instead: see web/phases.py), `now` a marker for the present (each only
    when in range). Times in `tz`, by default the
    maintenance's own zone."""
    window = m.window
    words = _WORDS[lang]
    if window is None:
        return ""
    tz = tz or m.zone
    span = window[1] - window[0]
    t0 = window[0] - span * 0.02
    t1 = window[1] + span * 0.02
    total = (t1 - t0).total_seconds()

    def x(when: datetime) -> float:
        return LABEL + (WIDTH - LABEL - PAD) * (when - t0).total_seconds() / total

    lanes: dict[str, list[int]] = {}
    order = sorted(
        range(len(m.interruptions)),
        key=lambda n: (m.interruptions[n].starts_at, m.interruptions[n].service),
    )
    for n in order:
        lanes.setdefault(m.interruptions[n].service, []).append(n)
    height = TOP + ROW * len(lanes) + 56
    title = clean_line(f"{words['title']} — {m.title.get(lang)}")
    desc = format_window(window[0], window[1], tz, lang, year=True)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="gantt" role="img" aria-labelledby="gantt-title gantt-desc">',
        f'<title id="gantt-title">{escape(title)}</title>',
        f'<desc id="gantt-desc">{escape(desc)}</desc>',
        '<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#fde7b0"/>'
        '<rect width="3" height="8" fill="#8a5a00"/></pattern></defs>',
    ]
    step = _step(t0, t1)
    ticks = _ticks(t0, t1, tz)
    shown = [(tick.date(), _tick_label(tick, lang, step)) for tick in ticks]
    for tick, (day, said) in zip(ticks, shown, strict=True):
        # The hour daylight saving repeats, the same day: "1 h HAE", then "1 h HNE".
        twice = shown.count((day, said)) > 1
        label = f"{said} {zone_label(tz, lang, tick)}" if twice else said
        tx = x(tick)
        out.append(_line(tx, TOP - 8, tx, height - 50, "tick"))
        out.append(_text(tx + 3, TOP - 14, "tick-label", label))
    for row, (slug, indexes) in enumerate(lanes.items()):
        y = TOP + row * ROW
        middle = y + ROW / 2 + 4
        service = services.get(slug)
        name = clean_line(service.name.get(lang)) if service else slug
        out.append(_lane_label(LABEL - 8, middle, name))
        for n in indexes:
            item = m.interruptions[n]
            x0, x1 = x(item.starts_at), x(item.ends_at)
            word = IMPACT_WORDS[lang][item.impact]
            tip = f"{name} — {word} — {format_window(item.starts_at, item.ends_at, tz, lang)}"
            kind = "unavailable" if item.impact is Impact.UNAVAILABLE else "limited"
            out.append(f'<g class="bar bar-{kind}"><title>{escape(tip)}</title>')
            out.append(_rect(x0, y + 5, max(2.0, x1 - x0), ROW - 10))
            if x1 - x0 > len(word) * CHAR + 16:
                if kind == "limited":  # a solid plate under the word: 4.5:1 on any stripe
                    out.append(
                        f'<rect x="{x0 + 3:.1f}" y="{y + 8:.1f}" width="{len(word) * CHAR + 6:.1f}"'
                        f' height="{ROW - 16}" rx="2" class="bar-label-plate"/>'
                    )
                out.append(_text(x0 + 6, middle, "bar-label", word))
            out.append("</g>")
    out += _markers(x, (t0, t1), height, lang, tz, at, now, period)
    out += _legend(height, lang)
    out.append("</g></svg>")
    return "\n".join(out)


def strip(m: Maintenance, slug: str) -> str:
    """One service's windows as a small bar across the maintenance (the phone's agenda view
    puts one under each service's name; the words beside it say the same)."""
    shown = chart_range(m)
    if shown is None:
        return ""
    t0, t1 = shown
    total = (t1 - t0).total_seconds()
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 10" class="strip" '
        'preserveAspectRatio="none" aria-hidden="true" focusable="false">',
        '<rect x="0" y="0" width="300" height="10" class="strip-track"/>',
    ]
    for item in sorted(m.interruptions, key=lambda i: i.starts_at):
        if item.service != slug:
            continue
        x0 = 300 * (item.starts_at - t0).total_seconds() / total
        x1 = 300 * (item.ends_at - t0).total_seconds() / total
        kind = "unavailable" if item.impact is Impact.UNAVAILABLE else "limited"
        out.append(
            f'<rect x="{x0:.1f}" y="0" width="{max(2.0, x1 - x0):.1f}" height="10" '
            f'class="strip-{kind}"/>'
        )
    out.append("</svg>")
    return "".join(out)


BADGE_COLOURS = {"operational": "#1b5e20", "limited": "#6b4100", "unavailable": "#8c1d18"}


def badge(label: str, value: str, kind: str) -> str:
    """A small embeddable badge, "label | value", in the kind's colour (white text on it
    passes 4.5:1); its title says the same for screen readers."""
    label, value = clean_line(label), clean_line(value)
    left = round(len(label) * 6.5 + 12)
    right = round(len(value) * 6.5 + 12)
    colour = BADGE_COLOURS.get(kind, "#4a4a4a")
    text = escape(f"{label} : {value}" if " " in label else f"{label}: {value}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="20" '
        f'role="img" aria-label="{text}"><title>{text}</title>'
        f'<rect width="{left}" height="20" fill="#4a4a4a"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="6" y="14">{escape(label)}</text>'
        f'<text x="{left + 6}" y="14">{escape(value)}</text></g></svg>'
    )
