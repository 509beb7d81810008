"""Evidence: where a row's service and window are printed, the scope rule that tied them, and
the doubts that concern the row (docs/notices.md, "JSON shape")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from preavis.domain.messages import english
from preavis.domain.problems import Problem
from preavis.notices.text import Line
from preavis.notices.when import WindowMatch

if TYPE_CHECKING:
    from preavis.notices.layout import Record
    from preavis.notices.reader import NoticeInterruption


Doubt = tuple[str, str, dict[str, str]]  # English words, catalogue id, its parameters

# Why a rule's tie is a guess (Record.weak, in English) → its catalogue id; a group names a
# parameter of the id's message.
_WEAK: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"no sentence names a service for this window: the notice's title does", "title"),
        (r"the service is implied by the kind of notice \(“(?P<cue>.+)”\)", "kind"),
        (r"the service is what the maintenance is said to be of", "event_object"),
        (
            r"the window is printed in another sentence \(line (?P<line>\d+)\), which names no "
            r"service",
            "window_elsewhere",
        ),
        (r"the list's lead-in prints no window: the notice's one window applies", "lead_in"),
        (r"the table has no service column: the row is named by its place", "place"),
        (r"the table has no service column: the service is the heading above it", "heading"),
        (r"the table has no service column: the service is the notice's title", "table_title"),
        (r"the notice's one window, not said in this sentence", "one_window"),
    )
)


def weak_code(reason: str) -> tuple[str, dict[str, str]]:
    """The catalogue id of a rule's reason for being weak and its parameters; ("", {}) for a
    reason the catalogue does not have."""
    for pattern, code in _WEAK:
        found = pattern.fullmatch(reason)
        if found is not None:
            return f"notice.weak_{code}", {k: v for k, v in found.groupdict().items() if v}
    return "", {}


def name_doubts(record: Record, max_words: int) -> list[Doubt]:
    """What is doubtful about a row's service name: the English words, their catalogue id
    ("" when the catalogue does not have it) and its parameters."""
    name = f"“{record.name}”"
    service = {"service": record.name}
    named: list[Doubt] = []
    if record.weak:
        code, params = weak_code(record.weak)
        said = f"{name} tied to its window by the {record.rule} rule: {record.weak}"
        named.append((said, code, {**service, "rule": record.rule, **params} if code else {}))
    elif record.rule == "heading":
        said = f"{name} is the heading above this window, not on its line"
        named.append((said, "notice.heading_name", service))
    if len(record.name.split()) > max_words or record.name.rstrip().endswith("."):
        said = f"{name} reads as a sentence, not as a service name"
        named.append((said, "notice.name_sentence", service))
    elif record.name.count("(") != record.name.count(")"):
        named.append((f"{name} looks cut short (an unclosed bracket)", "notice.name_cut", service))
    for code, pairs in record.doubts:
        params = {**service, **dict(pairs)}
        named.append((english(code, params), code, params))
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
