"""Temporal pieces and their assembly into windows.

`when.WINDOW` reads one printed window ("Du 25 juin, 20 h au 2 juillet, 7 h"). Notices also
spread a window over several pieces of one sentence, row or fields block, and this module puts
them together:

- a date and a time range: "Saturday, June 14: 10:00 to 15:00", "le 14 juin | 14 h – 17 h";
- a range of days and a time range, repeated each day: "each night from 10 p.m. to 6 a.m.,
  June 3–7", "du 2 au 6 juin, du lundi au vendredi de 22 h à 6 h" (only the weekdays named);
- a start and a duration: "at 9 p.m. on June 20 for about two hours", "up to 15 hours".

Pieces are joined only when nothing but a few words (no sentence end, no blank line) separates
them. Every pattern here is linear in its input, as in `when`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from preavis.notices.apart import BREAK as _BREAK
from preavis.notices.apart import (
    END,
    ONE_NIGHT,
    RETURN,
    closed_days,
    closing_from,
    day_bounds,
    day_lists,
    every_weekday,
    may_say_hours,
    next_day,
    one_night,
    opening_hours,
    returns,
    said_apart,
    whole_day_windows,
)
from preavis.notices.bounds import all_day, as_end, end_bound
from preavis.notices.datelist import listed_dates
from preavis.notices.late import changed_hours
from preavis.notices.reopening import reopened
from preavis.notices.stamps import without_stamps
from preavis.notices.when import (
    _LEAD,
    _MONTH,
    _WD,
    _YEAR,
    MONTHS,
    WEEKDAYS,
    WINDOW,
    DatePart,
    InstantPart,
    TimePart,
    WindowMatch,
    _date,
    _date_part,
    _instant,
    _instant_part,
)
from preavis.notices.when import find_windows as printed_windows

# "du 3 au 7 juin 2025", "June 3–7, 2025", "3-7 June"
DAY_RANGE = re.compile(
    rf"(?=\w)(?:(?:du|from|between|entre)\s++)?(?:(?P<wa>{_WD}),?\s++)?(?:le\s++)?"
    rf"(?<![\d:])(?<!h\s)(?<!h)(?P<da>[0-3]?\d)(?:er|st|nd|rd|th)?\s*+(?:au|to|through|thru|-|–|—|and|et)\s*+"
    rf"(?:(?P<wb>{_WD}),?\s++)?(?:le\s++)?(?P<db>[0-3]?\d)(?:st|nd|rd|th)?\s++(?:de\s++)?"
    rf"(?P<m>{_MONTH})(?:,?\s++(?P<y>{_YEAR}))?"
    rf"|(?<![^\W\d_])(?P<m2>{_MONTH})\s*+(?P<da2>[0-3]?\d)(?:st|nd|rd|th)?\s*+"
    rf"(?:-|–|—|to|through|thru|and)\s*+(?P<db2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
    rf"(?!\s*+(?:h\b|[ap]\.?\s?m\b))(?:,?\s++(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
ONE_DATE = re.compile(rf"(?=\w){_date('q')}", re.IGNORECASE)
# A start: a date and a time, in either order.
START = re.compile(rf"(?=\w){_LEAD}{_instant('s')}", re.IGNORECASE)
_NUMBER_WORDS = {
    "one": 1, "an": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "un": 1, "une": 1, "deux": 2, "trois": 3,
    "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "douze": 12,
    "half": 0.5, "demi": 0.5,
}  # fmt: skip
_NUMBER = rf"(?:\d{{1,3}}(?:[.,]\d)?|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
# "30 à 60 minutes" is read as its upper bound; "1h30", "1 h 30" as 90 minutes.
_AMOUNT = (
    rf"(?:{_NUMBER}\s*+(?:à|a|to|-|–|or|ou)\s*+)?(?P<n>{_NUMBER})\s*+(?:-|\s)?"
    r"(?P<u>hours?|hrs?|h|heures?|minutes?|mins?)(?:\s*+(?P<m>[0-5]\d)(?!\d))?\b"
    r"|(?P<q>(?:(?:a|an|one|un|une|le|the)\s+)?(?:quarter|quart|half|demi)(?:\s+|-)(?:an\s+|d['’]\s*)?"
    r"(?:hour|heure))"
)
DURATION = re.compile(
    r"\b(?:for|lasting|last|lasts|take|takes|exceed|of|pour|pendant|durant|durer|durera|dure"
    r"|duration|durée|prendre|prendra|dépasser|dépassera|(?:n['’]\s?)?exc[éè]d\w*(?:\s+pas)?|within|under|than|moins\s+de|up\s+to"
    r"|jusqu['’]à|environ|approximately|about|around)(?:\s*+[:(]\s*+)?\s*+"
    r"(?:(?:about|approximately|approx\.?|around|roughly|up\s+to|at\s+most|no\s+more\s+than"
    r"|less\s+than|under|environ|approximativement|près\s+de|jusqu['’]à|au\s+plus|moins\s+de"
    r"|un\s+maximum\s+de|maximum|le|la|the|an?|une?|de|d['’])\s*+)*"
    rf"(?:{_AMOUNT})",
    re.IGNORECASE,
)
RECUR = re.compile(
    r"\b(?:(?:each|every)\s+(?:night|evening|day|morning|weeknight|weekday)|nightly|daily"
    r"|chaque\s+(?:nuit|soir|jour|matin)|tous\s+les\s+(?:soirs|jours|matins)"
    r"|toutes\s+les\s+nuits|(?:les\s+)?nuits\s+du)\b",
    re.IGNORECASE,
)
WEEKDAY_RANGE = re.compile(
    rf"\b(?:du\s+|from\s+)?(?P<a>{_WD})\s*+(?:au|to|through|thru|-|–)\s*+(?P<b>{_WD})"
    r"(?!\s*+,?\s*+(?:le\s+|the\s+)?\d)",
    re.IGNORECASE,
)
_TO_CLOCK = re.compile(r"\b(?:à|to|until|till|et|and)\s*+$", re.IGNORECASE)
# A time alone opens a window only when said as a start: "at 18:15", « dès 9 h », "starting 8am".
_AT_CLOCK = re.compile(
    r"\b(?:at|à|dès|from|starting|beginning|à\s+partir\s+de|à\s+compter\s+de)\s++\d",
    re.IGNORECASE,
)
_NEAR = 60
_NEAR_RANGE = 90
_NEAR_DURATION = 160
_NEAR_DAYS = 300  # a first and a last day of one sentence


@dataclass(frozen=True, slots=True)
class _Piece:
    kind: str  # "full", "times", "dates", "date", "start", "duration"
    begin: int
    finish: int
    window: WindowMatch | None = None
    date: DatePart | None = None
    until: DatePart | None = None
    duration: timedelta | None = None
    days: tuple[tuple[int, DatePart], ...] = ()  # "les 7, 14 et 21 juin": where, which day


# "Avis mis à jour le 16 octobre 2025 - 17 h 42", "Posted March 3, 2024": not a window.
_PUBLISHED = re.compile(
    r"(?:(?:last\s+)?updated|posted|published|issued|dated|modified|mis\s+à\s+jour|publié"
    r"|modifié|diffusé|révisé|date\s+de\s+(?:publication|parution|mise\s+à\s+jour))"
    r"(?:\s+(?:on|le|the|:))?[\s:,]*+$",
    re.IGNORECASE,
)


def _published(text: str, begin: int) -> bool:
    line_start = text.rfind("\n", 0, begin) + 1
    before = text[max(line_start, begin - 60) : begin]
    return _PUBLISHED.search(before) is not None


_AT_ONLY = re.compile(r"\s*+,?\s*+(?:à|a|at|@|[-–—])\s*+", re.IGNORECASE)


def _as_piece(window: WindowMatch) -> _Piece:
    """ "le 19 février 2020 à 12h30", "Sunday, October 21, 2018 - 8:00am" read as a window
    from a date to a time; it is a start."""
    start, end = window.start, window.end
    if start.date is not None and start.time is None and end.time is not None and end.date is None:
        date_end = window.text.find(str(start.date.day)) if start.date.day else -1
        middle = re.search(
            r"\s*+,?\s*+(?:à|a|at|@|[-–—])\s*+(?=\d|midi|minuit|noon|midnight)", window.text
        )
        if date_end >= 0 and middle is not None and _AT_ONLY.fullmatch(middle.group(0)):
            instant = InstantPart(start.date, end.time, start.zone or end.zone)
            return _Piece(
                "start", window.begin, window.finish,
                window=WindowMatch(instant, InstantPart(None, None, None), window.begin,
                                   window.finish, window.text),
            )  # fmt: skip
    return _Piece(_kind(window), window.begin, window.finish, window=window)


def _kind(window: WindowMatch) -> str:
    has_time = window.start.time is not None or window.end.time is not None
    has_date = window.start.date is not None or window.end.date is not None
    if not has_date:
        return "times"
    if not has_time:
        return "dates"
    return "full"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# Cheap test for a line that may hold a range of days: two numbers joined by a connector.
_RANGE_HINT = re.compile(
    r"\d\s*+(?:au|to|through|thru|-|–|—|and|et)\s*+(?:le\s++)?(?:[^\W\d_]+\.?,?\s++)?\d",
    re.IGNORECASE,
)


def _day_ranges(text: str) -> list[_Piece]:
    found: list[_Piece] = []
    at = 0
    matches: list[re.Match[str]] = []
    hinted: list[tuple[int, int]] = []
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if _RANGE_HINT.search(line) or (
            k + 1 < len(lines) and _RANGE_HINT.search(f"{line[-40:]} {lines[k + 1][:40]}")
        ):
            # a range may run onto the next line: search this line and the next together
            end = at + len(line) + (len(lines[k + 1]) + 1 if k + 1 < len(lines) else 0)
            matches.extend(DAY_RANGE.finditer(text, at, end))
            hinted.append((at, end))
        at += len(line) + 1
    for begin, finish, days in day_lists(text, hinted):  # "7, 14 et 21 juin": "14 et 21"
        found.append(_Piece("days", begin, finish, days=days))
    seen: set[int] = set()
    for m in matches:
        if m.start() in seen or any(
            m.start() < b and m.end() > a for a, b in ((p.begin, p.finish) for p in found)
        ):
            continue
        seen.add(m.start())
        if m.group("da") is not None:
            month, year = _month(m.group("m")), m.group("y")
            a, b = int(m.group("da")), int(m.group("db"))
            wa = WEEKDAYS[m.group("wa").lower().rstrip(".")] if m.group("wa") else None
            wb = WEEKDAYS[m.group("wb").lower().rstrip(".")] if m.group("wb") else None
        else:
            month, year = _month(m.group("m2")), m.group("y2")
            a, b = int(m.group("da2")), int(m.group("db2"))
            wa = wb = None
        if not 1 <= a < b <= 31:
            continue
        y = int(year) if year else None
        found.append(
            _Piece("dates", m.start(), m.end(), date=DatePart(a, month, y, wa),
                   until=DatePart(b, month, y, wb))
        )  # fmt: skip
    return found


def _mask(text: str, pieces: list[_Piece]) -> str:
    if not pieces:
        return text
    out, at = [], 0
    for piece in pieces:
        out.append(text[at : piece.begin])
        out.append(re.sub(r"[^\n]", " ", text[piece.begin : piece.finish]))
        at = piece.finish
    out.append(text[at:])
    return "".join(out)


def _free(spans: list[tuple[int, int]], begin: int, finish: int) -> bool:
    return all(finish <= a or begin >= b for a, b in spans)


def _amount(match: re.Match[str]) -> timedelta | None:
    if match.group("q"):
        minutes = 15.0 if re.search(r"quar", match.group("q"), re.IGNORECASE) else 30.0
        return timedelta(minutes=minutes)
    raw = match.group("n").lower()
    value = float(raw.replace(",", ".")) if raw[:1].isdigit() else float(_NUMBER_WORDS[raw])
    unit = match.group("u").lower()
    minutes = value if unit.startswith("min") else value * 60
    if match.group("m") and not unit.startswith("min"):
        minutes += int(match.group("m"))
    if not 0 < minutes <= 60 * 24 * 14:
        return None
    return timedelta(minutes=minutes)


def _joinable(text: str, a: _Piece, b: _Piece, reach: int) -> bool:
    gap = text[a.finish : b.begin]
    return len(gap) <= reach and _BREAK.search(gap) is None


def _next_sentence(text: str, a: _Piece, b: _Piece, *, blank: bool = False) -> bool:
    """A duration in the start's sentence or the next one ("… à partir de 10h00. La migration
    devrait prendre moins de 30 minutes.")."""
    gap = text[a.finish : b.begin]
    if len(gap) > _NEAR_DURATION or (not blank and re.search(r"\n\s*\n", gap)):
        return False
    return len(re.findall(r"[.!?](?:\s|$)", gap)) <= 1


