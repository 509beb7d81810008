"""A standard window stated once and applied to a list of dates:

    The standard outage begins at 6:00 PM on Saturday and is completed by 6:00 AM on Sunday.
    2021
      • January 16-17
      • February 13-14

One window per listed date (the first day of a pair is the start's weekday), the year from the
nearest bare year above the item. The records name no service: the reader ties them to the
services the notice names, by its document-window rule.

The same with a window of the day stated with times only, and dates as list items, an item's own
times replacing the default ("between 4:30 and 6:30 (unless otherwise stated)", then
"• Sunday 19 January 2025", "• Sunday 16 March 2025 (3:00 to 6:30)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from preavis.notices.layout import Record
from preavis.notices.pieces import ONE_DATE, find_windows
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
    _date_part,
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
    """The standard windows of the notice applied to the date lists under them, and the lists
    of windows under a heading that names their services."""
    return _standard(lines) + _heading_lists(lines)


def _standard(lines: list[Line]) -> list[Schedule]:
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
    for k, line in enumerate(lines):
        if BULLET.match(line.text) or not _TIMES_ONLY.search(line.text):
            continue
        default = [
            w
            for w in find_windows(line.text)
            if w.start.date is None and w.end.date is None and w.start.time and w.end.time
        ]
        if len(default) == 1:
            dated = _dated_items(lines, k, default[0])
            if dated is not None:
                return [dated]
    return []


_TIMES_ONLY = re.compile(
    r"\d\s*(?:[:h.]\s*\d\d|[ap]\.?m\b|h\b)|\b(?:midnight|minuit|noon|midi)\b", re.I
)
_LIST_REACH = 3  # non-blank lines between the default window's sentence and its list
_SCAN = 40  # lines looked at for the list, blank ones included
_DATE_AT_START = 4  # an item is a date when its date begins within this many characters


def _dated_items(lines: list[Line], k: int, default: WindowMatch) -> Schedule | None:
    """A list of dates a few lines under a window printed with times only: one window each.
    The dates are list items, or lines that a date heads ("Friday, January 9, 2026: Quebec
    City", « Vendredis 6 et 13 février 2026 : Laval »), a few lines of text allowed between
    them; each date of an item is a window."""
    said = lines[k]
    records: list[Record] = []
    used: set[int] = {k}
    gap = between = 0
    for n in range(k + 1, len(lines)):
        text = lines[n].text
        if not records and n - k > _SCAN:
            return None
        bulleted = BULLET.match(text) is not None
        item = BULLET.sub("", text, count=1) if bulleted else text
        days = _item_days(item, bulleted=bulleted)
        if not days:
            if records:
                between += 1 if text.strip() else 0
                if bulleted or between > _BETWEEN_ITEMS:
                    break
                continue
            gap += 1 if text.strip() else 0
            if gap > _LIST_REACH:
                return None
            continue
        between = 0
        own = [w for w in find_windows(item) if w.start.time is not None]
        if own:  # the item's own times replace the default
            window = own[0]
            start_time, end_time = window.start.time, window.end.time
            zone = window.start.zone or window.end.zone
        else:
            start_time, end_time = default.start.time, default.end.time
            zone = default.start.zone or default.end.zone
        shift = len(text) - len(item) + 1  # columns are 1-based, after the bullet
        for part, begin, finish in days:
            window = WindowMatch(
                InstantPart(None, start_time, zone),
                InstantPart(part, end_time, zone),
                0,
                0,
                f"{item.strip()}: {default.text}" if not own else item.strip(),
            )
            # each date its own place: one row per date, even when one item lists several
            span = (lines[n].number, begin + shift, lines[n].number, finish + shift)
            records.append(
                Record("", "", window, said.number, lines[n].number, rule="same clause",
                       window_span=span)
            )  # fmt: skip
        used.add(n)
    if len(records) < _MIN_ITEMS:
        return None
    return Schedule(records, frozenset(used))


_BETWEEN_ITEMS = 3  # non-blank lines of text allowed between two dated lines
_PLURAL_WEEKDAY = re.compile(rf"\s*+(?:{_WD})s\b\.?\s*+,?\s*+", re.IGNORECASE)
_HEAD_END = re.compile(r"\s*+(?::|\s[-–—]\s)")
_HEADING_TAIL_WORDS = 8
_JOINERS = re.compile(r"(?:[\s,;]|\b(?:and|et)\b)*+", re.IGNORECASE)


def _item_days(item: str, *, bulleted: bool) -> list[tuple[DatePart, int, int]]:
    """The dates that head a list item or a line: none when the line is not headed by a
    date, or (not bulleted) when it reads as a sentence rather than a heading."""
    lead = _PLURAL_WEEKDAY.match(item)
    offset = lead.end() if lead is not None else 0
    first = ONE_DATE.search(item, offset)
    if first is None or first.start() - offset > _DATE_AT_START:
        return []
    head_end = _HEAD_END.search(item, first.end())
    head = item[: head_end.start()] if head_end is not None else item
    matches = list(ONE_DATE.finditer(head, first.start()))
    parts = [(p, m.start(), m.end()) for m in matches
             if (p := _date_part(m, "q")) is not None and p.day is not None]  # fmt: skip
    if not parts:
        return []
    if not bulleted:
        rest = head[matches[-1].end() :]
        joined = all(_JOINERS.fullmatch(head[a.end() : b.start()]) for a, b in pairwise(matches))
        tail = item[head_end.end() :] if head_end is not None else ""
        if rest.strip(" ,.") or not joined or len(tail.split()) > _HEADING_TAIL_WORDS:
            return []
        if tail.rstrip().endswith((".", "!", "?")) or (head_end is None and len(parts) < 2):
            return []  # a sentence, or a lone date line (a dateline): not a heading
    year = parts[-1][0].year
    return [(p if p.year is not None or year is None else replace(p, year=year), a, b)
            for p, a, b in parts]  # fmt: skip


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


# "Multiple Dates: Guest Wi-Fi, care.ai and BioIntellisense" over "- 9 a.m. – 1 p.m. Thursday,
# Oct. 23", "- 9 a.m. – 1 p.m. Thursday, Oct. 30": each item is one window of the services the
# heading names. The heading's label ("Multiple Dates:", « Dates : ») is not a name.
_DATES_LABEL = re.compile(
    r"^\s*(?:multiple\s+dates|several\s+dates|dates|schedule|plusieurs\s+dates|horaires?)"
    r"\s*:\s*",
    re.IGNORECASE,
)
_NAMES_SPLIT = re.compile(r"\s*[,;]\s*(?:(?:and|et)\s+)?|\s+(?:and|et|&)\s+", re.IGNORECASE)
_HEADING_MAX_WORDS = 12
_ITEM_LEAD = 6  # an item is a window when its window begins within this many characters


def _heading_names(text: str) -> list[str]:
    """The services a heading names: "A, B and C" one each, else the heading whole."""
    label = _DATES_LABEL.match(text)
    if label is None:
        return []
    rest = text[label.end() :].strip(" .:")
    if not rest or len(rest.split()) > _HEADING_MAX_WORDS or find_windows(rest):
        return []
    parts = [p.strip(" .") for p in _NAMES_SPLIT.split(rest) if p.strip(" .")]
    if len(parts) > 1 and all(len(p.split()) <= 6 for p in parts):
        return parts
    return [rest]


def _dated_window(item: str) -> WindowMatch | None:
    windows = find_windows(item)
    if not windows or windows[0].begin > _ITEM_LEAD:
        return None
    window = windows[0]
    if not any(
        part.date is not None and (part.date.day is not None or part.date.numeric is not None)
        for part in (window.start, window.end)
    ):
        return None
    return window


def _heading_lists(lines: list[Line]) -> list[Schedule]:
    found = []
    k = 0
    while k < len(lines):
        names = _heading_names(lines[k].text) if not BULLET.match(lines[k].text) else []
        if not names:
            k += 1
            continue
        records: list[Record] = []
        used = {k}
        n = k + 1
        while n < len(lines) and (not lines[n].text.strip() or BULLET.match(lines[n].text)):
            text = lines[n].text
            window = _dated_window(BULLET.sub("", text, count=1)) if text.strip() else None
            if text.strip() and window is None:
                break
            if window is not None:
                span = (lines[n].number, 1, lines[n].number, len(text) + 1)
                after = _following(lines, n + 1)
                for name in names:
                    records.append(
                        Record(name, after, window, lines[k].number, lines[n].number,
                               context=after, rule="heading", window_span=span)
                    )  # fmt: skip
            used.add(n)
            n += 1
        if len({r.window_line for r in records}) >= _MIN_ITEMS:
            found.append(Schedule(records, frozenset(used)))
            k = n
        else:
            k += 1
    return found


def _following(lines: list[Line], n: int) -> str:
    """The sentences under a list, up to the next blank line, bullet or heading list: what
    they say of its windows (their impact)."""
    said: list[str] = []
    while n < len(lines) and len(said) < 3:
        text = lines[n].text
        if not text.strip() or BULLET.match(text) or _heading_names(text):
            if said or not BULLET.match(text):
                break
        else:
            said.append(text.strip())
        n += 1
    return " ".join(said)
