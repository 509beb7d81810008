"""Interruption: one service, one impact, one half-open window [starts_at, ends_at)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from preavis.domain.errors import ValidationError
from preavis.domain.service import check_slug
from preavis.domain.text import Text
from preavis.domain.zones import utc_window


class Impact(StrEnum):
    """How much of a service works: the state of a service, and the impact of an interruption."""

    OPERATIONAL = "operational"
    LIMITED = "limited"
    UNAVAILABLE = "unavailable"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Impact.OPERATIONAL: 0, Impact.LIMITED: 1, Impact.UNAVAILABLE: 2}
_KEY = re.compile(r"[a-z0-9]{1,32}")


def worst(impacts: Iterable[Impact]) -> Impact:
    """The most severe of `impacts` (operational when there are none)."""
    return max(impacts, key=_SEVERITY.__getitem__, default=Impact.OPERATIONAL)


@dataclass(frozen=True, slots=True)
class Interruption:
    """A service is `impact` from `starts_at` (included) to `ends_at` (excluded).

    Instants must be aware; they are kept in UTC (display uses the maintenance's zone).
    """

    service: str
    impact: Impact
    starts_at: datetime
    ends_at: datetime
    description: Text = Text()
    key: str = ""  # stable within its maintenance once stored (iCalendar UIDs, API paths)

    def __post_init__(self) -> None:
        check_slug(self.service, "service")
        if self.key and not _KEY.fullmatch(self.key):
            raise ValidationError.said("interruption.key_invalid", field="key", key=self.key)
        if not isinstance(self.impact, Impact) or self.impact is Impact.OPERATIONAL:
            raise ValidationError.said(
                "interruption.impact", field="impact", value=str(self.impact)
            )
        self.description.check("description", multiline=True)
        starts_at, ends_at = utc_window(self.starts_at, self.ends_at)
        object.__setattr__(self, "starts_at", starts_at)
        object.__setattr__(self, "ends_at", ends_at)

    @property
    def duration(self) -> timedelta:
        """Elapsed time, computed in UTC (wall-clock subtraction is wrong across DST)."""
        return self.ends_at - self.starts_at

    def contains(self, at: datetime) -> bool:
        return self.starts_at <= at < self.ends_at

    def overlaps(self, other: Interruption) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at
