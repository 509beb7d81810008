"""Maintenance: one announced programme holding many per-service interruptions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from preavis.domain.errors import ValidationError
from preavis.domain.interruption import Interruption, worst
from preavis.domain.problems import Problem, error_said, warning_said
from preavis.domain.service import Service, check_slug
from preavis.domain.text import Text
from preavis.domain.zones import utc_window, zone


class State(StrEnum):
    """The human decision about a maintenance; upcoming/ongoing/past are computed, not stored."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Lifecycle(StrEnum):
    """Where a maintenance stands at an instant, computed from its window and state, never
    stored: before its window, in it, after it, or cancelled (whenever it was to happen)."""

    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Maintenance:
    """An announced programme: bilingual title and summary, a display zone, interruptions.

    `starts_at`/`ends_at` are the announced overall bounds (both or neither); without them the
    bounds are those of the interruptions.
    """

    slug: str
    title: Text
    timezone: str
    interruptions: tuple[Interruption, ...] = ()
    summary: Text = Text()
    state: State = State.DRAFT
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    def __post_init__(self) -> None:
        check_slug(self.slug)
        zone(self.timezone)
        if not self.title:
            raise ValidationError.said("maintenance.no_title", field="title", slug=self.slug)
        self.title.check("title")
        self.summary.check("summary", multiline=True)
        object.__setattr__(self, "interruptions", tuple(self.interruptions))
        if (self.starts_at is None) != (self.ends_at is None):
            raise ValidationError.said(
                "maintenance.both_bounds",
                field="ends_at" if self.ends_at is None else "starts_at",
            )
        if self.starts_at is not None and self.ends_at is not None:
            starts_at, ends_at = utc_window(self.starts_at, self.ends_at)
            object.__setattr__(self, "starts_at", starts_at)
            object.__setattr__(self, "ends_at", ends_at)

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.timezone)

    @property
    def window(self) -> tuple[datetime, datetime] | None:
        """The overall [start, end): announced, else spanned by the interruptions."""
        if self.starts_at is not None and self.ends_at is not None:
            return self.starts_at, self.ends_at
        if not self.interruptions:
            return None
        return (
            min(i.starts_at for i in self.interruptions),
            max(i.ends_at for i in self.interruptions),
        )

    def timing_at(self, at: datetime) -> Lifecycle | None:
        """Upcoming, ongoing or completed at `at` by the window alone, cancelled or not (a
        cancelled maintenance is still listed where its window falls); None without a window."""
        window = self.window
        if window is None:
            return None
        if at < window[0]:
            return Lifecycle.UPCOMING
        return Lifecycle.ONGOING if at < window[1] else Lifecycle.COMPLETED

    def phase_at(self, at: datetime) -> Lifecycle | None:
        """The lifecycle at `at`: cancelled whatever the time, else as `timing_at`. The one rule
        every page, feed and facade uses."""
        if self.state is State.CANCELLED:
            return Lifecycle.CANCELLED
        return self.timing_at(at)

    def problems(self, services: Mapping[str, Service] | None = None) -> list[Problem]:
        """Check the rules that span interruptions; field paths are relative to this object."""
        found: list[Problem] = []
        by_service: dict[str, list[tuple[int, Interruption]]] = defaultdict(list)
        for index, item in enumerate(self.interruptions):
            path = f"interruptions[{index}]"
            by_service[item.service].append((index, item))
            if services is not None and item.service not in services:
                found.append(error_said("service.unknown", f"{path}.service", slug=item.service))
            if self.starts_at is not None and self.ends_at is not None:
                if item.starts_at < self.starts_at:
                    found.append(
                        error_said(
                            "interruption.starts_before",
                            f"{path}.starts_at",
                            start=f"{self.starts_at.astimezone(self.zone):%Y-%m-%d %H:%M}",
                        )
                    )
                if item.ends_at > self.ends_at:
                    found.append(
                        error_said(
                            "interruption.ends_after",
                            f"{path}.ends_at",
                            end=f"{self.ends_at.astimezone(self.zone):%Y-%m-%d %H:%M}",
                        )
                    )
        for slug, items in by_service.items():
            items.sort(key=lambda pair: (pair[1].starts_at, pair[0]))
            for pos, (index, item) in enumerate(items):
                for other_index, other in items[pos + 1 :]:
                    if other.starts_at >= item.ends_at:
                        break
                    wins = worst((item.impact, other.impact))
                    found.append(
                        warning_said(
                            "interruption.overlaps",
                            f"interruptions[{index}]",
                            other=other_index,
                            slug=slug,
                            impact=str(wins),
                        )
                    )
        return found
