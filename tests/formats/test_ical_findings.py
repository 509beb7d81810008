"""What the public-side QA round (session 9) found in the calendars, read back by a real parser
(icalendar) and held to RFC 5545:

- a time in the hour that the November change repeats, when it is the *second* occurrence
  (01:30 EST in Toronto), cannot be written as a local time with TZID: RFC 5545 (3.3.5) says a
  local time that occurs twice means the first occurrence, so a calendar read 01:30 EDT, an hour
  early. Such an instant is written in UTC; every other stays local with its zone.
- a calendar with no event (a maintenance whose interruptions were all removed, a service with
  none) still holds one component, as RFC 5545's grammar requires (icalbody = calprops
  component), instead of an empty VCALENDAR that strict readers refuse.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from preavis.domain import Impact, Interruption
from preavis.formats import ical
from tests.conftest import make_maintenance, make_service

STAMP = datetime(2026, 11, 28, 12, tzinfo=UTC)
# 2027-11-07 in Toronto: 01:00-01:59 happens twice, first EDT (UTC-4), then EST (UTC-5).
FIRST_0115 = datetime(2027, 11, 7, 5, 15, tzinfo=UTC)  # 01:15 EDT
SECOND_0130 = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST
SECOND_0115 = datetime(2027, 11, 7, 6, 15, tzinfo=UTC)  # 01:15 EST
BEFORE = datetime(2027, 11, 7, 4, 30, tzinfo=UTC)  # 00:30 EDT


def _events(body: bytes) -> list[tuple[datetime, datetime]]:
    cal = Calendar.from_ical(body)
    # In UTC: Python never finds a time of a repeated hour equal to one of another zone (PEP 495).
    return [
        (e["DTSTART"].dt.astimezone(UTC), e["DTEND"].dt.astimezone(UTC)) for e in cal.walk("VEVENT")
    ]


def _calendar(*items: Interruption, service: str | None = None) -> bytes:
    m = make_maintenance(*items, timezone="America/Toronto")
    entry = ical.CalendarEntry(m, 2, STAMP)
    return ical.calendar([entry], {"shop": make_service("shop")}, "fr", "x", service=service)


def test_an_end_in_the_repeated_hour_is_the_instant_stored() -> None:
    item = Interruption(
        service="shop", impact=Impact.LIMITED, starts_at=BEFORE, ends_at=SECOND_0130, key="k1"
    )
    [(start, end)] = _events(_calendar(item))
    assert start == BEFORE
    assert end == SECOND_0130  # read back as 01:30 EDT, it was 05:30Z: an hour early
    assert end - start == SECOND_0130 - BEFORE


def test_both_occurrences_of_the_repeated_hour_stay_apart() -> None:
    first = Interruption(
        service="shop", impact=Impact.LIMITED, starts_at=FIRST_0115, ends_at=SECOND_0115, key="k1"
    )
    body = _calendar(first)
    [(start, end)] = _events(body)
    assert (start, end) == (FIRST_0115, SECOND_0115)
    assert end - start == SECOND_0115 - FIRST_0115  # an hour, not nothing
    text = body.decode()
    # The first occurrence is unambiguous in local time and keeps its zone.
    assert "DTSTART;TZID=America/Toronto:20271107T011500\r\n" in text
    assert "DTEND:20271107T061500Z\r\n" in text


def test_a_calendar_without_events_still_holds_a_component() -> None:
    for body in (
        _calendar(),  # a maintenance with no interruption left
        _calendar(  # a service calendar of a service it does not touch
            Interruption(
                service="shop", impact=Impact.LIMITED, starts_at=BEFORE, ends_at=FIRST_0115
            ),
            service="elsewhere",
        ),
        ical.calendar([], {}, "en", "nothing"),
    ):
        cal = Calendar.from_ical(body)
        assert cal.walk("VEVENT") == []
        assert len(cal.subcomponents) >= 1, body.decode()
        assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
