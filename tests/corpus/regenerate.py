"""Rewrite the expected results of the golden corpus from the reader's current answers.

Run it only after a deliberate change, then read the diff of every *.expected.json before
committing: the expected files are the reviewed truth, not a snapshot to refresh blindly.

    .venv/bin/python tests/corpus/regenerate.py
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from preavis.notices.reader import as_json, read_notice

HERE = Path(__file__).resolve().parent
REFERENCE = date(2025, 1, 15)


def expected_path(notice: Path) -> Path:
    return notice.with_name(notice.stem + ".expected.json")


def answer(notice: Path) -> dict[str, object]:
    return as_json(read_notice(notice.read_bytes(), reference=REFERENCE))


def main() -> None:
    for notice in sorted(HERE.glob("*.txt")):
        text = json.dumps(answer(notice), ensure_ascii=False, indent=2) + "\n"
        expected_path(notice).write_text(text, encoding="utf-8")
        print("wrote", expected_path(notice).name)


if __name__ == "__main__":
    main()
