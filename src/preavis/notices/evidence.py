"""Evidence: where a row's service and window are printed, the scope rule that tied them, and
the doubts that concern the row (docs/notices.md, "JSON shape")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from preavis.domain.problems import Problem
from preavis.notices.text import Line
from preavis.notices.when import WindowMatch

if TYPE_CHECKING:
    from preavis.notices.layout import Record
    from preavis.notices.reader import NoticeInterruption


def name_doubts(record: Record, max_words: int) -> list[tuple[str, str]]:
    """What is doubtful about a row's service name: the English words, and their catalogue id
    ("" when the catalogue does not have it yet)."""
    name = f"“{record.name}”"
    named: list[tuple[str, str]] = []
    if record.weak:
        named.append((f"{name} tied to its window by the {record.rule} rule: {record.weak}", ""))
    elif record.rule == "heading":
        named.append(
            (f"{name} is the heading above this window, not on its line", "notice.heading_name")
        )
    if len(record.name.split()) > max_words or record.name.rstrip().endswith("."):
        named.append((f"{name} reads as a sentence, not as a service name", "notice.name_sentence"))
    elif record.name.count("(") != record.name.count(")"):
        named.append((f"{name} looks cut short (an unclosed bracket)", "notice.name_cut"))
    return named


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text is in the notice: line and 1-based column, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a row says what it says: where its service and window are printed, the scope rule
    that tied them, and the doubts that concern this row (each also a warning)."""

    rule: str
    service: Span | None
    window: Span | None
    warnings: tuple[str, ...] = ()


def printed_year(window: WindowMatch) -> bool:
    return any(
        part.date is not None and part.date.year is not None for part in (window.start, window.end)
    )


def width(lines: list[Line], number: int) -> int:
    at = index_of(lines, number)
    return 0 if at is None else len(lines[at].text)


def index_of(lines: list[Line], number: int) -> int | None:
    """The index of the line numbered `number` (lines are in order, numbers increasing)."""
    k = _bisect(lines, number)
    return k if k < len(lines) and lines[k].number == number else None


def _bisect(lines: list[Line], number: int) -> int:
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        if lines[mid].number < number:
            lo = mid + 1
        else:
            hi = mid
    return lo


def locate(lines: list[Line], name: str, number: int) -> Span | None:
    """The printed place of a service name: on its line or the few after it (a wrapped name
    spans them); the whole line when the name was rebuilt (determiner dropped, OCR repaired)."""
    at = index_of(lines, number)
    if at is None:
        return None
    window = lines[at : at + 4]
    words = name.split()
    if not words:
        return None
    first = re.search(re.escape(words[0]), window[0].text, re.IGNORECASE)
    if first is None:
        return Span(number, 1, number, len(window[0].text) + 1)
    last_word = words[-1]
    for ln in window:
        start = first.start() if ln is window[0] else 0
        hit = re.search(re.escape(last_word), ln.text[start:], re.IGNORECASE)
        if hit is not None:
            return Span(number, first.start() + 1, ln.number, start + hit.end() + 1)
    return Span(number, first.start() + 1, number, len(window[0].text) + 1)


def row_warnings(
    found: list[NoticeInterruption], warnings: list[Problem]
) -> list[NoticeInterruption]:
    """Each row's evidence lists the warnings said on its lines (its name's or its window's)."""
    by_line: dict[int, list[str]] = {}
    for problem in warnings:
        if problem.line is not None:
            by_line.setdefault(problem.line, []).append(problem.message)
    out = []
    for item in found:
        evidence = item.evidence
        if evidence is None:
            out.append(item)
            continue
        lines = {item.line}
        if evidence.window is not None:
            lines.add(evidence.window.line)
        said = [m for n in sorted(lines) for m in by_line.get(n, [])]
        merged = tuple(dict.fromkeys([*evidence.warnings, *said]))
        out.append(replace(item, evidence=replace(evidence, warnings=merged)))
    return out


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    def span(place: Span | None) -> dict[str, int] | None:
        if place is None:
            return None
        return {
            "line": place.line,
            "column": place.column,
            "end_line": place.end_line,
            "end_column": place.end_column,
        }

    return {
        "rule": evidence.rule,
        "service": span(evidence.service),
        "window": span(evidence.window),
        "warnings": list(evidence.warnings),
    }
