from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from preavis.formats.wording import format_instant, format_time, format_window

TORONTO = ZoneInfo("America/Toronto")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TORONTO)


def test_canadian_windows_in_both_languages() -> None:
    start, end = local("2025-06-25T20:00"), local("2025-07-02T07:00")
    assert format_window(start, end, TORONTO, "fr") == "Du 25 juin, 20 h au 2 juillet, 7 h (HE)"
    assert format_window(start, end, TORONTO, "en") == "From June 25, 8 p.m. to July 2, 7 a.m. ET"
    assert (
        format_window(start, end, TORONTO, "en", lead=False)
        == "June 25, 8 p.m. to July 2, 7 a.m. ET"
    )


def test_a_window_within_one_day_says_its_date_once() -> None:
    start, end = local("2026-11-28T14:40"), local("2026-11-28T16:38")
    assert format_window(start, end, TORONTO, "fr") == "Le 28 novembre, de 14 h 40 à 16 h 38 (HE)"
    assert format_window(start, end, TORONTO, "en") == "November 28, from 2:40 p.m. to 4:38 p.m. ET"
    assert (
        format_window(start, end, TORONTO, "fr", lead=False, year=True, label=False)
        == "le 28 novembre 2026, de 14 h 40 à 16 h 38"
    )
    assert (
        format_window(start, end, TORONTO, "en", lead=False, year=True, label=False)
        == "November 28, 2026, 2:40 p.m. to 4:38 p.m."
    )


def test_one_day_is_the_day_on_the_zone_s_clock_not_in_utc() -> None:
    # 20 h to 23 h in Toronto is 01:00 to 04:00 UTC the next day: still one day where it is read
    start = datetime.fromisoformat("2025-06-26T00:00:00+00:00")
    end = datetime.fromisoformat("2025-06-26T03:00:00+00:00")
    assert format_window(start, end, TORONTO, "fr") == "Le 25 juin, de 20 h à 23 h (HE)"
    # … and a night across midnight is two days, even when UTC sees one
    start = datetime.fromisoformat("2025-06-26T02:00:00+00:00")
    end = datetime.fromisoformat("2025-06-26T08:00:00+00:00")
    assert format_window(start, end, TORONTO, "en") == "From June 25, 10 p.m. to June 26, 4 a.m. ET"


@pytest.mark.parametrize(
    ("clock", "fr", "en"),
    [
        ("23:59", "23 h 59", "11:59 p.m."),
        ("00:00", "0 h", "12 a.m."),
        ("12:00", "12 h", "noon"),
        ("12:30", "12 h 30", "12:30 p.m."),
        ("07:05", "7 h 05", "7:05 a.m."),
    ],
)
def test_times(clock: str, fr: str, en: str) -> None:
    at = local(f"2025-06-25T{clock}")
    assert format_time(at, "fr") == fr
    assert format_time(at, "en") == en


def test_first_of_the_month_and_year() -> None:
    at = local("2025-07-01T07:00")
    assert format_instant(at, TORONTO, "fr", year=True) == "1er juillet 2025, 7 h (HE)"
    assert format_instant(at, TORONTO, "en", year=True) == "July 1, 2025, 7 a.m. ET"


def test_zones_without_a_canadian_name_use_the_season_abbreviation() -> None:
    paris = ZoneInfo("Europe/Paris")
    at = datetime(2025, 7, 1, 9, 0, tzinfo=paris)
    assert format_instant(at, paris, "fr") == "1er juillet, 9 h (CEST)"


def test_a_way_ahead_in_words() -> None:
    from preavis.domain import Service, Text
    from preavis.domain.interruption import Impact
    from preavis.domain.timeline import ServiceStatus
    from preavis.formats.wording import format_path

    shop = Service("boutique", Text("Boutique", "Shop"))
    limited = ServiceStatus(
        shop, Impact.LIMITED, (), local("2025-06-25T22:00"), local("2025-06-30T18:00"), None
    )
    down = ServiceStatus(
        shop, Impact.UNAVAILABLE, (), local("2025-06-30T18:00"), local("2025-07-01T07:00"), None
    )
    before = local("2025-06-20T09:00")
    assert format_path([limited, down], before, TORONTO, "fr") == (
        "limité dès le 25 juin, 22 h, puis indisponible du 30 juin, 18 h au 1er juillet, 7 h (HE)"
    )
    assert format_path([limited, down], before, TORONTO, "en") == (
        "limited from June 25, 10 p.m., then unavailable from June 30, 6 p.m. to July 1, 7 a.m. ET"
    )
    during = local("2025-06-28T12:00")
    assert format_path([limited, down], during, TORONTO, "fr") == (
        "jusqu’au 30 juin, 18 h, puis indisponible du 30 juin, 18 h au 1er juillet, 7 h (HE)"
    )
    assert format_path([down], before, TORONTO, "en") == (
        "unavailable from June 30, 6 p.m. to July 1, 7 a.m. ET"
    )
    assert format_path([], before, TORONTO, "fr") == ""
    evening = ServiceStatus(
        shop, Impact.UNAVAILABLE, (), local("2025-06-30T18:00"), local("2025-06-30T23:00"), None
    )
    assert format_path([evening], before, TORONTO, "fr") == (
        "indisponible le 30 juin, de 18 h à 23 h (HE)"
    )
    assert format_path([evening], before, TORONTO, "en") == (
        "unavailable on June 30, from 6 p.m. to 11 p.m. ET"
    )


def test_a_wall_time_daylight_saving_repeats_says_its_season() -> None:
    # 00:30 EDT to 01:30 EST on November 7, 2027 is two hours; "0 h 30 à 1 h 30 (HE)" reads as one
    start = datetime.fromisoformat("2027-11-07T04:30:00+00:00")
    end = datetime.fromisoformat("2027-11-07T06:30:00+00:00")
    assert (
        format_window(start, end, TORONTO, "fr") == "Le 7 novembre, de 0 h 30 (HAE) à 1 h 30 (HNE)"
    )
    assert (
        format_window(start, end, TORONTO, "en")
        == "November 7, from 12:30 a.m. EDT to 1:30 a.m. EST"
    )
    assert format_instant(end, TORONTO, "fr") == "7 novembre, 1 h 30 (HNE)"
    first = datetime.fromisoformat("2027-11-07T05:30:00+00:00")  # the first 1:30, daylight time
    assert format_instant(first, TORONTO, "en", label=False) == "November 7, 1:30 a.m. EDT"
    evening = datetime.fromisoformat("2027-11-06T23:00:00+00:00")
    assert (
        format_window(evening, end, TORONTO, "fr", year=True)
        == "Du 6 novembre 2027, 19 h (HAE) au 7 novembre 2027, 1 h 30 (HNE)"
    )
    # the hour after the repeated one is said once: the generic name, as every other night
    later = datetime.fromisoformat("2027-11-07T08:00:00+00:00")  # 3 h HNE
    assert (
        format_window(evening, later, TORONTO, "fr")
        == "Du 6 novembre, 19 h au 7 novembre, 3 h (HE)"
    )