def _printed(text: str, ranges: list[_Piece]) -> list[WindowMatch]:
    """The windows printed whole (not publication dates nor opening hours), whole days, and
    closures from a time."""
    base = printed_windows(_mask(text, ranges)) if ranges else printed_windows(text)
    base = [replace(w, text=text[w.begin : w.finish]) for w in base] if ranges else base
    hours = may_say_hours(text)
    base = [
        w
        for w in base
        if not _published(text, w.begin) and not (hours and opening_hours(text, w.begin))
    ]
    spans = [(w.begin, w.finish) for w in base]
    base = sorted(base + [w for w in all_day(text) if _free(spans, w.begin, w.finish)],
                  key=lambda w: w.begin)  # fmt: skip
    closing = closing_from(text, [(w.begin, w.finish) for w in base])
    closing += changed_hours(text, [(w.begin, w.finish) for w in base + closing])
    if closing:  # a date "à" a time inside a closure is that closure's start
        spans = [(w.begin, w.finish) for w in closing]
        base = [w for w in base if _free(spans, w.begin, w.finish)]
        base = sorted(base + closing, key=lambda w: w.begin)
    taken = [(w.begin, w.finish) for w in base] + [(p.begin, p.finish) for p in ranges]
    days = closed_days(text, taken) if "\n" in text or len(text) > 40 else []
    days += listed_dates(text, taken + [(w.begin, w.finish) for w in days])
    return sorted(base + [w for w in days if not _published(text, w.begin)], key=lambda w: w.begin)


