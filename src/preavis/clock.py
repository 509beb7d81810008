"""Clocks: the only place that reads the current time, so everything else takes `at`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from preavis.domain.zones import require_aware


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock stopped at one instant (tests, `--at`, replaying the past)."""

    def __init__(self, at: datetime) -> None:
        self._at = require_aware(at, "at")

    def now(self) -> datetime:
        return self._at
