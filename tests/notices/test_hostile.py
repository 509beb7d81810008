"""The reader on hostile input, within its caps: bombs, huge lines, a spent time budget.

The quick campaign is bench/hostile_notices.py at a small scale; no assertion here is timed.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import zlib
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from preavis.domain import NoticeError
from preavis.notices import text as notice_text
from preavis.notices import when
from preavis.notices.limits import NOTICE_MAX_TEXT, PDF_MAX_CONTENT_BYTES
from preavis.notices.reader import read_notice

BENCH = Path(__file__).resolve().parents[2] / "bench" / "hostile_notices.py"
REF = date(2025, 1, 15)


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_notices", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_notices"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def shared_stream_pdf(size: int, pages: int) -> bytes:
    """Every page draws one FlateDecode stream of `size` bytes, a few KB compressed."""
    hostile = bench()
    unit = b"BT /F1 10 Tf 72 700 Td (Du 25 juin 20 h au 2 juillet 7 h Boutique) Tj ET\n"
    stream = hostile._stream(unit * (size // len(unit)))
    return bytes(hostile._pdf([hostile._page("4 0 R")] * pages, [stream]))


def test_quick_campaign_has_no_crash() -> None:
    hostile = bench()
    rows, outcomes = hostile.campaign(60, seed=8, scale=0.0005)
    assert len(outcomes) == 60
    assert {r.kind for r in rows} == set(hostile.KINDS)
    crashes = [c for r in rows for c in r.crashes]
    assert crashes == []
    refused = [o for o in outcomes if o.error]
    assert refused and len(refused) < len(outcomes)  # both outcomes occur
    assert "| kind | files |" in hostile.table(rows, 10.0)


def test_a_spent_budget_ends_every_hostile_file_with_a_notice_error() -> None:
    _, outcomes = bench().campaign(40, seed=3, scale=0.0005, budget=0.0)
    assert [o for o in outcomes if o.crash] == []
    assert [o.kind for o in outcomes if o.error is None] == []
    assert any("took more than 0 s to read" in (o.error or "") for o in outcomes)


def test_the_budget_ends_a_text_reading_with_a_clear_error() -> None:
    text = "Boutique en ligne | fermée | Du 25 juin, 20 h au 2 juillet, 7 h (HE)\n" * 50
    assert read_notice(text, reference=REF).ok  # the default budget is ample
    with pytest.raises(NoticeError, match=r"took more than 0 s to read; split it"):
        read_notice(text, reference=REF, budget=0)


def test_the_budget_is_checked_inside_a_pdf() -> None:
    data = shared_stream_pdf(200_000, 2)
    with pytest.raises(NoticeError, match="took more than 0 s to read"):
        read_notice(data, reference=REF, budget=0)


def test_pages_sharing_one_large_stream_are_refused() -> None:
    # Each page under the cap, together over it: before the cap every page parsed it again.
    data = shared_stream_pdf(PDF_MAX_CONTENT_BYTES // 2 + 1000, 3)
    assert len(data) < 50_000
    with pytest.raises(NoticeError, match=r"the PDF expands to more than 2 MB of content"):
        read_notice(data, reference=REF)


def test_one_stream_that_expands_too_far_is_refused_as_it_decompresses() -> None:
    hostile = bench()
    stream = hostile._stream(b"q Q\n" * (60 * 1024 * 1024 // 4))  # 60 MB, 60 KB packed
    data = bytes(hostile._pdf([hostile._page("4 0 R")], [stream]))
    assert len(zlib.compress(b"x")) < len(data) < 200_000
    with pytest.raises(NoticeError, match="expands to more than 2 MB"):
        read_notice(data, reference=REF)


def test_text_beyond_the_cap_is_refused() -> None:
    text = "Boutique en ligne sera fermée.\n" * (NOTICE_MAX_TEXT // 31 + 2)
    with pytest.raises(NoticeError, match=r"more than 1,000,000 characters of text"):
        read_notice(text, reference=REF)


def test_a_window_does_not_take_the_next_window_on_its_line_as_description() -> None:
    line = "Boutique | Du 25 juin, 20 h au 26 juin, 7 h ; du 27 juin, 20 h au 28 juin, 7 h"
    reading = read_notice(line, year=2025)
    assert [i.service for i in reading.interruptions] == ["Boutique", "Boutique"]
    assert [i.description for i in reading.interruptions] == ["", ""]


def test_the_services_around_labelled_windows_apply_to_each_window() -> None:
    block = (
        "Start: March {d}, 2026 at 02:00 UTC\nEnd: March {d}, 2026 at 04:00 UTC\n"
        "Affected services: REST API, Webhooks\n\n"
    )
    reading = read_notice("Maintenance\n\n" + "".join(block.format(d=d) for d in (10, 11, 12)))
    assert [i.service for i in reading.interruptions] == ["REST API", "Webhooks"] * 3
    assert [i.starts_at.day for i in reading.interruptions] == [10, 10, 11, 11, 12, 12]


# The patterns rewritten to be linear on long whitespace runs match exactly what they matched.
OLD_COLUMNS = re.compile(r"\s*\|\s*|\t+|(?<=\S) {3,}(?=\S)")
OLD_SEPARATOR = re.compile(r"\s+[—–-]\s+|\s*:\s+|\s*\t+\s*|\s*:$")
OLD_VERB = re.compile(notice_text._VERB.pattern.replace(r"(?<!\s)\s++", r"\s+", 1), re.IGNORECASE)
OLD_ZONE = re.compile(rf"\(?\s*(?P<z>{when._ZONE_WORDS})\s*\)?", re.IGNORECASE)
OLD_WINDOW = re.compile(
    when.WINDOW.pattern.removeprefix(r"(?=\w)").replace("*+", "*").replace("++", "+"),
    re.IGNORECASE,
)
pieces = st.sampled_from(
    [" ", "  ", "   ", "\t", "\n", "|", ":", " - ", "–", "(", ")", "HE", "ET", "heure de l’Est",
     "Boutique", "sera", "is", "du", "25 juin", "20 h", "au", "7 h", "to", "June 3", ",", "."]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_linear_patterns_match_as_before(text: str) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    assert notice_text._COLUMNS.split(text) == OLD_COLUMNS.split(text)
    assert spans(notice_text._SEPARATOR)[:1] == spans(OLD_SEPARATOR)[:1]
    assert spans(notice_text._VERB)[:1] == spans(OLD_VERB)[:1]
    assert spans(when.ZONE_MENTION) == spans(OLD_ZONE)
    assert spans(when.WINDOW) == spans(OLD_WINDOW)


def test_a_first_line_that_is_a_paragraph_is_not_a_title() -> None:
    paragraph = "Nous procéderons à une mise à niveau de nos systèmes " * 5
    rows = "\n\nBoutique en ligne | fermée | Du 25 juin, 20 h au 2 juillet, 7 h (HE)\n"
    assert read_notice(paragraph + rows, year=2025).title is None
    assert read_notice("Mise à niveau" + rows, year=2025).title == "Mise à niveau"
