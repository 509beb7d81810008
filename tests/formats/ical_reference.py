"""The calendar writer as it was built on icalendar objects: the reference that
src/preavis/formats/ical.py's own writer is held to (same bytes for the same input).

The original notes: iCalendar (RFC 5545) feeds: one VEVENT per interruption, with its
zone's VTIMEZONE.

Text goes through the domain's character rule again (data stored before it existed), and every
TEXT property, X-WR-CALNAME included, is escaped by icalendar: no value can end a line.

UIDs are stable (maintenance slug and interruption key), SEQUENCE is the maintenance's revision
(it grows with every change), and a cancelled maintenance keeps its events with
STATUS:CANCELLED, so calendars remove them instead of keeping stale ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, tzinfo

from icalendar import Calendar, Event, vText

from preavis.domain.maintenance import State
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line, clean_lines
from preavis.formats.ical import EMPTY_ZONE, CalendarEntry
from preavis.formats.wording import IMPACT_WORDS

PRODID = "-//Préavis//Planned service interruptions//FR-EN"
UID_DOMAIN = "preavis"


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
    entries_list = list(entries)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    # An X- property is written raw unless typed: as TEXT, its commas and breaks are escaped.
    cal.add("x-wr-calname", vText(clean_line(name)))
    for entry in entries_list:
        m = entry.maintenance
        tz = m.zone
        for item in m.interruptions:
            if service is not None and item.service != service:
                continue
            found = services.get(item.service)
            label = clean_line(found.name.get(lang)) if found else item.service
            event = Event()
            event.add("uid", f"{m.slug}-{item.key}@{UID_DOMAIN}")
            event.add("sequence", entry.revision)
            event.add("dtstamp", entry.updated_at)
            event.add("last-modified", entry.updated_at)
            event.add("dtstart", _local(item.starts_at, tz))
            event.add("dtend", _local(item.ends_at, tz))
            event.add("summary", f"{label} — {IMPACT_WORDS[lang][item.impact]}")
            lines = [clean_lines(item.description.get(lang)), clean_line(m.title.get(lang))]
            event.add("description", "\n".join(x for x in lines if x))
            event.add("status", "CANCELLED" if m.state is State.CANCELLED else "CONFIRMED")
            event.add("transp", "TRANSPARENT")  # an interruption does not make anyone busy
            event.add("categories", [IMPACT_WORDS[lang][item.impact]])
            if url:
                event.add("url", f"{url.rstrip('/')}/{lang}/maintenances/{m.slug}")
            cal.add_component(event)
    # VTIMEZONE rules only for the years the events span (a year either side), not since 1970.
    spans = [e.maintenance.window for e in entries_list if e.maintenance.window]
    first = min((w[0] for w in spans), default=None)
    last = max((w[1] for w in spans), default=None)
    if first is not None and last is not None:
        cal.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    body = bytes(cal.to_ical())
    if not cal.walk("VEVENT"):  # later: RFC 5545 wants a component, here a bare UTC zone
        body = body.replace(b"END:VCALENDAR\r\n", EMPTY_ZONE.encode() + b"END:VCALENDAR\r\n")
    return body


def _local(at: datetime, tz: tzinfo) -> datetime:
    """Later: the second occurrence of a repeated local time goes in UTC (RFC 5545 reads a
    repeated local time as its first occurrence)."""
    local = at.astimezone(tz)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return at.astimezone(UTC)
    return local
