"""Writing a maintenance as a notice, in the reference layout, in French or English.

An introduction with the overall window, then one row per interruption:
Application | Interruption de service | Durée (Application | Service interruption | Duration).
The impact leads each description as its own word ("Limité. Les factures se consultent…"),
so the notice says it in words and the description stays as written, in full.

A notice is written for a moment (`now`): before the maintenance the introduction is in the
future tense, during it in the present, after it in the past. Rows keep one order in both
languages (start, end, then the catalogue's order). French follows Canadian typography: a
non-breaking space (U+00A0) before a colon and inside « », and in times ("20 h", "23 h 59").
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line, clean_lines
from preavis.domain.zones import zone_label
from preavis.formats.wording import format_instant, repeated_hour

Format = Literal["text", "markdown", "html"]
Tense = Literal["future", "present", "past"]
NBSP = "\u00a0"

_WORDS: dict[Lang, dict[str, str]] = {
    "fr": {
        "future": "Certains services et applications seront interrompus {window}. "
        "Voir plus bas pour tous les détails.",
        "present": "Certains services et applications sont interrompus {window}. "
        "Voir plus bas pour tous les détails.",
        "past": "Certains services et applications ont été interrompus {window}. "
        "Voir plus bas pour tous les détails.",
        "window": "du {start} au {end}",
        "application": "Application",
        "interruption": "Interruption de service",
        "duration": "Durée",
        "row": "Du {start} au {end}",
        Impact.UNAVAILABLE: "Indisponible",
        Impact.LIMITED: "Limité",
        "cancelled": "Annulée : cette maintenance n’aura pas lieu.",
        "cancelled_past": "Annulée : cette maintenance n’a pas eu lieu.",
    },
    "en": {
        "future": "Some services and applications will be interrupted {window}. "
        "See below for all the details.",
        "present": "Some services and applications are interrupted {window}. "
        "See below for all the details.",
        "past": "Some services and applications were interrupted {window}. "
        "See below for all the details.",
        "window": "from {start} to {end}",
        "application": "Application",
        "interruption": "Service interruption",
        "duration": "Duration",
        "row": "From {start} to {end}",
        Impact.UNAVAILABLE: "Unavailable",
        Impact.LIMITED: "Limited",
        "cancelled": "Cancelled: this maintenance will not take place.",
        "cancelled_past": "Cancelled: this maintenance did not take place.",
    },
}


def _when(at: datetime, tz: ZoneInfo, lang: Lang, *, year: bool) -> str:
    """A row's instant; a wall time that a DST change repeats carries its season's label."""
    text = format_instant(at, tz, lang, year=year, label=False, seasons=False)
    if repeated_hour(at, tz):
        label = zone_label(tz, lang, at)
        text += f" ({label})"
    return text


def typography(text: str, lang: Lang) -> str:
    """Canadian typography on written text: in French a non-breaking space before a colon,
    inside « », and in times ("20 h", "23 h 59"); in English "8 p.m." holds together. Text
    already spaced so is left as it is."""
    if lang == "fr":
        text = re.sub(r"[ \u00a0\u202f]+:(?=\s|$)", f"{NBSP}:", text)
        text = re.sub(r"«[ \u00a0\u202f]*", f"«{NBSP}", text)
        text = re.sub(r"[ \u00a0\u202f]*»", f"{NBSP}»", text)
        return re.sub(r"\b(\d{1,2}) h(?: (\d\d)\b)?", _french_time, text)
    return re.sub(r"\b(\d{1,2}(?::\d\d)?) ([ap]\.m\.)", rf"\1{NBSP}\2", text)


def _french_time(match: re.Match[str]) -> str:
    hour, minute = match.group(1), match.group(2)
    return f"{hour}{NBSP}h{NBSP}{minute}" if minute else f"{hour}{NBSP}h"


def _lead(label: str, text: str) -> str:
    """The impact as its own word, then the description as written (its first letter raised
    when it starts a sentence in lower case)."""
    if not text:
        return label
    return f"{label}. {text[0].upper()}{text[1:]}"


def _rows(
    maintenance: Maintenance, services: Mapping[str, Service], lang: Lang
) -> list[tuple[str, str, str]]:
    tz = maintenance.zone
    order = {slug: n for n, slug in enumerate(services)}
    items = sorted(  # the same order in both languages: never by a translated name
        maintenance.interruptions,
        key=lambda i: (i.starts_at, i.ends_at, order.get(i.service, len(order)), i.service),
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
        cell = _lead(words[item.impact], text)
        window = words["row"].format(
            start=_when(item.starts_at, tz, lang, year=with_year),
            end=_when(item.ends_at, tz, lang, year=with_year),
        )
        rows.append((_name(item, services, lang), cell, window))
    return rows


def _name(item: Interruption, services: Mapping[str, Service], lang: Lang) -> str:
    service = services.get(item.service)
    return clean_line(service.name.get(lang)) if service is not None else item.service


def _tense(maintenance: Maintenance, now: datetime | None) -> Tense:
    if now is None:
        return "future"
    items = maintenance.interruptions
    window = maintenance.window
    start = window[0] if window else min((i.starts_at for i in items), default=None)
    end = window[1] if window else max((i.ends_at for i in items), default=None)
    if start is None or end is None or now < start:
        return "future"
    return "present" if now < end else "past"


def _intro(maintenance: Maintenance, lang: Lang, tense: Tense) -> str | None:
    window = maintenance.window
    if window is None:
        return None
    tz = maintenance.zone
    label = zone_label(tz, lang)
    if label == tz.key:
        label = zone_label(tz, lang, window[0])
    tag = f" ({label})" if lang == "fr" else f" {label}"

    def at(value: datetime) -> str:
        text = format_instant(value, tz, lang, year=True, label=False, seasons=False)
        if repeated_hour(value, tz):
            return f"{text} ({zone_label(tz, lang, value)})"
        return f"{text}{tag}"

    return _WORDS[lang][tense].format(
        window=_WORDS[lang]["window"].format(start=at(window[0]), end=at(window[1]))
    )


def _same(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[\s\u00a0\u202f]+", " ", text).split()).casefold()

    return norm(a) == norm(b) or (len(norm(b)) > 20 and norm(b) in norm(a))


def render_notice(
    maintenance: Maintenance,
    services: Mapping[str, Service],
    lang: Lang,
    fmt: Format = "text",
    *,
    now: datetime | None = None,
) -> str:
    """The maintenance as a notice in `lang`, as plain text, Markdown or an HTML document,
    written as of `now` (None: ahead of it, in the future tense)."""
    words = _WORDS[lang]
    tense = _tense(maintenance, now)
    title = clean_line(maintenance.title.get(lang))
    summary = clean_lines(maintenance.summary.get(lang))
    intro = _intro(maintenance, lang, tense)
    cancelled = None
    if maintenance.state.value == "cancelled":
        cancelled = words["cancelled_past" if tense == "past" else "cancelled"]
    header = (words["application"], words["interruption"], words["duration"])
    rows = [
        (typography(a, lang), typography(b, lang), typography(c, lang))
        for a, b, c in _rows(maintenance, services, lang)
    ]
    paragraphs: list[str] = []
    for paragraph in (cancelled, intro, summary):  # no paragraph said twice
        if paragraph and not any(_same(seen, paragraph) for seen in paragraphs):
            paragraphs.append(typography(paragraph, lang))
    title = typography(title, lang)
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
