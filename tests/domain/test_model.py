from datetime import datetime, timedelta

import pytest

from preavis.domain import (
    Group,
    Impact,
    Interruption,
    InvalidTimeError,
    InvalidWindowError,
    Schedule,
    Severity,
    Text,
    ValidationError,
)
from tests.conftest import HOUR, T0, make_interruption, make_maintenance, make_service


def test_interruption_is_kept_in_utc_and_durations_are_real() -> None:
    item = Interruption(
        service="a",
        impact=Impact.LIMITED,
        starts_at=datetime.fromisoformat("2025-11-01T23:00-04:00"),
        ends_at=datetime.fromisoformat("2025-11-02T03:00-05:00"),
    )
    assert item.starts_at.utcoffset() == timedelta(0)
    assert item.duration == timedelta(hours=5)  # the wall clock says 4 h across the change


def test_end_must_be_after_start() -> None:
    with pytest.raises(InvalidWindowError) as info:
        Interruption(service="a", impact=Impact.UNAVAILABLE, starts_at=T0, ends_at=T0)
    assert info.value.field == "ends_at"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(InvalidTimeError):
        Interruption(
            service="a",
            impact=Impact.UNAVAILABLE,
            starts_at=datetime(2025, 6, 1),  # noqa: DTZ001 - the point of the test
            ends_at=T0,
        )


def test_operational_is_not_an_interruption() -> None:
    with pytest.raises(ValidationError, match="impact"):
        Interruption(service="a", impact=Impact.OPERATIONAL, starts_at=T0, ends_at=T0 + HOUR)


@pytest.mark.parametrize("slug", ["Online Shop", "a--b", "-a", "", "é", "x" * 81])
def test_slugs_are_stable_identifiers(slug: str) -> None:
    with pytest.raises(ValidationError, match="slug"):
        make_service(slug)


def test_text_falls_back_to_the_other_language() -> None:
    assert Text(fr="Fermé").get("en") == "Fermé"
    assert Text(fr="Fermé").missing() == ("en",)


def test_window_outside_announced_bounds_is_an_error() -> None:
    inside = make_interruption("ongoing")
    late = make_interruption("upcoming", hours=10)
    m = make_maintenance(inside, late, starts_at=T0 - 2 * HOUR, ends_at=T0 + 3 * HOUR)
    problems = m.problems({"online-shop": make_service()})
    assert [(p.severity, p.field) for p in problems] == [
        (Severity.ERROR, "interruptions[1].ends_at")
    ]


def test_overlap_of_one_service_is_flagged_as_a_warning() -> None:
    a = make_interruption("ongoing", impact=Impact.LIMITED, hours=3)
    b = make_interruption("ongoing", impact=Impact.UNAVAILABLE, hours=1)
    c = make_interruption("upcoming", service="other")
    problems = make_maintenance(a, b, c).problems()
    assert len(problems) == 1
    assert problems[0].severity is Severity.WARNING
    assert "unavailable" in problems[0].message


def test_back_to_back_windows_do_not_overlap() -> None:
    a = make_interruption("ongoing", hours=2)
    b = Interruption(
        service=a.service, impact=Impact.LIMITED, starts_at=a.ends_at, ends_at=a.ends_at + HOUR
    )
    assert make_maintenance(a, b).problems() == []


def test_bounds_come_in_pairs_and_in_order() -> None:
    with pytest.raises(ValidationError):
        make_maintenance(starts_at=T0)
    with pytest.raises(InvalidWindowError):
        make_maintenance(starts_at=T0, ends_at=T0 - HOUR)


def test_schedule_cross_references() -> None:
    schedule = Schedule(
        services=(make_service("a", group="nowhere"), make_service("a")),
        maintenances=(make_maintenance(make_interruption(service="ghost")),),
        groups=(Group("g", Text("G", "G")),),
    )
    fields = {p.field: p.message for p in schedule.problems()}
    assert "already used" in fields["services[1].slug"]
    assert "unknown group" in fields["services[0].group"]
    assert "unknown service" in fields["maintenances[0].interruptions[0].service"]