def find_windows(text: str) -> list[WindowMatch]:
    """Every window of `text`: printed whole, or assembled from pieces of one sentence or row."""
    text = without_stamps(text)  # "… 17 mars 2019 à 10:12": when it was written, not a window
    ranges = _day_ranges(text)
    base = _printed(text, ranges)
    bounded = [
        _Piece("end", w.begin, w.finish, window=as_end(w)) for w in base if end_bound(text, w)
    ]
    base = [w for w in base if not end_bound(text, w)]
    pieces = ranges + [_as_piece(w) for w in base]
    taken = [(p.begin, p.finish) for p in pieces]
    if (
        not any(p.kind in ("times", "dates", "days") for p in pieces)
        and DURATION.search(text) is None
        and END.search(text) is None
        and RETURN.search(text) is None
        and not bounded
    ):  # "May 28, 2019 - 7:30pm" alone is a start with no end, not a window from 0 h
        return [w for w, p in zip(base, pieces[len(ranges) :], strict=True) if p.kind != "start"]
    for m in ONE_DATE.finditer(text):
        if _free(taken, m.start(), m.end()):
            part = _date_part(m, "q")
            if part is not None and (part.day is not None or part.numeric is not None):
                pieces.append(_Piece("date", m.start(), m.end(), date=part))
    durations = []
    for m in DURATION.finditer(text):
        if m.group("m") and re.search(r"jusqu|until|up\s+to", m.group(0), re.IGNORECASE):
            continue  # "jusqu'à 2h00 du matin" is a time of day, not two hours
        if _TO_CLOCK.search(text, max(0, m.start() - 12), m.start()):
            continue  # "de 5 h 30 à environ 20 h 30": the end of a range, not a duration
        amount = _amount(m)
        if amount is not None and _free(taken, m.start(), m.end()):
            durations.append(_Piece("duration", m.start(), m.end(), duration=amount))
    if durations:
        starts = []
        lasting = [(d.begin, d.finish) for d in durations]
        for m in START.finditer(text):
            instant = _instant_part(m, "s")
            # "at 18:15 CEST. This shouldn't take longer than 30 minutes": a time with no date
            # is a start too; its date is read from the context (undated.py) or it is set aside.
            complete = _dated(instant) or (
                instant.time is not None
                and instant.date is None
                and _free(lasting, *m.span())
                and _AT_CLOCK.search(text, max(0, m.start() - 14), m.end()) is not None
            )
            if complete and _free(taken, m.start(), m.end()):
                starts.append(_Piece("start", m.start(), m.end(), window=_start(m, instant)))
        spans = [(p.begin, p.finish) for p in starts]
        pieces += starts + [d for d in durations if _free(spans, d.begin, d.finish)]
    elif END.search(text) is not None or bounded:
        ends = []
        for m in END.finditer(text):
            end = _instant_part(m, "e")
            if end.time is not None and _free(taken, m.start("w"), m.end()):
                ends.append(
                    _Piece("end", m.start(), m.end(), window=WindowMatch(
                        InstantPart(None, None, None), end, m.start(), m.end(), m.group(0)))
                )  # fmt: skip
        spans = taken + [(p.begin, p.finish) for p in ends]
        starts = []
        for m in START.finditer(text):
            instant = _instant_part(m, "s")
            complete = _dated(instant)
            if complete and _free(spans, m.start(), m.end()):
                starts.append(_Piece("start", m.start(), m.end(), window=_start(m, instant)))
        if starts:
            pieces += starts + ends
    pieces = _apart(text, taken, pieces + bounded)
    pieces.sort(key=lambda p: (p.begin, -p.finish))
    return reopened(text, [_closed(text, w) for w in _assemble(text, pieces)])


