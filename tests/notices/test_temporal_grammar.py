"""The date-time grammar on phenomena of English and French date-time language: shared
meridiems, zones of other places, bracketed codes that are not zones, open-ended recurring
rules, a date range above a timed window (the expected instants are worked out by hand)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from preavis.notices.reader import read_notice
from preavis.notices.when import find_windows

REF = date(2025, 1, 15)
CHICAGO = ZoneInfo("America/Chicago")


def windows(text: str, timezone: str = "America/Toronto") -> list[tuple[str, str]]:
    reading = read_notice(text, reference=REF, timezone=timezone)
    assert reading.ok, reading.errors
    zone = ZoneInfo(timezone)
    return [
        (
            i.starts_at.astimezone(zone).isoformat()[:16],
            i.ends_at.astimezone(zone).isoformat()[:16],
        )
        for i in reading.interruptions
    ]


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("5-10 p.m.", (17, 0), (22, 0)),
        ("2–4 a.m.", (2, 0), (4, 0)),
        ("between 6 and 9pm", (18, 0), (21, 0)),
        ("from 11 to 1 p.m.", (11, 0), (13, 0)),
        ("from 8:30 to 10 a.m.", (8, 30), (10, 0)),
        ("de 8 à 10 h", (8, 0), (10, 0)),
        ("entre 14 et 17 h", (14, 0), (17, 0)),
    ],
)
def test_a_bare_start_hour_shares_the_end_meridiem(
    printed: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    (found,) = find_windows(f"The office is closed {printed} on the day")
    assert found.start.time is not None and found.end.time is not None
    assert (found.start.time.hour, found.start.time.minute) == start
    assert (found.end.time.hour, found.end.time.minute) == end


def test_a_day_number_before_a_french_time_is_not_a_range_of_hours() -> None:
    # "le 5 à 10 h" is the 5th at 10 o'clock: no window of hours 5 to 10.
    assert all(w.start.time is None or w.start.time.hour != 5 for w in find_windows("le 5 à 10 h"))


def test_shared_meridiem_windows_in_a_notice() -> None:
    text = (
        "Notice\n\nThe booking site will be offline 5-10 p.m. Saturday, Oct. 25, 2025.\n"
        "Le portail sera fermé le 3 juin 2025 de 8 à 10 h.\n"
    )
    assert sorted(windows(text)) == [
        ("2025-06-03T08:00", "2025-06-03T10:00"),
        ("2025-10-25T17:00", "2025-10-25T22:00"),
    ]


@pytest.mark.parametrize(
    ("zone_words", "offset"),
    [
        ("SGT", "+08:00"),
        ("BST", "+01:00"),
        ("HKT", "+08:00"),
        ("AEST", "+10:00"),
        ("(heure de la Réunion)", "+04:00"),
        ("(heure de Martinique)", "-04:00"),
    ],
)
def test_zones_of_other_places(zone_words: str, offset: str) -> None:
    # the importing zone is Paris (+02:00 in June), which none of these zones equals
    text = (
        "Notice\n\nThe web portal will be unavailable on June 3, 2025 "
        f"from 9:00 to 11:00 {zone_words}.\n"
    )
    reading = read_notice(text, reference=REF, timezone="Europe/Paris")
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.starts_at.utcoffset() is not None
    starts = row.starts_at.isoformat()
    # the instant is the printed 9:00 in that zone
    assert (
        row.starts_at.astimezone(
            ZoneInfo(
                {
                    "+08:00": "Asia/Singapore",
                    "+01:00": "Europe/London",
                    "+10:00": "Australia/Brisbane",
                    "+04:00": "Indian/Reunion",
                    "-04:00": "America/Martinique",
                }[offset]
            )
        ).isoformat()[:16]
        == "2025-06-03T09:00"
    ), starts


def test_different_bracketed_codes_after_windows_are_sites_not_zones() -> None:
    text = (
        "Notice\n\nGuest Wi-Fi will be down:\n"
        "- 9 a.m. – 1 p.m. Thursday, Oct. 23, 2025 (HMB)\n"
        "- 9 a.m. – 1 p.m. Wednesday, Nov. 5, 2025 (HMW)\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Chicago")
    assert reading.ok, reading.errors
    assert sorted(i.starts_at.astimezone(CHICAGO).isoformat() for i in reading.interruptions) == [
        "2025-10-23T09:00:00-05:00",
        "2025-11-05T09:00:00-06:00",  # the DST change of November 2 inside one notice
    ]
    assert sum("not a time zone" in w.message for w in reading.warnings) == 2


def test_a_code_that_looks_like_a_zone_stays_an_error() -> None:
    text = (
        "Notice\n\nGuest Wi-Fi will be down:\n"
        "- 9 a.m. – 1 p.m. Thursday, Oct. 23, 2025 (HMB)\n"
        "- 9 a.m. – 1 p.m. Wednesday, Nov. 5, 2025 (QRT)\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Chicago")
    assert "unknown time zone “QRT”" in [e.message for e in reading.errors]


def test_every_weekday_until_further_notice_is_not_a_window() -> None:
    text = (
        "Downtime calendar\n\n"
        "Scanner: Saturday, May 21, 2022, 11 p.m. – Sunday, May 22, 2022, 6 a.m.\n"
        "Badges: Every Tuesday and Thursday, 10 p.m. – midnight, until further notice.\n"
    )
    reading = read_notice(text, reference=date(2022, 5, 1), timezone="America/Chicago")
    assert reading.ok, reading.errors
    assert [
        (i.service, i.starts_at.astimezone(CHICAGO).isoformat()) for i in reading.interruptions
    ] == [("Scanner", "2022-05-21T23:00:00-05:00")]
    assert any("open-ended" in w.message for w in reading.warnings)


def test_a_date_range_heading_does_not_take_the_time_of_the_next_line() -> None:
    text = "Fri, May 20 to Sat, May 21\n7 p.m. Friday, May 20 to\n7 p.m. Saturday, May 21\n"
    found = find_windows(text)
    assert (found[0].start.time, found[0].end.time) == (None, None)
    timed = found[1]
    assert timed.start.time is not None and timed.start.time.hour == 19
    assert timed.start.date is not None and timed.start.date.day == 20
    assert timed.end.date is not None and timed.end.date.day == 21
