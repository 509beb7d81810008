"""Timeline invariants, checked on generated schedules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from preavis.domain import Impact, Interruption, Text, Timeline
from preavis.domain.interruption import worst
from preavis.domain.zones import localize
from tests.conftest import make_service

SLUGS = ["a", "b", "c"]
BASE = datetime(2025, 3, 1, tzinfo=UTC)
SERVICES = [make_service(s) for s in SLUGS]
ZONES = [ZoneInfo("America/Toronto"), ZoneInfo("America/St_Johns"), ZoneInfo("Europe/Paris")]

instants = st.integers(min_value=0, max_value=60 * 24 * 300).map(
    lambda m: BASE + timedelta(minutes=m)
)


@st.composite
def interruptions(draw: st.DrawFn, service: str | None = None) -> Interruption:
    start = draw(instants)
    length = draw(st.integers(min_value=1, max_value=60 * 24 * 20))
    return Interruption(
        service=service or draw(st.sampled_from(SLUGS)),
        impact=draw(st.sampled_from([Impact.LIMITED, Impact.UNAVAILABLE])),
        starts_at=start,
        ends_at=start + timedelta(minutes=length),
        description=Text(fr=draw(st.sampled_from(["x", "y"])), en="z"),
    )


schedules = st.lists(interruptions(), max_size=25)


@given(schedules, instants)
def test_down_exactly_when_a_window_contains_t(items: list[Interruption], t: datetime) -> None:
    snap = Timeline(SERVICES, items).status_at(t)
    for status in snap.services:
        containing = [i for i in items if i.service == status.service.slug and i.contains(t)]
        assert status.impact is worst(i.impact for i in containing)
        assert len(status.interruptions) == len(containing)
        assert set(status.interruptions) == set(containing)


@given(schedules, instants)
def test_back_at_is_the_first_instant_with_no_window(
    items: list[Interruption], t: datetime
) -> None:
    timeline = Timeline(SERVICES, items)
    for slug in SLUGS:
        back = timeline.back_at(slug, t)
        mine = [i for i in items if i.service == slug]
        if back is None:
            assert not any(i.contains(t) for i in mine)
            continue
        assert back > t
        assert not any(i.contains(back) for i in mine)
        # Nothing operational in between: every minute-step point is covered by some window.
        edges = sorted({t} | {i.starts_at for i in mine} | {i.ends_at for i in mine})
        for point in (e for e in edges if t <= e < back):
            assert any(i.contains(point) for i in mine)


@given(schedules, st.randoms(use_true_random=False), instants)
def test_order_of_interruptions_does_not_matter(
    items: list[Interruption], rnd: object, t: datetime
) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = Timeline(SERVICES, items), Timeline(SERVICES, shuffled)
    assert a.status_at(t) == b.status_at(t)
    assert a.phases() == b.phases()
    assert all(a.service_timeline(s) == b.service_timeline(s) for s in SLUGS)


@given(schedules, interruptions(service="c"), instants)
def test_an_unrelated_interruption_changes_nothing_else(
    items: list[Interruption], extra: Interruption, t: datetime
) -> None:
    others = [i for i in items if i.service != "c"]
    before = Timeline(SERVICES, others).status_at(t)
    after = Timeline(SERVICES, [*others, extra]).status_at(t)
    assert before.services[:2] == after.services[:2]


@given(schedules, instants, instants)
def test_changes_and_next_change_agree(
    items: list[Interruption], t1: datetime, t2: datetime
) -> None:
    start, end = min(t1, t2), max(t1, t2)
    timeline = Timeline(SERVICES, items)
    changes = timeline.changes(start, end)
    assert [c.at for c in changes] == sorted(c.at for c in changes)
    for slug in SLUGS:
        mine = [c.at for c in changes if c.service.slug == slug]
        expected = []
        nxt = timeline.next_change(slug, start - timedelta(microseconds=1))
        while nxt is not None and nxt.at < end:
            expected.append(nxt.at)
            nxt = timeline.next_change(slug, nxt.at)
        assert mine == expected


@given(schedules)
def test_phases_are_ordered_disjoint_and_agree_with_status(items: list[Interruption]) -> None:
    timeline = Timeline(SERVICES, items)
    phases = timeline.phases()
    for p, q in pairwise(phases):
        assert p.ends_at <= q.starts_at
    for phase in phases:
        assert phase.starts_at < phase.ends_at
        snap = timeline.status_at(phase.starts_at)
        assert phase.services == snap.down


@settings(max_examples=60)
@given(
    st.sampled_from(ZONES),
    st.integers(min_value=0, max_value=365 * 2),
    st.integers(min_value=0, max_value=23 * 60),
    st.integers(min_value=1, max_value=72 * 60),
)
def test_windows_across_dst_measure_real_time(
    tz: ZoneInfo, day: int, minute: int, length: int
) -> None:
    wall = datetime(2025, 1, 1) + timedelta(days=day, minutes=minute)  # noqa: DTZ001
    try:
        start = localize(wall, tz)
    except ValueError:
        return  # skipped or repeated wall times are refused, never guessed (tested elsewhere)
    end = start + timedelta(minutes=length)  # wall-clock arithmetic in the zone...
    item = Interruption(
        service="a", impact=Impact.UNAVAILABLE, starts_at=start, ends_at=end.astimezone(UTC)
    )
    shift = (start.utcoffset() or timedelta(0)) - (end.utcoffset() or timedelta(0))
    assert (
        item.duration == timedelta(minutes=length) + shift
    )  # ...the real time differs by the DST shift
    status = Timeline(SERVICES, [item]).service_status("a", item.starts_at)
    assert status.back_at == item.ends_at
    before = Timeline(SERVICES, [item]).service_status(
        "a", item.starts_at - timedelta(microseconds=1)
    )
    assert before.impact is Impact.OPERATIONAL


@given(schedules, instants)
def test_next_instant_is_the_earliest_next_change(items: list[Interruption], t: datetime) -> None:
    timeline = Timeline(SERVICES, items)
    nexts = [c.at for s in SLUGS if (c := timeline.next_change(s, t)) is not None]
    assert timeline.next_instant(t) == min(nexts, default=None)


def _down(timeline: Timeline, t: datetime) -> dict[int, object]:
    return {n: s for n, s in enumerate(timeline.status_at(t).services) if s.is_down}


@given(schedules, instants)
def test_down_at_says_what_the_snapshot_says(items: list[Interruption], t: datetime) -> None:
    timeline = Timeline(SERVICES, items)
    assert timeline.down_at(t) == _down(timeline, t)


def test_down_at_from_its_kept_points_over_many_changes() -> None:
    # Enough changes for several kept points of the sweep (one per 256 changes at least):
    # moments at, just before and just after changes, between them, before and after all.
    import random

    rnd = random.Random(7)
    services = [make_service(f"s{n}") for n in range(40)]
    items = []
    for _ in range(3000):
        start = BASE + timedelta(minutes=15 * rnd.randrange(0, 4 * 24 * 60))
        items.append(
            Interruption(
                service=f"s{rnd.randrange(40)}",
                impact=rnd.choice([Impact.LIMITED, Impact.UNAVAILABLE]),
                starts_at=start,
                ends_at=start + timedelta(minutes=15 * rnd.randrange(1, 400)),
                description=Text(fr="x", en="y"),
            )
        )
    timeline = Timeline(services, items)
    changes = [i.starts_at for i in items[:200]] + [i.ends_at for i in items[:200]]
    second = timedelta(seconds=1)
    moments = [BASE - second, BASE + timedelta(days=100)]
    moments += [c + d for c in changes for d in (-second, timedelta(0), second)]
    moments += [BASE + timedelta(minutes=rnd.randrange(0, 60 * 24 * 70)) for _ in range(300)]
    assert timeline._checkpoints()[1][1:]  # the sweep kept points beyond the first
    for t in moments:
        assert timeline.down_at(t) == _down(timeline, t), t
