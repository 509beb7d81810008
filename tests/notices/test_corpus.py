"""The golden corpus: every notice in tests/corpus reads exactly as its reviewed expectation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus.answers import HERE, answer, expected_path

NOTICES = sorted(HERE.glob("*.txt"))


def test_the_corpus_is_large_enough() -> None:
    assert len(NOTICES) >= 20
    assert all(expected_path(n).exists() for n in NOTICES), (
        "every notice needs its hand-written expected file"
    )


@pytest.mark.parametrize("notice", NOTICES, ids=[n.stem for n in NOTICES])
def test_notice_reads_as_expected(notice: Path) -> None:
    expected = json.loads(expected_path(notice).read_text(encoding="utf-8"))
    got = answer(notice)
    for row, want in zip(got["interruptions"], expected["interruptions"], strict=False):
        if "evidence" not in want:  # evidence (spans, rule) is checked in test_evidence.py
            row.pop("evidence", None)
    for key in ("warnings", "errors"):  # the reviewed files say where and what, in English;
        # each one's catalogue id and parameters are checked in test_evidence.py
        got[key] = [{"line": p["line"], "message": p["message"]} for p in got[key]]
    assert got == expected
