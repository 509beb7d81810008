"""A window printed with times only takes its date from the text above it.

    The sites will be unavailable on Saturday, February 11, 2023.
    The cut should last about six hours, from 8:00 to 14:00.

The nearest date printed before the window (on its line, before it, or on the lines above, a
publication line excepted) is its day. A weekday said with the window ("this Saturday", « samedi »)
must agree: a date on another weekday is an anchor (a dateline), and the window falls on the next
such weekday after it ("this Saturday" in a notice dated Thursday, February 19 is the 21st).
Every date taken this way is a guess, and the row says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from preavis.notices.pieces import ONE_DATE, _published
from preavis.notices.text import BULLET, Line
from preavis.notices.when import _WD, WEEKDAYS, DatePart, WindowMatch, _date_part

LOOK_BACK = 15  # lines above the window searched for its date
_WEEKDAY = re.compile(rf"\b{_WD}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Dated:
    window: WindowMatch | None  # None: the window points at dates listed elsewhere, no row
    note: str


# "between midnight and 6:30 on the dates above marked with a *": the days are a list's items.
_LISTED = re.compile(
    r"\b(?:the\s+)?dates?\s+(?:listed\s+|shown\s+)?(?:above|below)\b"
    r"|\b(?:aux|les)\s+dates?\s+(?:indiquées?\s+)?ci-(?:dessus|dessous)\b",
    re.IGNORECASE,
)


def _undated(window: WindowMatch) -> bool:
    return (
        not any(
            part.date is not None and (part.date.day is not None or part.date.numeric is not None)
            for part in (window.start, window.end)
        )
        and window.until is None
    )


def _weekday(window: WindowMatch, before: str) -> int | None:
    """The weekday printed in the window, or said just before it in its sentence."""
    for part in (window.start, window.end):
        if part.date is not None and part.date.weekday is not None:
            return part.date.weekday
    sentence = re.split(r"[.!?]\s", before)[-1]
    found = list(_WEEKDAY.finditer(sentence))
    return WEEKDAYS[found[-1].group(0).lower().rstrip(".")] if found else None


def _last_date(text: str) -> DatePart | None:
    found = None
    for m in ONE_DATE.finditer(text):
        if _published(text, m.start()):
            continue
        part = _date_part(m, "q")
        if part is not None and part.day is not None and part.month is not None:
            found = part
    return found


def date_from_context(
    lines: list[Line], window: WindowMatch, window_line: int, reference: date | None
) -> Dated | None:
    """The window with the date read from above it, or None when it needs none or finds none."""
    if not _undated(window):
        return None
    index = next((k for k, ln in enumerate(lines) if ln.number == window_line), None)
    if index is None:
        return None
    own = lines[index].text
    at = own.find(window.text.split("\n")[0])
    before = own[: at if at >= 0 else 0]
    if _LISTED.search(own):
        note = (
            f"“{_flat(window.text)}” applies to dates listed elsewhere in the notice: "
            "not read as a window of its own"
        )
        return Dated(None, note)
    weekday = _weekday(window, before)
    anchor, anchor_line = _last_date(before), window_line
    k = index
    while anchor is None and k > 0 and index - k < LOOK_BACK:
        k -= 1
        if BULLET.match(lines[k].text):  # a list of dates is not one date
            break
        anchor, anchor_line = _last_date(lines[k].text), lines[k].number
    if anchor is None:
        if weekday is None or reference is None:
            return None
        ahead = (weekday - reference.weekday()) % 7
        day = reference + timedelta(days=ahead)
        part = DatePart(day.day, day.month, day.year, weekday)
        note = (
            f"no date is printed with “{_flat(window.text)}”: read as the next "
            f"{_NAMES[weekday]} from the reference date, {day.isoformat()}"
        )
        return Dated(_with(window, part), note)
    printed = anchor.weekday
    if anchor.year is not None and anchor.month is not None and anchor.day is not None:
        try:
            printed = date(anchor.year, anchor.month, anchor.day).weekday()
        except ValueError:
            return None
    if weekday is not None and printed is not None and printed != weekday:
        if anchor.year is None:
            return None  # no calendar to count weekdays on: leave it undated
        start = date(anchor.year, anchor.month or 1, anchor.day or 1)
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        part = DatePart(day.day, day.month, day.year, weekday)
        note = (
            f"no date is printed with “{_flat(window.text)}”: read as the {_NAMES[weekday]} "
            f"after the date on line {anchor_line}, {day.isoformat()}"
        )
        return Dated(_with(window, part), note)
    part = anchor if weekday is None else replace(anchor, weekday=weekday)
    note = (
        f"no date is printed with “{_flat(window.text)}”: the date was taken from line "
        f"{anchor_line}"
    )
    return Dated(_with(window, part), note)


_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _with(window: WindowMatch, part: DatePart) -> WindowMatch:
    # The date goes on the end: "from 11 p.m. to 2 a.m." then reads overnight, and a midnight
    # that opens the window is 0 h on that day, as when the date is printed after the times.
    return replace(
        window,
        start=replace(window.start, date=None),
        end=replace(window.end, date=part),
    )
