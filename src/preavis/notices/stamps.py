"""Time stamps: a date printed with a clock time to the minute is when something was written.

A byline, a publication line or a mail header stamps the notice with the minute it was written
("Par Jeanne Roy 10:23 AM - 21 décembre 2025", « Le Quotidien - 17 mars 2019 à 10:12 »,
"Sent: Friday, April 13, 2012 10:13 AM", "date: 2021-01-12 17:28"). Planned work starts and
ends on round minutes (a multiple of five, or 0 h 01 and 23 h 59 that open and close a day), so a
date joined to a time whose minutes are not round is a stamp: it is never a window, whatever
words surround it. The stamp is blanked (same length, line breaks kept) before windows are
looked for; the year resolver still reads it as the notice's own date.

A time restated in brackets in another zone right after a time and its zone ("from 6:00 CET
(5:00 UTC) to 7:00 CET (6:00 UTC)", « à 20 h HE (17 h HP) ») is the same instant said again: it
is blanked the same way, so that the window reads as its first saying.
"""

from __future__ import annotations

import re

from preavis.notices.when import _ZONE_WORDS, _date, _time

_DATE = re.compile(rf"(?=\w){_date('t')}", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?<![\w:.,/])(?P<h>[01]?\d|2[0-3])\s?(?::|h|\.)\s?(?P<m>[0-5]\d)(?![\d:.,/])"
    r"(?:\s?[ap]\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
# What may stand between a stamp's date and its time: "17 mars 2019 à 10:12", "10:23 AM - 21 …"
_JOIN = re.compile(r"[\s,;|@–—-]*+(?:(?:à|a|at|le|on|the)\b[\s,;|@–—-]*+)?", re.IGNORECASE)
_ROUND = frozenset({1, 59})
# A time said as a bound of a window is not a stamp: "… au 31 décembre, 19 h 02", "to 10:13"
_BOUND = re.compile(
    r"\b(?:from|to|until|till|through|between|and|starts?|starting|begins?|ends?|ending|du|au"
    r"|à\s+partir\s+de|jusqu['’]?\s?(?:à|au)|entre|et|début|fin)[\s,:]*+(?:(?:le|the|on)\s++)?$",
    re.IGNORECASE,
)


def _round(minutes: int) -> bool:
    return minutes % 5 == 0 or minutes in _ROUND


def stamp_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that are date-and-time stamps (a date joined to the only time of its
    line, to the odd minute, not said as a bound: "… au 31 décembre, 19 h 02" is an end)."""
    spans: list[tuple[int, int]] = []
    for clock in _CLOCK.finditer(text):
        if _round(int(clock["m"])):
            continue
        start = text.rfind("\n", 0, clock.start()) + 1
        end = text.find("\n", clock.end())
        end = len(text) if end < 0 else end
        if any(c.start() != clock.start() for c in _CLOCK.finditer(text, start, end)):
            continue  # another time on its line: a range, a schedule
        span = _joined(text, start, end, clock)
        if span is not None and _BOUND.search(text, max(start, span[0] - 24), span[0]) is None:
            spans.append(span)
    return spans


def _joined(text: str, start: int, end: int, clock: re.Match[str]) -> tuple[int, int] | None:
    """The span of `clock` and of the date joined to it, if one is."""
    for date in _DATE.finditer(text, start, end):
        if date.end() <= clock.start():
            gap = text[date.end() : clock.start()]
        elif date.start() >= clock.end():
            gap = text[clock.end() : date.start()]
        else:
            continue
        if _JOIN.fullmatch(gap) is not None:
            return min(date.start(), clock.start()), max(date.end(), clock.end())
    return None


_RESTATED = re.compile(
    rf"(?:{_ZONE_WORDS})[ \t]*+(?P<r>\([ \t]*+{_time('r')}[ \t]*+(?:{_ZONE_WORDS})[ \t]*+\))",
    re.IGNORECASE,
)


def without_stamps(text: str) -> str:
    """`text` with its stamps and its restated times blanked: the same length and lines, so
    every offset still holds."""
    spans = stamp_spans(text)
    if "(" in text:
        spans += [m.span("r") for m in _RESTATED.finditer(text)]
    if not spans:
        return text
    out, at = [], 0
    for begin, finish in sorted(spans):
        if begin < at:
            continue
        out.append(text[at:begin])
        out.append(re.sub(r"[^\n]", " ", text[begin:finish]))
        at = finish
    out.append(text[at:])
    return "".join(out)
