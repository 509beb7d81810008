"""Nights listed in one sentence, their hours in another:

    Two full closures are planned on the nights of Monday, June 2 to Tuesday, June 3 and of
    Tuesday, June 3 to Wednesday, June 4. … The bridge will be closed between 11:59 p.m. and
    4 a.m.

« dans les nuits du lundi 2 au mardi 3 juin et du mardi 3 au mercredi 4 juin … entre 23 h 59 et
4 h ». A window printed with times only, overnight, dated from a line that lists such nights,
is each of those nights (one row a night, starting on its first day), not the last date of the
line. Only consecutive nights are read this way (one range repeated each day).
"""

from __future__ import annotations

import re
from itertools import pairwise

from preavis.notices.pieces import DAY_RANGE
from preavis.notices.when import MONTHS, DatePart, TimePart

_NIGHTS = re.compile(r"\b(?:nuits?|nights?)\b", re.IGNORECASE)
_REACH = 60  # characters between "nights" and its first pair of days
_JOIN = re.compile(
    r"\s*+(?:,|and|et|ainsi\s+que)?\s*+(?:(?:of|de)\s+)?(?:the\s+|la\s+)?(?:night\s+of\s+|nuit\s+)?",
    re.IGNORECASE,
)


def listed_nights(text: str) -> tuple[DatePart, DatePart] | None:
    """The first day of the first night and of the last one, when `text` lists consecutive
    nights ("the nights of June 2 to 3 and June 3 to 4"); None otherwise."""
    said = _NIGHTS.search(text)
    if said is None:
        return None
    firsts: list[DatePart] = []
    previous = said.end()
    for m in DAY_RANGE.finditer(text, said.end()):
        gap = text[previous : m.start()]
        if (not firsts and len(gap) > _REACH) or (firsts and _JOIN.fullmatch(gap) is None):
            break
        first = _first_day(m)
        if first is None:
            return None
        firsts.append(first)
        previous = m.end()
    if len(firsts) < 2 or any(
        b.day != (a.day or 0) + 1 or b.month != a.month for a, b in pairwise(firsts)
    ):
        return None
    return firsts[0], firsts[-1]


def _first_day(m: re.Match[str]) -> DatePart | None:
    """The first day of a pair of days that is one night (the second day the next one)."""
    a, b = m.group("da") or m.group("da2"), m.group("db") or m.group("db2")
    month = m.group("m") or m.group("m2")
    year = m.group("y") or m.group("y2")
    if a is None or b is None or month is None or int(b) != int(a) + 1:
        return None
    return DatePart(int(a), MONTHS[month.lower().rstrip(".")], int(year) if year else None, None)


def overnight(start: TimePart | None, end: TimePart | None) -> bool:
    """A range of hours that ends the next day ("between 11:59 p.m. and 4 a.m.")."""
    if start is None or end is None or end.end_of_day:
        return False
    return (end.hour, end.minute) < (start.hour, start.minute)
