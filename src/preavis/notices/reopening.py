"""Whole days closed until a reopening said later (round 5).

A closure printed as whole days (« Du 11 au 15 mai, la mairie sera fermée », "closed June 3-7")
and a reopening said a sentence or a paragraph later (« La réouverture est prévue le lundi 18
mai à 8 h », "The office reopens Monday, June 10 at 8 a.m.") is one closure: from 0 h on its
first day to the reopening, weekend in between included. Only a reopening after the last day
and at most a week after it closes the days; the window keeps a warning that says so (the same
note as a start closed by a later return). Every other window is left as it is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from preavis.notices.apart import returns, said_apart
from preavis.notices.when import DatePart, InstantPart, WindowMatch

_WEEK = 7  # a reopening closes whole days ending at most this many days before it


def _days_after(last: DatePart, then: DatePart) -> int | None:
    """How many days `then` falls after `last` (a year assumed when none is printed)."""
    if not (last.day and last.month and then.day and then.month):
        return None
    year = last.year or then.year or 2000  # a leap year: any printed day exists
    try:
        before = date(year, last.month, last.day)
        gap = (date(then.year or year, then.month, then.day) - before).days
        if gap < 0 and then.year is None:  # "du 28 au 31 décembre … rouvre le 2 janvier"
            gap = (date(year + 1, then.month, then.day) - before).days
    except ValueError:
        return None
    return gap


def _closed_until(
    text: str, w: WindowMatch, found: list[tuple[int, int, InstantPart]]
) -> WindowMatch:
    """`w` ended by the first reopening said after it within a week of its last day."""
    last = w.end.date
    if w.end.time is not None or w.start.time is not None or last is None:
        return w
    for begin, finish, end in found:
        if begin < w.finish or end.date is None or not said_apart(text, w.finish, begin):
            continue
        gap = _days_after(last, end.date)
        if gap is not None and 0 < gap <= _WEEK:
            said = " ".join(text[begin:finish].split())
            note = f"ends as a later sentence says (“{said}”)"
            return replace(
                w,
                end=end,
                note=note,
                note_code="notice.end_said_later",
                note_args=(("said", said),),
            )
    return w


def reopened(text: str, windows: list[WindowMatch]) -> list[WindowMatch]:
    """`windows`, each whole-day closure ended by the reopening said after it, if any."""
    if not any(w.end.time is None and w.end.date is not None for w in windows):
        return windows
    found = returns(text)
    return [_closed_until(text, w, found) for w in windows] if found else windows
