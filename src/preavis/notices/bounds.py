"""Windows said by the words around their dates: a whole day said as such, and an end said as
a range ("ending between noon and 4 p.m., Sunday, March 19", « se terminant entre 14 h et
16 h »), which bounds the window's end, not the window itself (its later value is the end, as
for an end given as "30 to 60 minutes": the upper bound)."""

from __future__ import annotations

import re

from preavis.notices.when import (
    InstantPart,
    TimePart,
    WindowMatch,
    _date,
    _date_part,
)

# "Jeudi 25 décembre 2025 (toute la journée)", "Monday, May 5 – all day": 0 h to 24 h that day.
ALL_DAY = re.compile(
    rf"(?=\w){_date('q')}\s*+[,:–—-]?\s*+\(?\s*+(?:toute\s+la\s+journée|la\s+journée\s+entière"
    r"|all[\s-]+day(?:\s+long)?|(?:the\s+)?(?:whole|full|entire)\s+day)\b\)?",
    re.IGNORECASE,
)
_ALL_DAY_WORDS = re.compile(r"journée|\bday\b", re.IGNORECASE)

# The words before "between … and …" that make it the end's bounds, not a window.
_ENDING = re.compile(
    r"\b(?:ending|ends?|finishing|finish(?:es|ed)?|concluding|conclude|wrapping\s+up"
    r"|se\s+terminant|se\s+terminera|se\s+termineront|prendra\s+fin|prendront\s+fin"
    r"|prenant\s+fin|fin)(?:\s+(?:at|on|à|le))?\s*+,?\s*+$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"(?:between|entre)\s", re.IGNORECASE)
_LOOK_BACK = 30


def all_day(text: str) -> list[WindowMatch]:
    """The days said whole ("Monday, May 5 – all day"), each 0 h to 24 h."""
    if _ALL_DAY_WORDS.search(text) is None:  # the date pattern is costly: look only when needed
        return []
    found = []
    for m in ALL_DAY.finditer(text):
        part = _date_part(m, "q")
        if part is None or (part.day is None and part.numeric is None):
            continue
        whole = TimePart(0, 0, end_of_day=True, word="all day")
        found.append(
            WindowMatch(InstantPart(part, TimePart(0, 0), None), InstantPart(part, whole, None),
                        m.start(), m.end(), m.group(0))
        )  # fmt: skip
    return found


def end_bound(text: str, window: WindowMatch) -> bool:
    """The window is "between X and Y" said of an end ("ending between noon and 4 p.m.")."""
    if _BETWEEN.match(window.text) is None:
        return False
    return _ENDING.search(text, max(0, window.begin - _LOOK_BACK), window.begin) is not None


def as_end(window: WindowMatch) -> WindowMatch:
    """The end that a range of ends gives: its later value, with no start."""
    return WindowMatch(
        InstantPart(None, None, None), window.end, window.begin, window.finish, window.text
    )
