"""The maintenance timeline (a Gantt chart) as server-side SVG: one lane per service.

Limited and unavailable differ by pattern and by word, not by colour alone; every bar has a
text title, the chart a title and description, and the page a table with the same facts.
Names and titles go through the domain's character rule again (XML 1.0 cannot carry control
characters, even escaped), then are escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line
from preavis.formats.wording import IMPACT_WORDS, MONTHS, format_instant, format_window

WIDTH = 960
LABEL = 280
ROW = 30
TOP = 46
PAD = 12
TICKS_MAX = 12  # day lines drawn at most: a maintenance may span centuries
_WORDS = {
    "fr": {"title": "Chronologie", "moment": "Moment affiché", "legend": "Légende"},
    "en": {"title": "Timeline", "moment": "Moment shown", "legend": "Legend"},
}


def _step(start: datetime, end: datetime) -> int:
    """Days between two day lines, so that labels do not collide."""
    days = max(1, (end - start).days + 1)
    if days <= 28:
        return 1 if days <= 14 else 2
    return 7 if days <= 7 * TICKS_MAX else -(-days // TICKS_MAX)


def _tick_label(tick: datetime, lang: Lang, monthly: bool) -> str:
    month = MONTHS[lang][tick.month - 1]
    short = month[:4].rstrip(".") if lang == "fr" else month[:3]
    if monthly:  # lines months or years apart: the month and year say where they fall
        return f"{short} {tick.year}"
    return f"{tick.day} {short}" if lang == "fr" else f"{short} {tick.day}"


def _ticks(start: datetime, end: datetime, tz: ZoneInfo) -> list[datetime]:
    """Local midnights between start and end; every n days so that labels do not collide."""
    local = start.astimezone(tz)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    step = _step(start, end)
    ticks = []
    while day < end.astimezone(tz):
        if day >= local:
            ticks.append(day)
        day = (day + timedelta(days=step, hours=3)).replace(hour=0)  # DST-safe next midnight
    return ticks


def _text(x: float, y: float, css: str, content: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">'
        f"{escape(clean_line(content))}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="{css}"/>'


def _rect(x: float, y: float, width: float, height: float) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" rx="3"/>'


def gantt(
    m: Maintenance, services: Mapping[str, Service], lang: Lang, at: datetime | None = None
) -> str:
    """An accessible SVG timeline of the maintenance; `at` draws the moment shown."""
    window = m.window
    words = _WORDS[lang]
    if window is None:
        return ""
    tz = m.zone
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
    monthly = _step(t0, t1) >= 28
    for tick in _ticks(t0, t1, tz):
        tx = x(tick)
        out.append(_line(tx, TOP - 8, tx, height - 50, "tick"))
        out.append(_text(tx + 3, TOP - 14, "tick-label", _tick_label(tick, lang, monthly)))
    for row, (slug, indexes) in enumerate(lanes.items()):
        y = TOP + row * ROW
        middle = y + ROW / 2 + 4
        service = services.get(slug)
        name = clean_line(service.name.get(lang)) if service else slug
        out.append(_text(LABEL - 8, middle, "lane-label", name, "end"))
        for n in indexes:
            item = m.interruptions[n]
            x0, x1 = x(item.starts_at), x(item.ends_at)
            word = IMPACT_WORDS[lang][item.impact]
            tip = f"{name} — {word} — {format_window(item.starts_at, item.ends_at, tz, lang)}"
            kind = "unavailable" if item.impact is Impact.UNAVAILABLE else "limited"
            out.append(f'<g class="bar bar-{kind}"><title>{escape(tip)}</title>')
            out.append(_rect(x0, y + 5, max(2.0, x1 - x0), ROW - 10))
            if x1 - x0 > 90:
                out.append(_text(x0 + 6, middle, "bar-label", word))
            out.append("</g>")
    if at is not None and t0 <= at <= t1:
        ax = x(at)
        label = f"{words['moment']} : " if lang == "fr" else f"{words['moment']}: "
        label += format_instant(at, tz, lang)
        out.append(_line(ax, TOP - 10, ax, height - 50, "moment"))
        anchor = "end" if ax > WIDTH * 0.7 else "start"
        out.append(
            _text(ax + (-4 if anchor == "end" else 4), height - 36, "moment-label", label, anchor)
        )
    ly = height - 18
    out.append('<g class="legend" aria-hidden="true">')
    out.append(_text(LABEL, ly + 11, "lane-label", words["legend"]))
    for offset, kind, impact in (
        (90, "unavailable", Impact.UNAVAILABLE),
        (260, "limited", Impact.LIMITED),
    ):
        out.append(f'<g class="bar bar-{kind}">{_rect(LABEL + offset, ly, 28, 14)}</g>')
        out.append(_text(LABEL + offset + 34, ly + 11, "lane-label", IMPACT_WORDS[lang][impact]))
    out.append("</g></svg>")
    return "\n".join(out)
