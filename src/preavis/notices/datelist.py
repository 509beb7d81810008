"""Dates listed one a line under a lead-in that says something stops (session 8, round 7).

    A network shutdown will be scheduled on the following weekend dates:

    July 13, 2025

    August 10, 2025

    September 14, 2025

Each line that is only a date, in a list of at least three such lines (a blank line or one
other line allowed between two of them), is that whole day when the paragraph just above the
list says something stops (notices/apart.py's words). Such a window is tentative, like every
whole day found without a time: it gives a row only when something names it, and the resolver
warns that no time is printed. A lone date line (a dateline) is never such a list.
"""

from __future__ import annotations

import re

from preavis.notices.apart import BREAK, _stops
from preavis.notices.when import DatePart, InstantPart, WindowMatch, _date, _date_part

_LINE_DATE = re.compile(rf"[ \t]*+(?:[-•*][ \t]*+)?(?P<d>{_date('l')})[ \t.]*+", re.IGNORECASE)
MIN_LISTED = 3
NOTE = "read as a whole day, one of a list of dates under a sentence that says something stops"
NOTE_CODE = "notice.listed_day"
_LEAD_REACH = 600  # characters above the first date searched for the lead-in


def listed_dates(text: str, taken: list[tuple[int, int]]) -> list[WindowMatch]:
    """The whole days of the date lists of `text` (see the module's note)."""
    if text.count("\n") < MIN_LISTED:
        return []
    runs: list[list[tuple[int, int, DatePart]]] = []
    run: list[tuple[int, int, DatePart]] = []
    others = 0  # lines that are not dates since the run's last date
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if not line.strip():
            continue
        found = _LINE_DATE.fullmatch(line)
        part = _date_part(found, "l") if found is not None else None
        if found is None or part is None or part.day is None or part.month is None:
            others += 1
            if others > 1 and run:
                runs.append(run)
                run = []
            continue
        others = 0
        run.append((start + found.start("d"), start + found.end("d"), part))
    if run:
        runs.append(run)
    out: list[WindowMatch] = []
    for days in runs:
        if len(days) < MIN_LISTED or not _led(text, days[0][0]):
            continue
        for begin, finish, part in days:
            if any(begin < b and finish > a for a, b in taken):
                continue
            day = InstantPart(part, None, None)
            out.append(
                WindowMatch(day, day, begin, finish, text[begin:finish], note=NOTE,
                            tentative=True, note_code=NOTE_CODE)
            )  # fmt: skip
    return out


def lead_in(paragraph_above: str) -> str:
    """The lead-in of a date list: the last paragraph above it that says something stops."""
    said = [p for p in BREAK.split(paragraph_above) if p.strip() and _stops(p)]
    return said[-1] if said else ""


def _led(text: str, first: int) -> bool:
    """Whether the paragraph just above the list says something stops."""
    above = text[max(0, first - _LEAD_REACH) : first].rstrip()
    paragraphs = [p for p in BREAK.split(above) if p.strip()] if above else []
    return bool(paragraphs) and any(_stops(p) for p in paragraphs[-2:])
