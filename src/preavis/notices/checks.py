"""Checks of the rows read against the notice's announced period and against each other:
each finding a warning about the row it concerns (`about`, notices/evidence.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from typing import Any

from preavis.notices.ocr import fold
from preavis.notices.reading import NoticeInterruption
from preavis.notices.when import Note


def check_bounds(
    bounds: tuple[datetime, datetime],
    found: list[NoticeInterruption],
    tz: Any,
    warn: Note,
    about: Callable[[object | None], None],
) -> None:
    """A warning about each row that starts before the announced period or ends after it."""
    start, end = bounds
    for item in found:
        about(item)
        if item.starts_at < start:
            warn(
                item.line,
                f"“{item.service}” starts {_gap(start - item.starts_at)} before the announced "
                f"start: the row starts {item.starts_at.astimezone(tz):%Y-%m-%d %H:%M}, the "
                f"announced period {start.astimezone(tz):%Y-%m-%d %H:%M}",
                "notice.starts_before",
                service=item.service,
                minutes=int((start - item.starts_at).total_seconds() // 60),
                row=f"{item.starts_at.astimezone(tz):%Y-%m-%d %H:%M}",
                announced=f"{start.astimezone(tz):%Y-%m-%d %H:%M}",
            )
        if item.ends_at > end:
            warn(
                item.line,
                f"“{item.service}” ends {_gap(item.ends_at - end)} after the announced end "
                f"({end.astimezone(tz):%Y-%m-%d %H:%M})",
                "notice.ends_after",
                service=item.service,
                minutes=int((item.ends_at - end).total_seconds() // 60),
                announced=f"{end.astimezone(tz):%Y-%m-%d %H:%M}",
            )


def check_overlaps(
    found: list[NoticeInterruption], warn: Note, about: Callable[[object | None], None]
) -> None:
    """A warning about each row that overlaps an earlier row of the same service."""
    by_service: dict[str, list[NoticeInterruption]] = {}
    for item in found:
        by_service.setdefault(item.slug or fold(item.service), []).append(item)
    for rows in by_service.values():
        ordered = sorted(rows, key=lambda i: i.starts_at)
        for a, b in pairwise(ordered):
            if b.starts_at < a.ends_at:
                about(b)
                warn(
                    b.line,
                    f"“{b.service}” overlaps its row at line {a.line}; while both apply, "
                    "the most severe impact wins",
                    "notice.overlap",
                    service=b.service,
                    other=a.line,
                )


def _gap(delta: Any) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' * (minutes != 1)}"
    hours = minutes / 60
    return f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.0f} days"
