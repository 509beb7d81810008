"""The calendar writer against the icalendar library it replaced: the same bytes for the same
input (the example in both languages, per service, cancelled, CANCEL messages, and generated
texts that need escaping and folding), and what icalendar parses back is what was stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from preavis.domain import Impact, Interruption, Service, Text
from preavis.domain.maintenance import State
from preavis.domain.schedule import Schedule
from preavis.formats import ical
from tests.conftest import T0, make_maintenance, make_service
from tests.formats import ical_reference

STAMP = datetime(2025, 6, 1, 12, tzinfo=UTC)


def _both(entries: list[ical.CalendarEntry], services: dict[str, Service], **kw: object) -> None:
    for lang in ("fr", "en"):
        ours = ical.calendar(entries, services, lang, "Préavis, tout; ok", **kw)  # type: ignore[arg-type]
        theirs = ical_reference.calendar(entries, services, lang, "Préavis, tout; ok", **kw)  # type: ignore[arg-type]
        assert ours == theirs


def test_the_example_is_written_byte_for_byte_as_icalendar_did(example: Schedule) -> None:
    services = {s.slug: s for s in example.services}
    m = example.maintenances[0]
    keyed = replace(
        m, interruptions=tuple(replace(i, key=f"k{n:03}") for n, i in enumerate(m.interruptions))
    )
    entries = [ical.CalendarEntry(keyed, 3, STAMP)]
    _both(entries, services)
    _both(entries, services, url="https://status.example.org/")
    _both(entries, services, service=keyed.interruptions[0].service)
    _both(entries, services, service="nothing-here")
    _both(entries, services, method="CANCEL")
    cancelled = [ical.CalendarEntry(replace(keyed, state=State.CANCELLED), 4, STAMP)]
    _both(cancelled, services, url="https://x.org")
    assert ical.calendar([], services, "fr", "vide") == ical_reference.calendar(
        [], services, "fr", "vide"
    )


@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "Etc/GMT+5", "Europe/Paris", "Asia/Kolkata"])
def test_zones_utc_and_fixed_offsets_as_icalendar(zone: str) -> None:
    item = Interruption(
        service="shop", impact=Impact.LIMITED, starts_at=T0, ends_at=T0 + timedelta(hours=30)
    )
    m = make_maintenance(replace(item, key="a1"), timezone=zone)
    _both([ical.CalendarEntry(m, 1, STAMP)], {"shop": make_service("shop")})


# Printable text with what needs escaping or folding: separators, backslashes, line breaks,
# accents and characters of two to four bytes. (A backslash before N is left out: icalendar
# turns it into a line break, which this writer deliberately does not; tested below.)
_TOKENS = st.sampled_from([*"aé€😀 ,;:\\\n\"'<>—N", "x" * 20])
_TEXT = (
    st.lists(_TOKENS, max_size=40).map("".join).filter(lambda t: "\\N" not in t and t.strip() == t)
)
_LINE = _TEXT.map(lambda t: t.replace("\n", " ").strip())  # names and titles are one line


@settings(max_examples=150, deadline=None)
@given(name=_LINE, title=_LINE, description=_TEXT, hours=st.integers(1, 24 * 400))
def test_generated_texts_are_escaped_and_folded_as_icalendar_does(
    name: str, title: str, description: str, hours: int
) -> None:
    service = make_service("shop")
    service = replace(service, name=Text(fr=name or "x", en=name or "x"))
    item = Interruption(
        service="shop",
        impact=Impact.UNAVAILABLE,
        starts_at=T0,
        ends_at=T0 + timedelta(hours=hours),
        description=Text(fr=description, en=description),
        key="k1",
    )
    m = replace(make_maintenance(item), title=Text(fr=title or "t", en=title or "t"))
    _both([ical.CalendarEntry(m, 2, STAMP)], {"shop": service}, url="https://x.org")
    body = ical.calendar([ical.CalendarEntry(m, 2, STAMP)], {"shop": service}, "fr", name)
    assert all(len(line.encode()) <= 75 for line in body.decode().split("\r\n"))


def test_a_backslash_before_n_stays_what_was_written() -> None:
    item = Interruption(
        service="shop",
        impact=Impact.UNAVAILABLE,
        starts_at=T0,
        ends_at=T0 + timedelta(hours=1),
        description=Text(fr="Dossier C:\\Notes", en="Folder C:\\Notes"),
        key="k1",
    )
    m = make_maintenance(item)
    body = ical.calendar(
        [ical.CalendarEntry(m, 1, STAMP)], {"shop": make_service("shop")}, "en", "x"
    )
    event = Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["description"]).startswith("Folder C:\\Notes\n")
