"""Caps on the work one notice may cost: its bytes, what a PDF expands to, its text, its time.

A notice comes from an editor's upload, so every cap is a named constant and every refusal is
a NoticeError that says which cap was reached and what to do about it. The time budget is
cooperative: the reader's loops call `Deadline.check()`, and every regular expression the reader
runs is linear in its input, so no single step outlasts the budget by much.
"""

from __future__ import annotations

import time

from preavis.domain.errors import NoticeError

NOTICE_MAX_BYTES = 5 * 1024 * 1024  # the file as uploaded
NOTICE_MAX_TEXT = 1_000_000  # characters of text, after decoding or PDF text extraction
NOTICE_MAX_PAGES = 200
# Decompressed bytes of page content streams, summed over the pages that use them (a stream
# shared by every page counts once per page: each page costs its parse). A text notice of a
# few dozen pages stays well under 1 MB (pypdf parses 0.4 to 1 MB a second); pypdf's own
# per-stream default is 75 MB.
PDF_MAX_CONTENT_BYTES = 2 * 1024 * 1024
# Tokens (operators and operands) pypdf may parse in one content stream before the text is
# read; parsing is the one step the deadline cannot interrupt (about 200,000 tokens a second).
PDF_MAX_TOKENS_PER_STREAM = 400_000
NOTICE_BUDGET_SECONDS = 10.0
_MB = 1024 * 1024


class Deadline:
    """A time budget started now; `check()` raises NoticeError once it is spent."""

    __slots__ = ("budget", "ends")

    def __init__(self, budget: float | None = NOTICE_BUDGET_SECONDS) -> None:
        self.budget = budget
        self.ends = None if budget is None else time.monotonic() + budget

    def check(self) -> None:
        if self.ends is not None and time.monotonic() > self.ends:
            raise NoticeError.said("notice.too_slow", seconds=f"{self.budget:g}")


def too_much_text(characters: int) -> NoticeError:
    return NoticeError.said("notice.too_much_text", limit=NOTICE_MAX_TEXT, characters=characters)


def pdf_too_large() -> NoticeError:
    return NoticeError.said("notice.pdf_too_large", megabytes=PDF_MAX_CONTENT_BYTES // _MB)


def pdf_too_complex(detail: str) -> NoticeError:
    return NoticeError.said("notice.pdf_too_complex", detail=detail)
