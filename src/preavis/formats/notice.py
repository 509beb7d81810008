"""Writing a maintenance as a notice, in the reference layout, in French or English.

An introduction with the overall window, then one row per interruption:
Application | Interruption de service | Durée (Application | Service interruption | Duration).
The impact leads each description ("Limité : …"), so the notice says it in words.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line, clean_lines
from preavis.domain.zones import zone_label
from preavis.formats.wording import format_instant

Format = Literal["text", "markdown", "html"]

_WORDS: dict[Lang, dict[str, str]] = {
    "fr": {
        "intro": "Certains services et applications seront interrompus {window}. "
        "Voir plus bas pour tous les détails.",
        "window": "du {start} au {end}",
        "application": "Application",
        "interruption": "Interruption de service",
        "duration": "Durée",
        "row": "Du {start} au {end}",
        Impact.UNAVAILABLE: "Indisponible",
        Impact.LIMITED: "Limité",
        "sep": " : ",
        "cancelled": "Annulé : cette maintenance n’aura pas lieu.",
    },
    "en": {
        "intro": "Some services and applications will be interrupted {window}. "
        "See below for all the details.",
        "window": "from {start} to {end}",
        "application": "Application",
        "interruption": "Service interruption",
        "duration": "Duration",
        "row": "From {start} to {end}",
        Impact.UNAVAILABLE: "Unavailable",
        Impact.LIMITED: "Limited",
        "sep": ": ",
        "cancelled": "Cancelled: this maintenance will not take place.",
    },
}


def _ambiguous(at: datetime, tz: ZoneInfo) -> bool:
    local = at.astimezone(tz)
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _when(at: datetime, tz: ZoneInfo, lang: Lang, *, year: bool) -> str:
    """A row's instant; a wall time that a DST change repeats carries its season's label."""
    text = format_instant(at, tz, lang, year=year, label=False)
    if _ambiguous(at, tz):
        label = zone_label(tz, lang, at)
        text += f" ({label})"
    return text


def _rows(
    maintenance: Maintenance, services: Mapping[str, Service], lang: Lang
) -> list[tuple[str, str, str]]:
    tz = maintenance.zone
    items = sorted(
        maintenance.interruptions,
        key=lambda i: (i.starts_at, i.ends_at, _name(i, services, lang)),
    )
    years = {i.starts_at.astimezone(tz).year for i in items} | {
        i.ends_at.astimezone(tz).year for i in items
    }
    if maintenance.window is not None:
        years |= {w.astimezone(tz).year for w in maintenance.window}
    with_year = len(years) > 1
    words = _WORDS[lang]
    rows = []
    for item in items:
        text = clean_lines(item.description.get(lang))
        label = words[item.impact]
        cell = f"{label}{words['sep']}{text}" if text else label
        window = words["row"].format(
            start=_when(item.starts_at, tz, lang, year=with_year),
            end=_when(item.ends_at, tz, lang, year=with_year),
        )
        rows.append((_name(item, services, lang), cell, window))
    return rows


def _name(item: Interruption, services: Mapping[str, Service], lang: Lang) -> str:
    service = services.get(item.service)
    return clean_line(service.name.get(lang)) if service is not None else item.service


def _intro(maintenance: Maintenance, lang: Lang) -> str | None:
    window = maintenance.window
    if window is None:
        return None
    tz = maintenance.zone
    label = zone_label(tz, lang)
    if label == tz.key:
        label = zone_label(tz, lang, window[0])
    tag = f" ({label})" if lang == "fr" else f" {label}"

    def at(value: datetime) -> str:
        text = format_instant(value, tz, lang, year=True, label=False)
        if _ambiguous(value, tz):
            return f"{text} ({zone_label(tz, lang, value)})"
        return f"{text}{tag}"

    return _WORDS[lang]["intro"].format(
        window=_WORDS[lang]["window"].format(start=at(window[0]), end=at(window[1]))
    )


def render_notice(
    maintenance: Maintenance,
    services: Mapping[str, Service],
    lang: Lang,
    fmt: Format = "text",
) -> str:
    """The maintenance as a notice in `lang`, as plain text, Markdown or an HTML document."""
    words = _WORDS[lang]
    title = clean_line(maintenance.title.get(lang))
    summary = clean_lines(maintenance.summary.get(lang))
    intro = _intro(maintenance, lang)
    cancelled = words["cancelled"] if maintenance.state.value == "cancelled" else None
    header = (words["application"], words["interruption"], words["duration"])
    rows = _rows(maintenance, services, lang)
    paragraphs = [p for p in (cancelled, intro, summary) if p]
    if fmt == "markdown":
        lines = [f"# {_md(title)}", ""]
        for paragraph in paragraphs:
            lines += [_md(paragraph), ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|---|---|---|")
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        return _html(title, paragraphs, header, rows, lang)
    blocks = [title, *paragraphs, *header]
    for row in rows:
        blocks.extend(row)
    return "\n\n".join(blocks) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _html(
    title: str,
    paragraphs: list[str],
    header: tuple[str, str, str],
    rows: list[tuple[str, str, str]],
    lang: Lang,
) -> str:
    e = html.escape
    body = "\n".join(f"  <p>{e(p)}</p>" for p in paragraphs)
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in header)
    lines = "\n".join(
        f'      <tr><th scope="row">{e(name)}</th><td>{e(cell)}</td><td>{e(window)}</td></tr>'
        for name, cell, window in rows
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}-CA">\n<head>\n  <meta charset="utf-8">\n'
        f"  <title>{e(title)}</title>\n</head>\n<body>\n<main>\n  <h1>{e(title)}</h1>\n{body}\n"
        f"  <table>\n    <thead><tr>{head}</tr></thead>\n    <tbody>\n{lines}\n    </tbody>\n"
        "  </table>\n</main>\n</body>\n</html>\n"
    )
