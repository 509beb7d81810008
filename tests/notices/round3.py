"""What the round-3 reader tests (test_apart.py, test_whole_days.py) read their sentences with:
a reference date in January 2025 and America/Toronto (EDT, -04:00, in summer)."""

from __future__ import annotations

from datetime import date

from preavis.notices.reader import Reading, read_notice

REF = date(2025, 1, 15)


def read(text: str) -> Reading:
    return read_notice(text, reference=REF, timezone="America/Toronto")


def rows(text: str) -> list[tuple[str, str, str]]:
    """Each row as (service, local start, local end), to the minute; the notice must read."""
    reading = read(text)
    assert reading.ok, reading.errors
    return [
        (i.service, i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16])
        for i in reading.interruptions
    ]


def warned(reading: Reading, words: str) -> bool:
    return any(words in w.message for w in reading.warnings)
