from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from preavis.actions import example_text
from preavis.domain import (
    Channel,
    Group,
    Impact,
    Interruption,
    Maintenance,
    Schedule,
    ScheduleError,
    Service,
    Severity,
    State,
    Text,
)
from preavis.formats.schedule import SCHEDULE_MAX_BYTES, dump_schedule, load_schedule

GOOD = """\
preavis: 1
services:
  - slug: shop
    name: {fr: Boutique, en: Shop}
maintenances:
  - slug: upgrade
    title: {fr: Mise à niveau, en: Upgrade}
    timezone: America/Toronto
    interruptions:
      - service: shop
        impact: unavailable
        starts_at: 2025-06-25 20:00
        ends_at: 2025-07-02 07:00
"""


def problems_of(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(ScheduleError) as info:
        load_schedule(text, source="s.yaml")
    return [(p.line, p.field) for p in info.value.problems]


def test_the_example_is_the_reference_programme() -> None:
    loaded = load_schedule(example_text())
    schedule = loaded.schedule
    assert loaded.warnings == ()
    assert len(schedule.services) == 26
    (upgrade,) = schedule.maintenances
    assert len(upgrade.interruptions) == 28
    assert upgrade.timezone == "America/Toronto"
    assert upgrade.state is State.PUBLISHED
    for item in upgrade.interruptions:
        assert item.starts_at.year == 2025
        assert item.starts_at.astimezone(upgrade.zone).utcoffset() == timedelta(hours=-4)
        assert item.description.fr
        assert item.description.en
    assert all(s.name.fr and s.name.en for s in schedule.services)


def test_local_times_are_read_in_the_maintenance_zone() -> None:
    item = load_schedule(GOOD).schedule.maintenances[0].interruptions[0]
    assert item.starts_at == datetime(2025, 6, 26, 0, 0, tzinfo=UTC)


def test_errors_name_line_and_field() -> None:
    bad = GOOD.replace("impact: unavailable", "impact: broken").replace(
        "ends_at: 2025-07-02 07:00", "ends_at: 2025-06-20 07:00"
    )
    assert problems_of(bad) == [(11, "maintenances[0].interruptions[0].impact")]
    reversed_window = GOOD.replace("ends_at: 2025-07-02 07:00", "ends_at: 2025-06-20 07:00")
    assert problems_of(reversed_window) == [(13, "maintenances[0].interruptions[0].ends_at")]


def test_every_error_is_reported_at_once() -> None:
    bad = (
        GOOD.replace("slug: shop", "slug: Shop!")
        .replace("America/Toronto", "America/Nowhere")
        .replace("preavis: 1", "preavis: 1\ncolour: blue")
    )
    assert problems_of(bad) == [
        (2, "colour"),
        (4, "services[0].slug"),
        (9, "maintenances[0].timezone"),
    ]


def test_unknown_service_and_dst_gap_are_errors_with_lines() -> None:
    bad = GOOD.replace("service: shop", "service: ghost").replace(
        "starts_at: 2025-06-25 20:00", "starts_at: 2025-03-09 02:30"
    )
    assert problems_of(bad) == [(12, "maintenances[0].interruptions[0].starts_at")]
    assert problems_of(GOOD.replace("service: shop", "service: ghost")) == [
        (10, "maintenances[0].interruptions[0].service")
    ]


def test_ambiguous_time_must_carry_an_offset() -> None:
    text = GOOD.replace("starts_at: 2025-06-25 20:00", "starts_at: 2025-11-02 01:30").replace(
        "ends_at: 2025-07-02 07:00", "ends_at: 2025-11-03 07:00"
    )
    with pytest.raises(ScheduleError, match="happens twice"):
        load_schedule(text)
    fixed = text.replace("2025-11-02 01:30", "2025-11-02 01:30-05:00")
    item = load_schedule(fixed).schedule.maintenances[0].interruptions[0]
    assert item.starts_at == datetime(2025, 11, 2, 6, 30, tzinfo=UTC)


def test_duplicate_keys_and_missing_fields() -> None:
    bad = GOOD.replace(
        "    name: {fr: Boutique, en: Shop}", "    name: {fr: Boutique, en: Shop}\n    slug: again"
    )
    assert (5, "services[0].slug") in problems_of(bad)
    missing = GOOD.replace("    timezone: America/Toronto\n", "")
    assert problems_of(missing) == [(6, "maintenances[0].timezone")]


def test_overlap_is_a_warning_not_an_error() -> None:
    text = GOOD + (
        "      - service: shop\n        impact: limited\n"
        "        starts_at: 2025-06-30 18:00\n        ends_at: 2025-07-03 07:00\n"
    )
    warnings = load_schedule(text).warnings
    assert [(w.severity, w.line) for w in warnings] == [(Severity.WARNING, 10)]


@pytest.mark.parametrize(
    "text",
    ["", "just words", "[1, 2]", "preavis: 1\nservices: {a: 1}", "a: [unclosed", "preavis: 2"],
)
def test_malformed_files_are_clear_errors(text: str) -> None:
    with pytest.raises(ScheduleError) as info:
        load_schedule(text)
    assert str(info.value)


def test_size_limit() -> None:
    with pytest.raises(ScheduleError, match="too large"):
        load_schedule(b"#" * (SCHEDULE_MAX_BYTES + 1))


def test_the_example_round_trips() -> None:
    schedule = load_schedule(example_text()).schedule
    assert load_schedule(dump_schedule(schedule)).schedule == schedule


ZONES = ["America/Toronto", "America/St_Johns", "Europe/Paris", "UTC"]
words = st.text(alphabet="abcdeéèà’ -:#'\"", min_size=1, max_size=20).map(str.strip).filter(bool)
lines = (
    st.text(alphabet="abcdeéèà’ -:#'\"\n\t", min_size=1, max_size=20).map(str.strip).filter(bool)
)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    slugs = draw(st.lists(st.sampled_from(["a", "b-c", "d9"]), min_size=1, max_size=3, unique=True))
    services = tuple(
        Service(slug, Text(draw(words), draw(words)), "g", draw(st.sampled_from([None, *Channel])))
        for slug in slugs
    )
    tz = draw(st.sampled_from(ZONES))
    items = []
    for _ in range(draw(st.integers(0, 6))):
        start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=draw(st.integers(0, 525_600)))
        end = start + timedelta(
            minutes=draw(st.integers(1, 20_000)), seconds=draw(st.sampled_from([0, 30]))
        )
        items.append(
            Interruption(
                draw(st.sampled_from(slugs)),
                draw(st.sampled_from([Impact.LIMITED, Impact.UNAVAILABLE])),
                start,
                end,
                Text(draw(lines), draw(st.sampled_from(["", "x"]))),
            )
        )
    maintenance = Maintenance(
        "m",
        Text(draw(words), draw(words)),
        tz,
        tuple(items),
        Text(draw(st.sampled_from(["", "x"])), draw(st.sampled_from(["", "a\n\nb"]))),
        draw(st.sampled_from(list(State))),
    )
    return Schedule(services, (maintenance,), (Group("g", Text("G", "G")),))


@settings(max_examples=75)
@given(schedules())
def test_any_schedule_round_trips_through_its_file(schedule: Schedule) -> None:
    again = load_schedule(dump_schedule(schedule)).schedule
    assert again == schedule
    tz = ZoneInfo(schedule.maintenances[0].timezone)
    for a, b in zip(
        again.maintenances[0].interruptions, schedule.maintenances[0].interruptions, strict=True
    ):
        assert a.starts_at.astimezone(tz) == b.starts_at.astimezone(tz)