def _closed(text: str, w: WindowMatch) -> WindowMatch:
    """ "Saturday, April 19 (5-10 p.m.)": the bracket opened in the window closes with it."""
    if w.text.count("(") > w.text.count(")") and text[w.finish : w.finish + 1] == ")":
        return replace(w, finish=w.finish + 1, text=text[w.begin : w.finish + 1])
    return w


def _apart(text: str, taken: list[tuple[int, int]], pieces: list[_Piece]) -> list[_Piece]:
    """The bounds said apart (notices/apart.py): whole days, ends said as a return."""
    bounds = [
        _Piece(kind, begin, finish, date=day)
        for kind, begin, finish, day in day_bounds(text, taken)
    ]
    bounds += _returns(text, taken, pieces, first_days=bool(bounds))
    if bounds:  # a lone date inside a first or last day is that day's
        spans = [(p.begin, p.finish) for p in bounds]
        pieces = [p for p in pieces if p.kind != "date" or _free(spans, p.begin, p.finish)]
        pieces += bounds
    return pieces


def _dated(instant: InstantPart) -> bool:
    """A start with a time and a calendar date (a weekday alone is not enough to join)."""
    date = instant.date
    return (
        date is not None
        and instant.time is not None
        and (date.day is not None or date.numeric is not None)
    )


