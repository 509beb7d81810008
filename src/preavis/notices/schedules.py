"""A standard window stated once and applied to a list of dates:

    The standard outage begins at 6:00 PM on Saturday and is completed by 6:00 AM on Sunday.
    2021
      • January 16-17
      • February 13-14

One window per listed date (the first day of a pair is the start's weekday), the year from the
nearest bare year above the item. The records name no service: the reader ties them to the
services the notice names, by its document-window rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preavis.notices.layout import Record
from preavis.notices.text import BULLET, Line
from preavis.notices.when import (
    _MONTH,
    _WD,
    MONTHS,
    WEEKDAYS,
    DatePart,
    InstantPart,
    TimePart,
    WindowMatch,
    _time,
    _time_part,
)

# "6:00 PM on Saturday", "Saturday at 6:00 PM", "le samedi à 18 h", "18 h le samedi"
_WEEKDAY_TIME = re.compile(
    rf"(?:{_time('a')}\s*+,?\s*+(?:on|le)?\s*+(?P<wa>{_WD})"
    rf"|(?P<wb>{_WD})\s*+,?\s*+(?:at|à|a)?\s*+{_time('b')})(?!\s*+,?\s*+(?:the\s+)?\d)",
    re.IGNORECASE,
)
_ITEM = re.compile(
    rf"^\s*(?:(?P<m>{_MONTH})\s*+(?P<a>[0-3]?\d)(?:\s*+[-–—]\s*+(?P<b>[0-3]?\d))?"
    rf"|(?P<a2>[0-3]?\d)(?:\s*+[-–—]\s*+(?P<b2>[0-3]?\d))?\s++(?P<m2>{_MONTH}))\s*[.;,]?\s*$",
    re.IGNORECASE,
)
_YEAR_LINE = re.compile(r"^\s*#*\s*((?:19|20)\d\d)\s*:?\s*$")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]|$)")
_MIN_ITEMS = 2
_WEEKDAY = re.compile(rf"(?<![^\W\d_]){_WD}(?![^\W\d_])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Schedule:
    records: list[Record]
    used: frozenset[int]


def find_schedules(lines: list[Line]) -> list[Schedule]:
    """The standard windows of the notice applied to the date lists under them."""
    for k, line in enumerate(lines):
        if len(_WEEKDAY.findall(line.text)) < 2:  # a standard window names two weekdays
            continue
        for sentence in _SENTENCE.findall(line.text):
            pairs = list(_WEEKDAY_TIME.finditer(sentence))
            if len(pairs) != 2:
                continue
            found = _items(lines, k + 1, pairs[0], pairs[1], line)
            if found is not None:
                return [found]
    return []


def _pair(match: re.Match[str]) -> tuple[int, TimePart | None]:
    word = match.group("wa") or match.group("wb")
    time = _time_part(match, "a") or _time_part(match, "b")
    return WEEKDAYS[word.lower().rstrip(".")], time


def _items(
    lines: list[Line], k: int, start: re.Match[str], end: re.Match[str], said: Line
) -> Schedule | None:
    start_day, start_time = _pair(start)
    end_day, end_time = _pair(end)
    if start_time is None or end_time is None:
        return None
    year: int | None = None
    records: list[Record] = []
    used: set[int] = set()
    for n in range(k, len(lines)):
        text = lines[n].text
        if not text.strip():
            continue
        bare = _YEAR_LINE.match(text)
        if bare is not None:
            year = int(bare.group(1))
            used.add(n)
            continue
        item = _ITEM.match(BULLET.sub("", text, count=1))
        if item is None:
            if records:
                break
            continue
        month = MONTHS[(item.group("m") or item.group("m2")).lower().rstrip(".")]
        first = int(item.group("a") or item.group("a2"))
        last = item.group("b") or item.group("b2")
        begin = DatePart(first, month, year, start_day)
        finish = DatePart(int(last), month, year, end_day) if last else DatePart(
            None, None, None, end_day
        )  # fmt: skip
        window = WindowMatch(
            InstantPart(begin, start_time, None),
            InstantPart(finish, end_time, None),
            0,
            0,
            f"{text.strip()}: {start.group(0)} – {end.group(0)}",
        )
        span = (lines[n].number, 1, lines[n].number, len(text) + 1)
        records.append(
            Record("", "", window, said.number, lines[n].number, rule="same clause",
                   window_span=span)
        )  # fmt: skip
        used.add(n)
    if len(records) < _MIN_ITEMS:
        return None
    return Schedule(records, frozenset(used))
