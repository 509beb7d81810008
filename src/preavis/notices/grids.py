"""Grids: services as rows, days as columns, each cell saying whether the service runs that day.

    Service      | Dec 24, 2025 | Dec 25, 2025 | Dec 26, 2025      <- a header of days only
    Library      | Closed       | Closed       | 10 a.m. to 5 p.m.
    Pool         | Open until 4 p.m. | Closed  | Closed

The header is a row of two days or more (each with its month) and at most a short label before
them; its cells are split by pipes or tabs, or, when an HTML table was flattened to text, by
where each day is printed ("DECEMBER 6DECEMBER 7…"). Each following row is a name and one cell
per day: split the same way, or, flattened, as many status cells as there are days at the end
of the line. A cell that says the service is closed or unavailable (« fermé », "Not Available",
a mark "x" or "✓" when the lines above say something stops) is that whole day; "Open until
4 p.m." / « ouvert jusqu'à 16 h » is that day from that time; hours alone or "Open" are not a
closure. Consecutive closed days of one row are one window (rule "same row"). Every pattern is
linear in its input.
"""

from __future__ import annotations

import re

from preavis.notices.apart import _stops, next_day
from preavis.notices.layout import Record
from preavis.notices.pieces import ONE_DATE
from preavis.notices.text import Line, _name_only
from preavis.notices.when import (
    _MONTH,
    DatePart,
    InstantPart,
    TimePart,
    WindowMatch,
    _date_part,
    _time,
    _time_part,
)

_GLUED = re.compile(rf"(?<=\d)(?={_MONTH}(?![^\W\d_]))", re.IGNORECASE)  # "6DECEMBER 7"
_LABEL_WORDS = 4
_MARK = r"x|✓|✔|✗|✘"
_SHUT = (
    r"closed|fermée?s?|not\s+available|unavailable|indisponibles?|non\s+disponibles?"
    r"|hors\s+service|no\s+service|aucun\s+service|offline"
)
_RUNS = r"open|available|ouverte?s?|disponibles?|en\s+service"
# One status cell, as a flattened row prints it (the longest forms first).
_CELL = (
    rf"(?:(?:{_RUNS}|{_SHUT})\s+(?:until|till|jusqu['’]?\s?à|from|after|à\s+partir\s+de|dès)"
    rf"\s+{_time('t')}|not\s+available|non\s+disponibles?|{_SHUT}|{_RUNS}|{_MARK}|[-–—])"
)
_CELL_RE = re.compile(_CELL, re.IGNORECASE)
_BARE_CELL = re.sub(r"\(\?P<\w+>", "(?:", _CELL)  # repeated in one row: no group names
_ROW_MAX = 300
_HEADER_MAX = 600  # a flattened row is a name and a few cells
_OPEN_UNTIL = re.compile(
    rf"^(?:{_RUNS})\s+(?:until|till|jusqu['’]?\s?à)\s+{_time('t')}\s*$", re.IGNORECASE
)
_SHUT_FROM = re.compile(
    rf"^(?:{_SHUT})\s+(?:from|after|à\s+partir\s+de|dès)\s+{_time('t')}\s*$", re.IGNORECASE
)
_SHUT_UNTIL = re.compile(
    rf"^(?:{_SHUT})\s+(?:until|till|jusqu['’]?\s?à)\s+{_time('t')}\s*$", re.IGNORECASE
)
_SHUT_ALL = re.compile(rf"^(?:{_SHUT})\s*[.!]?$", re.IGNORECASE)
_MARK_ALL = re.compile(rf"^(?:{_MARK})$", re.IGNORECASE)
_RULE = re.compile(r"^[\s|:+-]*$")  # a markdown separator row "|---|---|"
_ABOVE = 4  # lines above the header that may say what the marks mean
_MAX_ROWS = 200

# A closure on one day: from a time (None: 0 h) to a time (None: the end of the day).
_Closure = tuple[TimePart | None, TimePart | None]


def _cells(text: str) -> list[str] | None:
    """A row's cells when pipes or tabs split it, else None (flattened)."""
    if "|" in text:
        inner = text.strip().strip("|")
        return [c.strip() for c in inner.split("|")]
    if "\t" in text:
        return [c.strip() for c in text.split("\t")]
    return None


def _days(text: str) -> tuple[list[DatePart], bool] | None:
    """The days of a header line, and whether pipes or tabs split it."""
    cells = _cells(text)
    if cells is not None:
        cells = [c for c in cells if c]
        days = [_day(c) for c in cells]
        label = days[0] is None
        found = [d for d in days[1:] if d is not None] if label else days
        if len(found) < 2 or len(found) != len(cells) - label:
            return None
        return [d for d in found if d is not None], True
    text = _GLUED.sub(" ", text)
    matches = list(ONE_DATE.finditer(text))
    parts = [_date_part(m, "q") for m in matches]
    if len(matches) < 2 or any(p is None or p.day is None or p.month is None for p in parts):
        return None
    rest = ONE_DATE.sub("\0", text)
    lead, _, dates = rest.partition("\0")
    if dates.strip("\0 \t,;") or len(lead.split()) > _LABEL_WORDS:
        return None  # words between the days: a sentence, not a header
    return [p for p in parts if p is not None], False


