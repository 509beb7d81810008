"""Shared factories: plain functions with named states, a fixed instant, no clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest

from preavis.actions import example_text
from preavis.domain import Impact, Interruption, Maintenance, Schedule, Service, State, Text
from preavis.formats.schedule import load_schedule

T0 = datetime(2025, 6, 30, 23, 0, tzinfo=UTC)  # 19:00 in Toronto (EDT)
HOUR = timedelta(hours=1)
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_658e30807bfc5fb2.txt"


def make_service(slug: str = "online-shop", **kwargs: object) -> Service:
    name = kwargs.pop("name", Text(fr=f"{slug} (fr)", en=f"{slug} (en)"))
    return Service(slug=slug, name=name, **kwargs)  # type: ignore[arg-type]


def make_interruption(
    state: Literal["upcoming", "ongoing", "past"] = "ongoing",
    *,
    at: datetime = T0,
    service: str = "online-shop",
    impact: Impact = Impact.UNAVAILABLE,
    hours: int = 2,
) -> Interruption:
    """An interruption that is upcoming, ongoing or past as seen from `at`."""
    start = {"upcoming": at + HOUR, "ongoing": at - HOUR, "past": at - (hours + 1) * HOUR}[state]
    return Interruption(
        service=service,
        impact=impact,
        starts_at=start,
        ends_at=start + hours * HOUR,
        description=Text(fr="Fermé.", en="Closed."),
    )


def make_maintenance(
    *items: Interruption, slug: str = "upgrade", state: State = State.PUBLISHED, **kwargs: object
) -> Maintenance:
    return Maintenance(
        slug=slug,
        title=Text(fr="Mise à niveau", en="Upgrade"),
        timezone=str(kwargs.pop("timezone", "America/Toronto")),
        interruptions=items,
        state=state,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def example() -> Schedule:
    return load_schedule(example_text()).schedule
