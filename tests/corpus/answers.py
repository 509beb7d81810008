"""How the golden corpus is read in tests: the reader's answer for one of our own notices.

The `.expected.json` files next to the notices are the reviewed truth, written and checked by
hand; nothing here writes them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from preavis.notices.reader import as_json, read_notice

HERE = Path(__file__).resolve().parent
REAL = HERE / "real"
REFERENCE = date(2025, 1, 15)


def expected_path(notice: Path) -> Path:
    return notice.with_name(notice.stem + ".expected.json")


def answer(notice: Path) -> dict[str, object]:
    return as_json(read_notice(notice.read_bytes(), reference=REFERENCE))
