"""A closure said as a changed opening hour: "will open at 10 a.m. instead of 8 a.m." is closed
from 8 to 10 that day; « fermera à 16 h au lieu de 18 h » is closed from 16 h to 18 h.

The day is the date printed in the same sentence, else none (the window is then dated from
the text above it, as any window printed with times only: notices/undated.py). The reading
is said on the row, as a note: the notice never prints the window itself.
"""

from __future__ import annotations

import re

from preavis.notices.when import (
    DatePart,
    InstantPart,
    TimePart,
    WindowMatch,
    _date,
    _date_part,
    _time,
    _time_part,
)

_INSTEAD = (
    r"\s*+,?\s*+(?:instead\s+of|rather\s+than|au\s+lieu\s+de|plutôt\s+qu['’]\s?)\s*+(?:at\s+|à\s+)?"
)
_OPENS = (
    r"\b(?:open|opens|opening|reopen|reopens|ouvrira|ouvriront|ouvre|ouvrent|ouvrir"
    r"|rouvrira|rouvriront)(?:\s+(?:late|later|ses\s+portes|leurs\s+portes|exceptionnellement"
    r"|plus\s+tard))*+\s+(?:at|à)\s+"
)
_CLOSES = (
    r"\b(?:close|closes|closing|fermera|fermeront|ferme|ferment|fermer)(?:\s+(?:early|earlier"
    r"|ses\s+portes|leurs\s+portes|exceptionnellement|plus\s+tôt))*+\s+(?:at|à)\s+"
)
CHANGED = re.compile(
    rf"(?:(?P<open>{_OPENS})|{_CLOSES})(?P<new>{_time('a')}){_INSTEAD}(?P<usual>{_time('b')})",
    re.IGNORECASE,
)
_DAY = re.compile(rf"(?=\w){_date('d')}", re.IGNORECASE)
_HINT = re.compile(r"instead\s+of|rather\s+than|au\s+lieu\s+de|plutôt\s+qu", re.IGNORECASE)
_STOP = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
NOTE_CODE = "notice.changed_hours"


def changed_hours(text: str, taken: list[tuple[int, int]]) -> list[WindowMatch]:
    """The closures said as a later opening or an earlier closing, one per sentence."""
    if _HINT.search(text) is None:  # the patterns are costly: look only when needed
        return []
    found = []
    for m in CHANGED.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        new, usual = _time_part(m, "a"), _time_part(m, "b")
        if new is None or usual is None:
            continue
        start, end = (usual, new) if m.group("open") else (new, usual)
        if (start.hour, start.minute) >= (end.hour, end.minute):
            continue  # "opens at 8 instead of 10" is a longer day, not a closure
        day = _sentence_date(text, m.start(), m.end())
        a, b = _clock(start), _clock(end)
        found.append(
            WindowMatch(InstantPart(day, start, None), InstantPart(day, end, None), m.start(),
                        m.end(), m.group(0), note=f"read as closed from {a} to {b}, between the "
                        "usual hour and the changed one", note_code=NOTE_CODE,
                        note_args=(("start", a), ("end", b)))
        )  # fmt: skip
    return found


def _sentence_date(text: str, begin: int, finish: int) -> DatePart | None:
    """The date printed in the sentence of `text[begin:finish]`, nearest to it."""
    opening = max((m.end() for m in _STOP.finditer(text, 0, begin)), default=0)
    closing = next((m.start() for m in _STOP.finditer(text, finish)), len(text))
    days = []
    for m in _DAY.finditer(text, opening, closing):
        part = _date_part(m, "d")
        if part is not None and part.day is not None:
            days.append((min(abs(m.start() - finish), abs(begin - m.end())), part))
    return min(days, key=lambda d: d[0])[1] if days else None


def _clock(time: TimePart) -> str:
    return f"{time.hour:02d}:{time.minute:02d}"