def _start(m: re.Match[str], instant: InstantPart) -> WindowMatch:
    return WindowMatch(instant, InstantPart(None, None, None), m.start(), m.end(), m.group(0))


def _assemble(text: str, pieces: list[_Piece]) -> list[WindowMatch]:
    out: list[WindowMatch] = []
    used: set[int] = set()
    for i, piece in enumerate(pieces):
        if i in used:
            continue
        made = None
        for j in range(i + 1, min(i + 4, len(pieces))):
            if j in used:
                continue
            each = _each_day(text, piece, pieces[j])
            if each:
                out.extend(each[:-1])
                made = each[-1]
                used.add(j)
                break
            made = _pair(text, piece, pieces[j])
            if made is not None:
                used.add(j)
                break
            if pieces[j].kind in ("full", "times") or piece.kind == pieces[j].kind == "start":
                break  # a later start takes the end that follows it
        if made is not None:
            out.append(made)
        elif piece.window is not None and piece.kind not in ("start", "end", "return"):
            out.append(every_weekday(text, piece.window) if piece.kind == "dates" else piece.window)
        elif piece.kind in ("dates", "days"):  # "du 3 au 7 juin", "les 25 et 26 décembre"
            out += whole_day_windows(text, piece.begin, piece.finish, piece.date, piece.until,
                                     list(piece.days))  # fmt: skip
    return out


