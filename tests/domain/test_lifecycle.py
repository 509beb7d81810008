"""A maintenance's lifecycle and a service's way ahead, computed once in the domain."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from preavis.domain import Schedule
from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Lifecycle, State
from preavis.domain.timeline import Timeline


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_lifecycle_follows_the_window_and_the_decision(example: Schedule) -> None:
    m = replace(example.maintenances[0], state=State.PUBLISHED)
    assert m.phase_at(t("2025-06-22T23:58-04:00")) is Lifecycle.UPCOMING
    assert m.phase_at(t("2025-06-22T23:59-04:00")) is Lifecycle.ONGOING
    assert m.phase_at(t("2025-07-02T06:59-04:00")) is Lifecycle.ONGOING
    assert m.phase_at(t("2025-07-02T07:00-04:00")) is Lifecycle.COMPLETED  # half-open
    cancelled = replace(m, state=State.CANCELLED)
    during = t("2025-06-30T19:00-04:00")
    assert cancelled.phase_at(during) is Lifecycle.CANCELLED
    assert cancelled.timing_at(during) is Lifecycle.ONGOING  # still listed where it falls


def test_a_service_s_way_ahead(example: Schedule) -> None:
    timeline = Timeline.of(example.services, example.maintenances)
    ahead = timeline.ahead("facturation-paiements", t("2025-06-20T09:00-04:00"))
    assert [(s.impact, s.since, s.until) for s in ahead] == [
        (Impact.LIMITED, t("2025-06-25T22:00-04:00"), t("2025-06-30T18:00-04:00")),
        (Impact.UNAVAILABLE, t("2025-06-30T18:00-04:00"), t("2025-07-02T07:00-04:00")),
    ]
    during = timeline.ahead("facturation-paiements", t("2025-06-30T19:00-04:00"))
    assert [s.impact for s in during] == [Impact.UNAVAILABLE]
    assert timeline.ahead("facturation-paiements", t("2025-07-02T07:00-04:00")) == ()
