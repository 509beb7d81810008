"""The date-time grammar on phenomena of English and French date-time language: shared
meridiems, zones of other places, bracketed codes that are not zones, open-ended recurring
rules, a date range above a timed window (the expected instants are worked out by hand)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from preavis.notices.pieces import find_windows as pieces_windows
from preavis.notices.reader import read_notice
from preavis.notices.when import TimePart, find_windows

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


def _read(text: str, timezone: str, reference: date = REF) -> list[tuple[str, str, str]]:
    reading = read_notice(text, reference=reference, timezone=timezone)
    assert reading.ok, reading.errors
    zone = ZoneInfo(timezone)
    return [
        (
            i.service,
            i.starts_at.astimezone(zone).isoformat(),
            i.ends_at.astimezone(zone).isoformat(),
        )
        for i in reading.interruptions
    ]


NUMERIC = "Notice\n\nThe archive will be unavailable from 4/6/2025 @ 9am to 4/6/2025 @ 5pm.\n"


def test_an_ambiguous_numeric_date_is_month_first_in_the_united_states() -> None:
    assert _read(NUMERIC, "America/Denver") == [
        ("Archive", "2025-04-06T09:00:00-06:00", "2025-04-06T17:00:00-06:00")
    ]


def test_an_ambiguous_numeric_date_is_day_first_in_europe_and_in_french() -> None:
    assert _read(NUMERIC, "Europe/London") == [
        ("Archive", "2025-06-04T09:00:00+01:00", "2025-06-04T17:00:00+01:00")
    ]
    french = "Avis\n\nLe portail sera fermé du 4/6/2025 à 9 h au 4/6/2025 à 17 h.\n"
    assert _read(french, "America/Toronto") == [
        ("Portail", "2025-06-04T09:00:00-04:00", "2025-06-04T17:00:00-04:00")
    ]


def test_the_notice_own_unambiguous_date_tells_the_order() -> None:
    text = (
        "Notice\n\nThe archive will be unavailable from 4/6/2025 @ 9am to 4/6/2025 @ 5pm.\n"
        "The wiki will be unavailable from 4/13/2025 @ 9am to 4/13/2025 @ 5pm.\n"
    )
    rows = _read(text, "America/Toronto")  # English in Canada: only the notice can tell
    assert [start[:10] for _, start, _ in rows] == ["2025-04-06", "2025-04-13"]


def test_an_ambiguous_numeric_date_in_english_canada_is_an_error() -> None:
    reading = read_notice(NUMERIC, reference=REF, timezone="America/Toronto")
    assert any("ambiguous" in e.message for e in reading.errors)
    assert not reading.interruptions


def test_ambiguous_numeric_dates_read_by_convention_are_warned() -> None:
    reading = read_notice(NUMERIC, reference=REF, timezone="America/Denver")
    assert any("month/day" in w.message for w in reading.warnings)


def test_a_time_in_brackets_after_its_date() -> None:
    text = (
        "Notice\n\nThe learning system will be unavailable "
        "Saturday, April 19, 2025 (11 p.m.) to Sunday, April 20, 2025 (2 a.m.).\n"
    )
    assert _read(text, "America/Chicago") == [
        ("Learning system", "2025-04-19T23:00:00-05:00", "2025-04-20T02:00:00-05:00")
    ]


def test_a_heading_naming_services_over_a_list_of_windows() -> None:
    text = (
        "Upcoming work\n\n"
        "Multiple Dates: Door badges, Kiosks and Print release\n"
        "- 8 a.m. – 10 a.m. Tuesday, Oct. 21, 2025\n"
        "- 8 a.m. – 10 a.m. Tuesday, Nov. 4, 2025\n"
        "Expect short interruptions during these times.\n"
    )
    rows = _read(text, "America/Chicago")
    assert sorted(rows) == sorted(
        (name, f"{day}T08:00:00{offset}", f"{day}T10:00:00{offset}")
        for name in ("Door badges", "Kiosks", "Print release")
        for day, offset in (("2025-10-21", "-05:00"), ("2025-11-04", "-06:00"))
    )


def test_the_year_printed_at_the_end_of_a_range_is_the_start_year_too() -> None:
    text = "Avis\n\nDu 5 juillet au 17 août 2025, la piscine sera fermée.\n"
    rows = _read(text, "America/Toronto", reference=date(2025, 6, 20))
    assert [(start, end) for _, start, end in rows] == [
        ("2025-07-05T00:00:00-04:00", "2025-08-18T00:00:00-04:00")
    ]
    across = "Notice\n\nThe gym will be closed from December 28 to January 3, 2026.\n"
    rows = _read(across, "America/Toronto", reference=date(2025, 12, 1))
    assert [(start, end) for _, start, end in rows] == [
        ("2025-12-28T00:00:00-05:00", "2026-01-04T00:00:00-05:00")
    ]


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    assert find_windows("Closed Fridays 13 February, 6 March and 20 March 2026:") == []
    assert [w.text for w in find_windows("fermé entre le 13 mars et le 20 mars 2026")] == [
        "entre le 13 mars et le 20 mars 2026"
    ]
    (hours,) = find_windows("closed on Sunday 31 May between the hours of 8am and 4pm")
    assert hours.start.time == TimePart(8, 0) and hours.end.time == TimePart(16, 0)


def test_plural_weekdays_with_times_are_a_rule_not_a_window() -> None:
    text = (
        "Avis\n\nLe guichet sera fermé le mardi 3 juin 2025 de 9 h à 11 h.\n"
        "Des coupures ont lieu certains vendredis, entre 12h et 20h.\n"
    )
    rows = _read(text, "Europe/Paris")
    assert [start for _, start, _ in rows] == ["2025-06-03T09:00:00+02:00"]


def test_a_rule_listed_under_a_lead_in_is_not_a_window() -> None:
    text = (
        "Policy\n\nRegular outage windows have been set, during which the network may be down:\n"
        "\tevery Tuesday (morning) between 06:00 and 09:00;\n"
        "\tsome Thursdays between 19:00 and 21:00.\n\n"
        "The file server will be down on June 3, 2025 from 08:00 to 08:30.\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Los_Angeles")
    assert reading.ok, reading.errors
    assert [i.service for i in reading.interruptions] == ["File server"]


@pytest.mark.parametrize(
    "printed",
    [
        "Jeudi 25 décembre 2025 (toute la journée)",
        "Thursday, December 25, 2025 – all day",
        "December 25, 2025, the whole day",
    ],
)
def test_all_day_is_midnight_to_midnight(printed: str) -> None:
    (window,) = pieces_windows(f"The counter is closed: {printed}.")
    assert window.start.time == TimePart(0, 0)
    assert window.end.time is not None and window.end.time.end_of_day
    assert window.start.date == window.end.date


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("la nuit du 19 au 20 février 2025 (1 h à 4 h)", "2025-02-20T01:00", "2025-02-20T04:00"),
        ("dans la nuit du 25 au 26 octobre 2025, entre 20h et 5h", "2025-10-25T20:00",
         "2025-10-26T05:00"),
        ("on the night of June 3 to 4, 2025, from 10 p.m. to 5 a.m.", "2025-06-03T22:00",
         "2025-06-04T05:00"),
    ],
)  # fmt: skip
def test_the_night_of_two_dates_is_one_night(printed: str, start: str, end: str) -> None:
    rows = _read(f"Notice\n\nThe bridge will be closed {printed}.\n", "America/Toronto")
    assert [(s[:16], e[:16]) for _, s, e in rows] == [(start, end)]


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("9:00 - 10:00PM", (21, 0), (22, 0)),
        ("from 9:00 to 5 p.m.", (9, 0), (17, 0)),
        ("11:00 - 2:00 AM", (23, 0), (2, 0)),
        ("12:00 - 1:00 PM", (12, 0), (13, 0)),
        ("from 13:00 to 3 p.m.", (13, 0), (15, 0)),
    ],
)
def test_a_clock_start_without_meridiem_takes_the_end_one(
    printed: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    (found,) = find_windows(f"Tuesday, June 3, 2025 {printed}")
    assert found.start.time == TimePart(*start)
    assert found.end.time == TimePart(*end)


def test_starting_and_ending_join_a_window() -> None:
    text = (
        "Notice\n\nThe tax portal will be down starting Friday August 29, 2025 at 8:00 p.m. "
        "and ending Tuesday at 6:00 am September 2.\n"
    )
    assert [(s, e) for _, s, e in _read(text, "America/Toronto")] == [
        ("2025-08-29T20:00:00-04:00", "2025-09-02T06:00:00-04:00")
    ]


def test_weekday_times_count_from_the_notice_date() -> None:
    text = (
        "Avis publié le jeudi 16 novembre 2023\n\n"
        "La plateforme sera fermée entre 19 h samedi et 18 h 30 dimanche.\n"
    )
    assert [(s, e) for _, s, e in _read(text, "America/Toronto")] == [
        ("2023-11-18T19:00:00-05:00", "2023-11-19T18:30:00-05:00")
    ]
    later = (
        "Notice, Wednesday, June 4, 2025\n\n"
        "The portal will be down from 8 p.m. Friday to 6 a.m. Monday.\n"
    )
    assert [(s, e) for _, s, e in _read(later, "America/Toronto")] == [
        ("2025-06-06T20:00:00-04:00", "2025-06-09T06:00:00-04:00")
    ]


def test_a_start_weekday_counts_back_from_the_end_date() -> None:
    text = (
        "Notice\n\nThe login service will be down "
        "from 11 p.m. Friday until 7 a.m. Saturday, April 4, 2020.\n"
    )
    assert [(s, e) for _, s, e in _read(text, "America/Detroit", date(2020, 3, 30))] == [
        ("2020-04-03T23:00:00-04:00", "2020-04-04T07:00:00-04:00")
    ]


def test_a_weekday_window_takes_the_date_of_that_weekday_above() -> None:
    text = (
        "Notice\n\nThe first downtime is midnight Saturday March 22, 2014 until 5:00 AM Sunday "
        "March 23, 2014.\n\nAll systems will be down from midnight Saturday until 5:00 AM Sunday.\n"
    )
    rows = _read(text, "America/Chicago", date(2014, 3, 1))
    assert {(s, e) for _, s, e in rows} == {
        ("2014-03-23T00:00:00-05:00", "2014-03-23T05:00:00-05:00")
    }


def test_a_weekday_and_a_part_of_the_day_before_the_time() -> None:
    text = (
        "Avis\n\nUne interruption du courant est prévue du vendredi 22 août 2025, 20 h, "
        "jusqu’au samedi matin suivant, 7 h.\n"
    )
    assert [(s, e) for _, s, e in _read(text, "America/Toronto")] == [
        ("2025-08-22T20:00:00-04:00", "2025-08-23T07:00:00-04:00")
    ]


def test_a_weekday_and_its_time_open_a_window_counted_from_the_dateline() -> None:
    text = (
        "Sent: Friday, April 13, 2012 10:13 AM\n\n"
        "Beginning tomorrow, Sat at 8pm through Monday at 6am, the mail server will be down.\n"
    )
    rows = _read(text, "America/New_York", date(2012, 4, 13))
    assert [(s, e) for _, s, e in rows] == [
        ("2012-04-14T20:00:00-04:00", "2012-04-16T06:00:00-04:00")
    ]


def test_a_date_dash_time_is_one_instant_not_a_window() -> None:
    (window,) = pieces_windows("The upgrade starts Sunday, October 21, 2018 - 8:00am for 4 hours.")
    assert window.start.time == TimePart(8, 0)
    assert window.duration is not None and window.duration.total_seconds() == 4 * 3600
