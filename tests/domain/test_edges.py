"""The edges of the domain: instants near the ends of time, control characters in text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from preavis.domain import (
    Group,
    Impact,
    Interruption,
    InvalidTimeError,
    Maintenance,
    Service,
    Text,
    Timeline,
    ValidationError,
)
from preavis.domain import changes as change
from preavis.domain.access import Actor, Role
from preavis.domain.revision import Revision
from preavis.domain.text import check_text, clean_line, clean_lines
from preavis.domain.zones import EARLIEST, LATEST, localize, parse_instant, require_aware, zone
from tests.conftest import T0, make_interruption, make_maintenance, make_service

PLUS_ONE = timezone(timedelta(hours=1))
MINUS_FIVE = timezone(timedelta(hours=-5))
# Each is refused; the first two overflow when converted to UTC.
OUT_OF_RANGE = [
    datetime(1, 1, 1, tzinfo=PLUS_ONE),
    datetime(9999, 12, 31, 23, tzinfo=MINUS_FIVE),
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(9999, 12, 31, tzinfo=UTC),
    datetime(1899, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2200, 1, 1, tzinfo=UTC),
    datetime(2199, 12, 31, 20, tzinfo=MINUS_FIVE),  # 2200-01-01T01:00Z
]
LAST = LATEST - timedelta(microseconds=1)


def test_the_accepted_range_is_utc_years_1900_to_2199() -> None:
    assert (
        datetime(1900, 1, 1, tzinfo=UTC),
        datetime(2200, 1, 1, tzinfo=UTC),
    ) == (EARLIEST, LATEST)
    assert require_aware(EARLIEST) == EARLIEST
    assert require_aware(LAST) == LAST
    # In range in UTC, whatever the offset it is written with.
    assert require_aware(datetime(1899, 12, 31, 20, tzinfo=MINUS_FIVE)) == datetime(
        1900, 1, 1, 1, tzinfo=UTC
    )


@pytest.mark.parametrize("at", OUT_OF_RANGE, ids=lambda d: d.isoformat())
def test_instants_out_of_range_are_a_validation_error_naming_the_field(at: datetime) -> None:
    with pytest.raises(InvalidTimeError) as raised:
        require_aware(at, "ends_at")
    assert raised.value.field == "ends_at"
    assert str(raised.value).startswith("ends_at: ")
    assert "1900-01-01 to 2199-12-31" in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00+01:00",
        "9999-12-31T23:00-05:00",
        "9999-12-31T23:59:59.999999Z",
        "0001-01-01T00:00Z",
        "1899-12-31T23:59Z",
        "2200-01-01T00:00Z",
    ],
)
def test_parse_instant_refuses_out_of_range_instants(text: str) -> None:
    with pytest.raises(InvalidTimeError) as raised:
        parse_instant(text, None, "--at")
    assert raised.value.field == "--at"
    with pytest.raises(InvalidTimeError):
        parse_instant(text[:16], zone("UTC"), "--at")  # as a local time too


def test_parse_instant_keeps_the_accepted_edges_and_their_offset() -> None:
    assert parse_instant("1900-01-01T00:00Z") == EARLIEST
    late = parse_instant("2199-12-31T18:59:59.999999-05:00")
    assert late == LAST
    assert late.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("wall", "name"),
    [
        ("0001-01-01T00:00", "Asia/Tokyo"),  # before UTC's year 1
        ("9999-12-31T23:00", "America/Toronto"),  # after UTC's year 9999
        ("1899-12-31T12:00", "America/Toronto"),
    ],
)
def test_localize_refuses_out_of_range_wall_times(wall: str, name: str) -> None:
    with pytest.raises(InvalidTimeError) as raised:
        localize(datetime.fromisoformat(wall), zone(name), "when")
    assert raised.value.field == "when"


@pytest.mark.parametrize("at", OUT_OF_RANGE[:2], ids=["year-1", "year-9999"])
def test_constructors_refuse_out_of_range_instants(at: datetime) -> None:
    with pytest.raises(ValidationError) as raised:
        Interruption("shop", Impact.LIMITED, at, T0)
    assert raised.value.field == "starts_at"
    with pytest.raises(ValidationError) as raised:
        Interruption("shop", Impact.LIMITED, T0, at)
    assert raised.value.field == "ends_at"
    with pytest.raises(ValidationError) as raised:
        make_maintenance(make_interruption(), starts_at=T0, ends_at=at)
    assert raised.value.field == "ends_at"


def test_decisions_refuse_out_of_range_instants() -> None:
    m = make_maintenance(make_interruption("ongoing"), make_interruption("upcoming", hours=5))
    for at in OUT_OF_RANGE[:2]:
        with pytest.raises(ValidationError):
            change.reschedule(m, at)
        with pytest.raises(ValidationError):
            change.extend(m, at)
        with pytest.raises(ValidationError):
            change.end_early(m, at)
    # In range itself, but it moves the last window past the end of accepted time.
    with pytest.raises(ValidationError) as raised:
        change.reschedule(m, LATEST - timedelta(hours=1))
    assert raised.value.field == "ends_at"
    assert change.reschedule(m, EARLIEST).window[0] == EARLIEST  # type: ignore[index]
    assert change.extend(m, LAST).window[1] == LAST  # type: ignore[index]


def test_the_timeline_refuses_out_of_range_moments() -> None:
    timeline = Timeline([make_service()], [make_interruption()])
    with pytest.raises(ValidationError):
        timeline.status_at(OUT_OF_RANGE[0])
    assert timeline.status_at(LAST).down == ()


# -- control characters ---------------------------------------------------------------------

CONTROLS = ["\x00", "\x01", "\r", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",
            "\u2028", "\u2029", "\ud800", "\uffff"]  # fmt: skip
LINE_ONLY = ["\n", "\t"]  # accepted where a field holds several lines


def _service(name: Text) -> object:
    return Service("shop", name)


def _group(name: Text) -> object:
    return Group("g", name)


def _title(title: Text) -> object:
    return Maintenance("upgrade", title, "America/Toronto", (make_interruption(),))


def _summary(summary: Text) -> object:
    return make_maintenance(make_interruption(), summary=summary)


def _description(description: Text) -> object:
    return replace(make_interruption(), description=description)


SINGLE = [(_service, "name"), (_group, "name"), (_title, "title")]
MULTI = [(_summary, "summary"), (_description, "description")]


@pytest.mark.parametrize("char", CONTROLS + LINE_ONLY, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(("build", "field"), SINGLE, ids=[f for _, f in SINGLE])
def test_single_line_fields_refuse_every_control_character(
    build: object, field: str, char: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        build(Text("Boutique", f"Online{char}shop"))  # type: ignore[operator]
    assert raised.value.field == f"{field}.en"
    message = str(raised.value)
    assert message.startswith(f"{field}.en: contains ")
    assert f"(U+{ord(char):04X}" in message
    assert "at position 7" in message


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(("build", "field"), MULTI, ids=[f for _, f in MULTI])
def test_multi_line_fields_refuse_controls_but_tab_and_line_feed(
    build: object, field: str, char: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        build(Text(f"Fermé{char}", "Closed"))  # type: ignore[operator]
    assert raised.value.field == f"{field}.fr"
    assert f"(U+{ord(char):04X}" in str(raised.value)
    assert build(Text("Fermé\n\tde 20 h à 23 h", "Closed\nfrom 8 to 11 p.m."))  # type: ignore[operator]


def test_reasons_and_actors_follow_the_rule() -> None:
    with pytest.raises(ValidationError) as raised:
        Revision("maintenance:m", 1, "someone", T0, "late\x00", ())
    assert raised.value.field == "reason"
    assert Revision("maintenance:m", 1, "someone", T0, "late\nvery late", ()).reason
    with pytest.raises(ValidationError):
        Revision("maintenance:m", 1, "some\none", T0, "", ())
    with pytest.raises(ValidationError):
        Actor("token:x\rBEGIN", Role.ADMIN)


def test_the_error_names_a_carriage_return() -> None:
    with pytest.raises(ValidationError, match=r"U\+000D, carriage return\) at position 4"):
        check_text("abc\rdef", "name.fr")


def test_clean_applies_the_same_rule_to_output() -> None:
    assert clean_line("Boutique en ligne") == "Boutique en ligne"
    assert clean_line("a\r\nb\tc\u2028d\x00e\x1bf") == "a b c d\ufffde\ufffdf"
    assert clean_lines("a\r\nb\rc\td\x00e\n") == "a\nb\nc\td\ufffde\n"
    for char in CONTROLS:
        check_text(clean_line(f"x{char}y"), "name")
        check_text(clean_lines(f"x{char}y"), "summary", multiline=True)
