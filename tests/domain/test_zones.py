from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from preavis.domain import (
    AmbiguousTimeError,
    InvalidTimeError,
    NonexistentTimeError,
    UnknownZoneError,
)
from preavis.domain.zones import _parse_instant, localize, parse_instant, zone, zone_label

TORONTO = ZoneInfo("America/Toronto")


def wall(*fields: int) -> datetime:
    """A naive wall-clock time, on purpose: what a person reads off a clock."""
    return datetime(*fields)  # noqa: DTZ001


def test_rfc3339_with_offset_keeps_the_instant() -> None:
    at = parse_instant("2025-06-30T19:00-04:00")
    assert at == datetime(2025, 6, 30, 23, 0, tzinfo=UTC)
    assert parse_instant("2025-06-30T23:00:00Z") == at
    assert parse_instant("2025-06-30 19:00:00.5-04:00") == at + timedelta(milliseconds=500)


def test_local_time_needs_a_zone_and_summer_eastern_is_edt() -> None:
    with pytest.raises(InvalidTimeError, match="no UTC offset"):
        parse_instant("2025-06-30T19:00")
    at = parse_instant("2025-06-30T19:00", TORONTO)
    assert at.utcoffset() == timedelta(hours=-4)
    assert parse_instant("2025-01-15 19:00", TORONTO).utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    "text",
    [
        "0.5",
        "2025-06-30",
        "tomorrow",
        "2025-02-30T10:00Z",
        "2025-06-30T25:00Z",
        "2025-06-30T10:00+24:00",
        "",
    ],
)
def test_anything_else_is_a_clear_error(text: str) -> None:
    with pytest.raises(InvalidTimeError) as info:
        parse_instant(text, field="--at")
    assert info.value.field == "--at"


@pytest.mark.parametrize(
    ("name", "clock"),
    [
        ("America/Toronto", wall(2025, 3, 9, 2, 30)),
        ("America/St_Johns", wall(2025, 3, 9, 2, 15)),
        ("Europe/Paris", wall(2025, 3, 30, 2, 30)),
    ],
)
def test_skipped_local_times_are_refused(name: str, clock: datetime) -> None:
    with pytest.raises(NonexistentTimeError, match="does not exist"):
        localize(clock, ZoneInfo(name))


@pytest.mark.parametrize(
    ("name", "clock", "offsets"),
    [
        ("America/Toronto", wall(2025, 11, 2, 1, 30), ("-04:00", "-05:00")),
        ("America/St_Johns", wall(2025, 11, 2, 1, 30), ("-02:30", "-03:30")),
        ("Europe/Paris", wall(2025, 10, 26, 2, 30), ("+02:00", "+01:00")),
    ],
)
def test_repeated_local_times_are_refused_naming_both_offsets(
    name: str, clock: datetime, offsets: tuple[str, str]
) -> None:
    with pytest.raises(AmbiguousTimeError) as info:
        localize(clock, ZoneInfo(name))
    assert all(o in str(info.value) for o in offsets)
    # With an offset there is nothing to guess.
    text = f"{clock:%Y-%m-%dT%H:%M}{offsets[1]}"
    assert parse_instant(text, ZoneInfo(name)).utcoffset() is not None


def test_unknown_zone() -> None:
    with pytest.raises(UnknownZoneError):
        zone("America/Atlantis")
    with pytest.raises(UnknownZoneError):
        zone("../../etc/passwd")


def test_zone_labels_are_canadian() -> None:
    summer = datetime(2025, 6, 30, tzinfo=UTC)
    winter = datetime(2025, 1, 15, tzinfo=UTC)
    assert zone_label(TORONTO, "fr") == "HE"
    assert zone_label(TORONTO, "en") == "ET"
    assert zone_label(TORONTO, "fr", summer) == "HAE"
    assert zone_label(TORONTO, "en", winter) == "EST"
    assert zone_label(ZoneInfo("America/St_Johns"), "en", summer) == "NDT"
    assert zone_label(ZoneInfo("Europe/Paris"), "en", summer) == "CEST"
    assert zone_label(UTC, "fr") == "UTC"


@settings(max_examples=2000, deadline=None)
@given(
    st.from_regex(
        r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})\Z"
    )
)
def test_the_common_form_reads_as_the_general_pattern_reads_it(text: str) -> None:
    """`parse_instant` reads links' and the picker's form with `fromisoformat`: the same
    instant, offset included, or the same error, as the general pattern."""

    def read(how: Callable[[], datetime]) -> tuple[str, object]:
        try:
            at = how()
        except InvalidTimeError as exc:
            return ("error", str(exc))
        return ("instant", (at, at.utcoffset()))

    assert read(lambda: parse_instant(text)) == read(lambda: _parse_instant(text, text, None, "at"))


@pytest.mark.parametrize("offset", ["-00:60", "+24:00", "+23:75"])
def test_an_impossible_offset_in_the_common_form_is_refused(offset: str) -> None:
    with pytest.raises(InvalidTimeError, match="impossible UTC offset"):
        parse_instant(f"2025-06-30T19:00{offset}")