def _each_day(text: str, a: _Piece, b: _Piece) -> list[WindowMatch]:
    """Days listed and a time range: one window a day ("June 7, 14 and 21, 2025 from 10 to
    11 p.m.", « de 22 h à 23 h les samedis 7, 14 et 21 juin »)."""
    if {a.kind, b.kind} != {"days", "times"} or a.finish > b.begin:
        return []
    if (
        not _joinable(text, a, b, _NEAR_RANGE)
        or opening_hours(text, a.begin)
        or opening_hours(text, b.begin)
    ):
        return []  # "il est ouvert les 26 décembre et 2 janvier, de 12 h à 16 h 30"
    days, times = (a, b) if a.kind == "days" else (b, a)
    w = times.window
    assert w is not None
    # each day's window begins at its number, so that each is named and kept as its own
    return [
        WindowMatch(InstantPart(day, w.start.time, w.start.zone), w.end, max(at, a.begin),
                    b.finish, text[max(at, a.begin) : b.finish])
        for at, day in ((a.begin, d) if k == 0 else (at, d) for k, (at, d) in enumerate(days.days))
    ]  # fmt: skip


def _pair(text: str, a: _Piece, b: _Piece) -> WindowMatch | None:
    kinds = {a.kind, b.kind}
    if kinds == {"dates", "times"} and _joinable(text, a, b, _NEAR_RANGE):
        return _repeated(text, a if a.kind == "dates" else b, b if a.kind == "dates" else a, a, b)
    if kinds == {"date", "times"} and _joinable(text, a, b, _NEAR):
        day, times = (a, b) if a.kind == "date" else (b, a)
        assert times.window is not None
        assert day.date is not None
        w = times.window
        opening = w.start.time
        if opening is not None and opening.end_of_day and times is a:
            opening = TimePart(0, 0)  # "de minuit à 3 h ce vendredi 17 octobre": 0 h on the 17th
        start = InstantPart(day.date, opening, w.start.zone)
        return WindowMatch(start, w.end, a.begin, b.finish, text[a.begin : b.finish])
    if a.kind == "first day" and b.kind == "last day" and _joinable(text, a, b, _NEAR_DAYS):
        assert a.date is not None
        assert b.date is not None
        return WindowMatch(InstantPart(a.date, None, None), InstantPart(b.date, None, None),
                           a.begin, b.finish, text[a.begin : b.finish], tentative=True)  # fmt: skip
    if a.kind == "first day" and b.kind == "return" and said_apart(text, a.finish, b.begin):
        assert a.date is not None
        assert b.window is not None
        if _before(InstantPart(a.date, None, None), b.window.end):
            return _returned(text, a, b, InstantPart(a.date, None, None))
    if a.kind == "start" and b.kind == "return" and said_apart(text, a.finish, b.begin):
        assert a.window is not None
        assert b.window is not None
        if _before(a.window.start, b.window.end):  # placed at its start: named there
            return _returned(text, a, b, a.window.start)
    if a.kind == "start" and b.kind == "end" and _next_sentence(text, a, b, blank=True):
        assert a.window is not None
        assert b.window is not None
        return WindowMatch(
            a.window.start, b.window.end, a.begin, b.finish, text[a.begin : b.finish]
        )
    if a.kind == "start" and b.kind == "duration" and _next_sentence(text, a, b):
        assert a.window is not None
        return replace(
            a.window, finish=b.finish, text=text[a.begin : b.finish], duration=b.duration
        )
    return None


