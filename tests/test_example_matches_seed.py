"""The built-in example must say what the reference notice says: same rows, same windows."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from preavis.domain import Schedule
from tests.conftest import SEED

MONTHS = {"juin": 6, "juillet": 7}
ROW = re.compile(
    r"Du (\d+) (juin|juillet), (\d+) h(?: (\d+))? au (\d+) (juin|juillet), (\d+) h(?: (\d+))?"
)


def seed_windows() -> list[tuple[datetime, datetime]]:
    tz = ZoneInfo("America/Toronto")
    found = []
    for m in ROW.finditer(SEED.read_text(encoding="utf-8")):
        d1, mo1, h1, mi1, d2, mo2, h2, mi2 = m.groups()
        start = datetime(2025, MONTHS[mo1], int(d1), int(h1), int(mi1 or 0), tzinfo=tz)
        end = datetime(2025, MONTHS[mo2], int(d2), int(h2), int(mi2 or 0), tzinfo=tz)
        found.append((start, end))
    return found


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seeds are not beside this checkout")
def test_example_rows_match_the_notice_rows(example: Schedule) -> None:
    windows = seed_windows()
    assert len(windows) == 28
    items = example.maintenances[0].interruptions
    assert [(i.starts_at, i.ends_at) for i in items] == windows
