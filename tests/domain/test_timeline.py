from datetime import datetime

import pytest

from preavis.domain import Impact, Interruption, Schedule, State, Timeline, UnknownServiceError
from tests.conftest import HOUR, T0, make_interruption, make_maintenance, make_service


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_reference_programme_at_june_30_7pm(example: Schedule) -> None:
    snap = Timeline.of(example.services, example.maintenances).status_at(
        at("2025-06-30T19:00-04:00")
    )
    shop = snap.get("boutique-en-ligne")
    assert shop.impact is Impact.UNAVAILABLE
    assert shop.back_at == at("2025-07-02T07:00-04:00")
    assert snap.get("ramassage-colis").impact is Impact.UNAVAILABLE
    assert snap.get("inscription").impact is Impact.LIMITED
    assert snap.get("reperage-colis-en-ligne").impact is Impact.LIMITED
    assert len(snap.down) == 26


def test_chained_windows_give_the_real_return(example: Schedule) -> None:
    timeline = Timeline.of(example.services, example.maintenances)
    pickup = timeline.service_status("ramassage-colis", at("2025-06-28T12:00-04:00"))
    assert pickup.impact is Impact.LIMITED
    assert pickup.until == at("2025-06-30T18:00-04:00")  # it changes then...
    assert pickup.back_at == at("2025-07-02T07:00-04:00")  # ...and is back only on July 2


def test_half_open_windows(example: Schedule) -> None:
    timeline = Timeline.of(example.services, example.maintenances)
    start, end = at("2025-06-22T23:59-04:00"), at("2025-07-02T07:00-04:00")
    assert timeline.service_status("boutique-en-ligne", start).impact is Impact.UNAVAILABLE
    assert timeline.service_status("boutique-en-ligne", end).impact is Impact.OPERATIONAL
    assert timeline.back_at("boutique-en-ligne", end) is None


def test_reference_phases(example: Schedule) -> None:
    phases = Timeline.of(example.services, example.maintenances).phases()
    starts = [
        p.starts_at.astimezone(example.maintenances[0].zone).strftime("%m-%d %H:%M") for p in phases
    ]
    assert starts == ["06-22 23:59", "06-25 20:00", "06-25 22:00", "06-25 23:59", "06-30 18:00"]
    assert phases[-1].ends_at == at("2025-07-02T07:00-04:00")
    assert [len(p.services) for p in phases] == [1, 6, 7, 12, 26]


def test_phases_can_be_clipped(example: Schedule) -> None:
    timeline = Timeline.of(example.services, example.maintenances)
    phases = timeline.phases(at("2025-06-25T21:00-04:00"), at("2025-06-26T00:00-04:00"))
    assert [p.starts_at for p in phases] == [
        at("2025-06-25T21:00-04:00"),
        at("2025-06-25T22:00-04:00"),
        at("2025-06-25T23:59-04:00"),
    ]
    assert phases[-1].ends_at == at("2025-06-26T00:00-04:00")


def test_next_change_and_changes(example: Schedule) -> None:
    timeline = Timeline.of(example.services, example.maintenances)
    change = timeline.next_change("facturation-paiements", at("2025-06-26T00:00-04:00"))
    assert change is not None
    assert change.at == at("2025-06-30T18:00-04:00")
    assert (change.before.impact, change.after.impact) == (Impact.LIMITED, Impact.UNAVAILABLE)
    last = timeline.next_change("facturation-paiements", change.at)
    assert last is not None
    assert last.after.impact is Impact.OPERATIONAL
    assert timeline.next_change("facturation-paiements", last.at) is None
    changes = timeline.changes(at("2025-06-30T18:00-04:00"), at("2025-07-02T07:00-04:00"))
    assert (
        len(changes) == 16
    )  # 14 services start, pickup and billing go from limited to unavailable
    assert {c.at for c in changes} == {at("2025-06-30T18:00-04:00")}


def test_cancelled_maintenances_never_count_and_drafts_only_when_asked() -> None:
    services = [make_service()]
    cancelled = make_maintenance(make_interruption(), slug="old", state=State.CANCELLED)
    draft = make_maintenance(make_interruption(), slug="new", state=State.DRAFT)
    assert not Timeline.of(services, [cancelled]).status_at(T0).down
    assert Timeline.of(services, [draft]).status_at(T0).down
    assert not Timeline.of(services, [draft], include_drafts=False).status_at(T0).down


def test_most_severe_overlapping_impact_wins() -> None:
    limited = make_interruption("ongoing", impact=Impact.LIMITED, hours=4)
    down = make_interruption("ongoing", impact=Impact.UNAVAILABLE, hours=2)
    status = Timeline([make_service()], [limited, down]).service_status("online-shop", T0)
    assert status.impact is Impact.UNAVAILABLE
    assert set(status.interruptions) == {limited, down}
    assert status.back_at == limited.ends_at


def test_unknown_service() -> None:
    timeline = Timeline([make_service()], [])
    with pytest.raises(UnknownServiceError):
        timeline.service_status("nope", T0)
    with pytest.raises(UnknownServiceError):
        Timeline([make_service()], [make_interruption(service="nope")])


def test_service_timeline_lists_down_stretches() -> None:
    a = make_interruption("past")
    b = Interruption(
        service="online-shop", impact=Impact.LIMITED, starts_at=T0 + HOUR, ends_at=T0 + 2 * HOUR
    )
    stretches = Timeline([make_service()], [b, a]).service_timeline("online-shop")
    assert [(s.since, s.until, s.impact) for s in stretches] == [
        (a.starts_at, a.ends_at, a.impact),
        (b.starts_at, b.ends_at, b.impact),
    ]


def test_a_timeline_built_after_a_change_keeps_the_lanes_nothing_changed_for(
    example: Schedule,
) -> None:
    """Given the previous timeline, only the lanes of services whose interruptions changed
    are built again; it answers every question as a timeline built from nothing."""
    items = [i for m in example.maintenances for i in m.interruptions]
    before = Timeline(example.services, items)
    before.prepare()
    changed = items[0].service  # its first interruption is dropped: a cancellation
    after_items = items[1:]
    after = Timeline(example.services, after_items, previous=before)
    fresh = Timeline(example.services, after_items)
    kept = [s.slug for s in example.services if s.slug != changed]
    assert all(after._lane(s) is before._lane(s) for s in kept)
    assert after._lane(changed) is not before._lane(changed)
    moments = [at("2025-06-20T12:00Z")] + [s for p in fresh.phases() for s in (p.starts_at,)]
    for moment in moments:
        assert after.status_at(moment) == fresh.status_at(moment)
        assert after.down_at(moment) == fresh.down_at(moment)
    assert after.phases() == fresh.phases()
    start, end = at("2025-06-01T00:00Z"), at("2025-08-01T00:00Z")
    assert after.changes(start, end) == fresh.changes(start, end)
    assert after.changes(start, end) != before.changes(start, end)
    # equal but other objects (another read of the same rows) are built again, not compared
    copies = [Interruption(**{f: getattr(i, f) for f in i.__dataclass_fields__}) for i in items]
    again = Timeline(example.services, copies, previous=before)
    assert all(again._lane(s.slug) is not before._lane(s.slug) for s in example.services
               if any(i.service == s.slug for i in items))  # fmt: skip