def _day(cell: str) -> DatePart | None:
    m = ONE_DATE.fullmatch(_GLUED.sub(" ", cell.strip(" *_.")))
    part = _date_part(m, "q") if m else None
    return part if part is not None and part.day is not None and part.month else None


def _status(cell: str, marks: bool) -> _Closure | None:
    """What one cell says of its day: a closure, or None (open, hours, empty)."""
    cell = " ".join(cell.split())
    if _SHUT_ALL.match(cell) or (marks and _MARK_ALL.match(cell)):
        return (None, None)
    for pattern, closed_from in ((_OPEN_UNTIL, True), (_SHUT_FROM, True), (_SHUT_UNTIL, False)):
        m = pattern.match(cell)
        time = _time_part(m, "t") if m else None
        if time is not None:
            return (time, None) if closed_from else (None, time)
    return None


def _row(text: str, split: bool, count: int) -> tuple[str, list[str]] | None:
    """A row's name and its `count` day cells."""
    if split:
        cells = _cells(text)
        if cells is None or len(cells) < count + 1:
            return None
        name = " ".join(c for c in cells[: len(cells) - count] if c)
        return (name, cells[len(cells) - count :]) if name else None
    if len(text) > _ROW_MAX:
        return None
    said = rf"{_BARE_CELL}(?:\s+{_BARE_CELL}){{{count - 1}}}"
    m = re.fullmatch(rf"\s*(?P<name>\S.*?)\s+(?P<cells>{said})\s*", text, re.IGNORECASE)
    if m is None:
        return None
    return m["name"], [c.group(0) for c in _CELL_RE.finditer(m["cells"])]


def read_grids(lines: list[Line]) -> tuple[list[Record], set[int]]:
    """The rows of every grid in `lines`, and the indexes of the lines they took."""
    records: list[Record] = []
    used: set[int] = set()
    k = 0
    while k < len(lines):
        header = _days(lines[k].text) if _maybe_header(lines[k].text) else None
        if header is None:
            k += 1
            continue
        days, split = header
        above = " ".join(ln.text for ln in lines[max(0, k - _ABOVE) : k])
        found, j = _grid_rows(lines, k, days, split, marks=_stops(above))
        if found:
            records += found
            used.update(range(k, j))
        k = max(j, k + 1)
    return records, used


_MONTH_WORD = re.compile(rf"(?<![^\W\d_]){_MONTH}", re.IGNORECASE)
_TIMEISH = re.compile(r"\d\s?h\b|\d[:.]\d\d|\d\s?[ap]\.?\s?m\b", re.IGNORECASE)


def _maybe_header(text: str) -> bool:
    """Cheap test: two numbers, two month words and no time on the line."""
    return (
        len(text) <= _HEADER_MAX
        and len(re.findall(r"\d+", text)) >= 2
        and _TIMEISH.search(text) is None
        and len(_MONTH_WORD.findall(text)) >= 2
    )


def _grid_rows(
    lines: list[Line], k: int, days: list[DatePart], split: bool, *, marks: bool
) -> tuple[list[Record], int]:
    out: list[Record] = []
    j = k + 1
    while j < len(lines) and j - k <= _MAX_ROWS:
        text = lines[j].text
        if split and _RULE.match(text) and "-" in text:
            j += 1
            continue
        row = _row(text, split, len(days)) if text.strip() else None
        if row is None:
            break
        name, cells = row
        name = _name_only(name)
        windows = _windows(days, [_status(c, marks) for c in cells], text)
        number = lines[j].number
        span = (number, 1, number, len(text) + 1)
        out += [
            Record(name, "", w, number, number, None, text, rule="same row", window_span=span)
            for w in windows
            if name
        ]
        j += 1
    return out, j


def _windows(days: list[DatePart], said: list[_Closure | None], text: str) -> list[WindowMatch]:
    """One window per run of closed days (a day closed to its end, then the next day closed
    from 0 h, are one run)."""
    runs: list[tuple[DatePart, TimePart | None, DatePart, TimePart | None]] = []
    previous: DatePart | None = None  # the day before, when it is closed to its end
    for day, closure in zip(days, said, strict=True):
        if closure is None:
            previous = None
            continue
        start, end = closure
        if previous is not None and start is None and next_day(previous, day):
            runs[-1] = (runs[-1][0], runs[-1][1], day, end)
        else:
            runs.append((day, start, day, end))
        previous = day if end is None else None
    whole = TimePart(0, 0, end_of_day=True, word="")
    return [
        WindowMatch(InstantPart(first, start or TimePart(0, 0), None),
                    InstantPart(last, end or whole, None), 0, len(text), text)
        for first, start, last, end in runs
    ]  # fmt: skip