def _returned(text: str, a: _Piece, b: _Piece, start: InstantPart) -> WindowMatch:
    """A start (or a first day) closed by a return said later, placed at its start."""
    assert b.window is not None
    said = " ".join(text[b.begin : b.finish].split())
    return WindowMatch(start, b.window.end, a.begin, a.finish, text[a.begin : a.finish],
                       note=f"ends as a later sentence says (“{said}”)",
                       note_code="notice.end_said_later", note_args=(("said", said),))  # fmt: skip


def _returns(
    text: str, taken: list[tuple[int, int]], pieces: list[_Piece], *, first_days: bool = False
) -> list[_Piece]:
    """Ends said as a return ("services are expected to be restored at 7:00 a.m. on Monday,
    June 9", « le service sera rétabli le lundi 9 juin à 7 h »), and the starts they close."""
    found = returns(text)
    if not found:
        return []
    spans = [(begin, finish) for begin, finish, _ in found]
    ends = [
        _Piece("return", begin, finish, window=WindowMatch(InstantPart(None, None, None), end,
                                                           begin, finish, text[begin:finish]))
        for begin, finish, end in found
        if _free([t for t in taken if not _inside(t, begin, finish)], begin, finish)
    ]  # fmt: skip
    # a date "à" a time inside the return is its end, not a start
    pieces[:] = [p for p in pieces if p.kind != "start" or _free(spans, p.begin, p.finish)]
    if first_days or any(p.kind == "start" for p in pieces):
        return ends
    starts = []
    for m in START.finditer(text):
        instant = _instant_part(m, "s")
        if _dated(instant) and _free(taken + spans, m.start(), m.end()):
            starts.append(_Piece("start", m.start(), m.end(), window=_start(m, instant)))
    return starts + ends if starts else []


def _inside(span: tuple[int, int], begin: int, finish: int) -> bool:
    return begin <= span[0] and span[1] <= finish


def _before(start: InstantPart, end: InstantPart) -> bool:
    """Far pieces join only when the end's date is not before the start's (same year)."""
    a, b = start.date, end.date
    if a is None or b is None or None in (a.day, a.month, b.day, b.month):
        return b is None or a is None
    return (a.month, a.day) <= (b.month, b.day) or (a.year is not None and b.year is not None
                                                    and a.year < b.year)  # fmt: skip


def _repeated(text: str, days: _Piece, times: _Piece, a: _Piece, b: _Piece) -> WindowMatch | None:
    assert times.window is not None
    if days.window is not None:  # "from June 3 to June 7": a printed window of dates only
        first, last = days.window.start.date, days.window.end.date
    else:
        first, last = days.date, days.until
    if first is None or last is None or last.day is None:
        return None
    begin, finish = a.begin, b.finish
    sentence_from = max(0, begin - 120)
    around = text[sentence_from : min(len(text), finish + 60)]
    weekdays = None
    pick = WEEKDAY_RANGE.search(around)
    if pick is not None:
        lo = WEEKDAYS[pick.group("a").lower().rstrip(".")]
        hi = WEEKDAYS[pick.group("b").lower().rstrip(".")]
        weekdays = frozenset((lo + k) % 7 for k in range((hi - lo) % 7 + 1))
    w = times.window
    if ONE_NIGHT.search(text[max(0, begin - 30) : begin + 4]) and next_day(first, last):
        return one_night(text, w, first, last, begin, finish)
    note = None
    if RECUR.search(around) is None and pick is None:
        note = "read as repeated each day of the range (the notice does not say “each night”)"
    return WindowMatch(
        InstantPart(first, w.start.time, w.start.zone),
        InstantPart(None, w.end.time, w.end.zone),
        begin,
        finish,
        text[begin:finish],
        until=last,
        weekdays=weekdays,
        note=note,
        note_code="notice.repeated_each_day" if note else "",
    )


__all__ = ["DAY_RANGE", "DURATION", "WINDOW", "find_windows"]
