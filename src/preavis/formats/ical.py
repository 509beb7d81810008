"""iCalendar (RFC 5545) feeds: one VEVENT per interruption, with its zone's VTIMEZONE.

Text goes through the domain's character rule again (data stored before it existed), and every
TEXT property, X-WR-CALNAME included, is escaped by icalendar: no value can end a line.

UIDs are stable (maintenance slug and interruption key), SEQUENCE is the maintenance's revision
(it grows with every change), and a cancelled maintenance keeps its events with
STATUS:CANCELLED, so calendars remove them instead of keeping stale ones.

The events are written here, not built as icalendar objects: building 50,000 of them took about
a minute, writing them takes about a second. icalendar still writes the VTIMEZONE rules and is
the reference the tests hold this writer to (same bytes, same parsed calendar).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from icalendar import Timezone
from icalendar.timezone import tzid_from_tzinfo

from preavis.domain.maintenance import Maintenance, State
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line, clean_lines
from preavis.formats.wording import IMPACT_WORDS

PRODID = "-//Préavis//Planned service interruptions//FR-EN"
UID_DOMAIN = "preavis"
EMPTY_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
    "TZNAME:UTC\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
)


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    maintenance: Maintenance
    revision: int
    updated_at: datetime


def calendar(
    entries: Iterable[CalendarEntry],
    services: Mapping[str, Service],
    lang: Lang,
    name: str,
    *,
    service: str | None = None,
    url: str = "",
    method: str = "PUBLISH",
) -> bytes:
    """A calendar of the entries' interruptions (only `service`'s when given); `method`
    CANCEL for a message that withdraws them (iTIP, RFC 5546)."""
    return b"".join(
        calendar_pieces(entries, services, lang, name, service=service, url=url, method=method)
    )


def calendar_pieces(
    entries: Iterable[CalendarEntry],
    services: Mapping[str, Service],
    lang: Lang,
    name: str,
    *,
    service: str | None = None,
    url: str = "",
    method: str = "PUBLISH",
) -> Iterator[bytes]:
    """`calendar`'s bytes in pieces (the head and zones, then each maintenance's events), so
    that a large one is never held whole (see Rendered.streamed)."""
    entries_list = list(entries)
    words = IMPACT_WORDS[lang]
    base = url.rstrip("/")
    zoned = [(entry, tzid_from_tzinfo(entry.maintenance.zone) or "") for entry in entries_list]
    tzids = {
        tzid
        for entry, tzid in zoned
        if tzid != "UTC"
        and any(service is None or i.service == service for i in entry.maintenance.interruptions)
    }
    head = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + _line("PRODID", _text(PRODID))
        + "CALSCALE:GREGORIAN\r\n"
        + _line("METHOD", _text(method))
        + _line("X-WR-CALNAME", _text(clean_line(name)))
    )
    empty = not any(
        service is None or i.service == service
        for e in entries_list
        for i in e.maintenance.interruptions
    )
    # RFC 5545 asks for at least one component: a calendar with no event holds a bare UTC zone.
    yield (head + (EMPTY_ZONE if empty else _zones(entries_list, tzids))).encode()
    for entry, tzid in zoned:
        events: list[str] = []
        m = entry.maintenance
        tz = m.zone
        stamp = _utc(entry.updated_at)
        title = clean_line(m.title.get(lang))
        status = "CANCELLED" if m.state is State.CANCELLED else "CONFIRMED"
        page = _line("URL", f"{base}/{lang}/maintenances/{m.slug}") if url else ""
        for item in m.interruptions:
            if service is not None and item.service != service:
                continue
            found = services.get(item.service)
            label = clean_line(found.name.get(lang)) if found else item.service
            word = words[item.impact]
            described = "\n".join(x for x in (clean_lines(item.description.get(lang)), title) if x)
            events.append(
                "BEGIN:VEVENT\r\n"
                + _line("SUMMARY", _text(f"{label} — {word}"))
                + _when("DTSTART", item.starts_at, tz, tzid)
                + _when("DTEND", item.ends_at, tz, tzid)
                + _line("DTSTAMP", stamp)
                + _line("UID", _text(f"{m.slug}-{item.key}@{UID_DOMAIN}"))
                + f"SEQUENCE:{entry.revision}\r\n"
                + _line("CATEGORIES", _text(word))
                + _line("DESCRIPTION", _text(described))
                + _line("LAST-MODIFIED", stamp)
                + f"STATUS:{status}\r\nTRANSP:TRANSPARENT\r\n"  # no one is made busy
                + page
                + "END:VEVENT\r\n"
            )
        if events:
            yield "".join(events).encode()
    yield b"END:VCALENDAR\r\n"


def _zones(entries: list[CalendarEntry], tzids: set[str]) -> str:
    """VTIMEZONE rules only for the years the events span (a year either side), not since 1970."""
    spans = [e.maintenance.window for e in entries if e.maintenance.window]
    if not tzids or not spans:
        return ""
    first = min(w[0] for w in spans)
    last = max(w[1] for w in spans)
    return "".join(_rules(tzid, first.year, last.year) for tzid in sorted(tzids))


@functools.lru_cache(maxsize=64)
def _rules(tzid: str, first: int, last: int) -> str:
    """A zone's VTIMEZONE for those years (every calendar of a site shares a few)."""
    try:
        zone = Timezone.from_tzid(
            tzid, first_date=date(first - 1, 1, 1), last_date=date(last + 2, 1, 1)
        )
    except ValueError:  # a zone icalendar does not know goes without rules, as before
        return ""
    return str(zone.to_ical().decode())


def _when(name: str, at: datetime, tz: Any, tzid: str) -> str:
    """DTSTART or DTEND: the local time with its zone, or UTC when that local time could be
    read as another instant. RFC 5545 (3.3.5) reads a local time that a daylight-saving change
    repeats as its first occurrence, so the second one (01:30 EST on a November night in
    Toronto) is written in UTC; so is any instant of a zone called UTC."""
    if tzid == "UTC":
        return _line(name, _utc(at))
    local = at.astimezone(tz)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return _line(name, _utc(at))
    return _line(f"{name};TZID={tzid}", _stamp(local))


def _stamp(at: datetime) -> str:
    return f"{at.year:04}{at.month:02}{at.day:02}T{at.hour:02}{at.minute:02}{at.second:02}"


def _utc(at: datetime) -> str:
    return _stamp(at.astimezone(UTC)) + "Z"


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping (line breaks become \\n). Unlike icalendar, a backslash followed
    by N in the text stays a backslash and an N (icalendar reads it as a line break)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _line(name: str, value: str) -> str:
    """One content line, folded at 75 octets without splitting a character or an escape."""
    line = f"{name}:{value}"
    if len(line.encode()) < 75:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= 75:
            if len(current) > 1 and current[-1] in "\\^":
                kept = current.pop()
                parts.append("".join(current))
                current, size = [kept], len(kept.encode())
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"
