"""The bounds of a window said apart, with no printed window joining them (round 3).

- an end said apart from its start: "… jusqu'à 2h00 du matin", "by 6 a.m. on Wednesday" (`END`);
- an end said as a return, up to a few sentences after its start: "Online services are expected
  to be restored at 7:00 a.m. on Monday", « le service sera rétabli le lundi 9 juin à 7 h »;
- whole days: a range of days with no time in a sentence that says something stops (« du 3 au
  7 juin », "June 1-3"), or a first and a last day said apart (« à partir du samedi 7 juin, et
  ce jusqu'au lundi 9 juin inclus »). Such windows are tentative: a row only when named.

Every pattern is linear in its input, as in `when`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from preavis.notices.when import (
    _MONTH,
    _WD,
    _YEAR,
    MONTHS,
    WEEKDAYS,
    DatePart,
    InstantPart,
    TimePart,
    WindowMatch,
    _date,
    _date_part,
    _instant,
    _instant_part,
    _time,
    _time_part,
)

# What may separate two pieces of one window: no sentence end, no blank line, no bullet.
BREAK = re.compile(r"[.!?](?:\s|$)|\n\s*\n|\n\s*(?:[•●▪◦○■□►▸‣⁃*·]|[-–—]\s)")
END = re.compile(
    rf"\b(?:until|till|by|through|jusqu['’]?\s?(?:à|au)|au\s+plus\s+tard\s+(?:à|le))\s++"
    rf"(?:(?:about|approximately|around|environ|vers)\s++)?(?P<w>{_instant('e', end=True)})",
    re.IGNORECASE,
)
# A return: the words that say the service is back, a few words, then a dated instant.
RETURN = re.compile(
    r"\b(?:restored|back\s+(?:up|online|on\s*line|in\s+service)(?:\s+and\s+running)?"
    r"|resumes?|resumed|reopens?|reopened|available\s+again|completed?"
    r"|rétablie?s?|remise?s?\s+en\s+(?:service|ligne|eau|route|circulation)|de\s+retour"
    r"|reprendra|reprendront|rouvrira|rouvriront|réouverture)\b"
    rf"[^.!?\n\d]{{0,60}}?(?P<w>{_instant('e', end=True)})",
    re.IGNORECASE,
)
# A start said as a day alone: « à partir du samedi 7 juin », "beginning Saturday, June 7".
DAY_START = re.compile(
    r"\b(?:(?:[àa]\s+partir|[àa]\s+compter)\s+(?:du|de(?:\s+ce)?)|(?:dès|depuis)\s+(?:le|ce)"
    r"|débuté\s+le|commencera\s+le"
    rf"|(?:beginning|starting|commencing|as\s+of|effective)(?:\s+this)?"
    r"|(?:for\s+)?all(?:\s+day)?(?:\s+of)?"
    r"|(?:pendant\s+)?toute\s+la\s+journée\s+(?:du|de)"
    rf")\s++(?:on\s++)?{_date('a')}",
    re.IGNORECASE,
)
# "2 et 3 mai" names two days, not a range; "les nuits du 23 au 25" waits for its hours.
_LISTED = re.compile(r"\d(?:er|re|st|nd|rd|th)?\s*+(?:and|et)\s", re.IGNORECASE)
_RANGE_BETWEEN = re.compile(r"(?:between|entre)\s", re.IGNORECASE)  # "entre le 7 et le 12"
_NIGHTS = re.compile(r"\b(?:nuits?|nights?|overnight|soirs?|evenings?)\b[^.\n]*+$", re.IGNORECASE)
# Whole days are a window only in a sentence that says something stops.
_STOPS = re.compile(
    r"\b(?:shut\s*down|shutdowns?|down|offline|unavailable|not\s+(?:be\s+)?available|closed?|closes"
    r"|ferment|fermer|ferme(?=\s+(?:ses|leurs?|les|ces|temporairement|exceptionnellement|\w+\s+\d))"
    r"|closures?|outages?|interruptions?|disruptions?|maintenance|no\s+(?:service|access|trains?)"
    r"|interrompue?s?|fermée?s?|fermetures?|coupures?|indisponibles?|indisponibilités?"
    r"|hors\s+service|travaux|aucune?\s+(?:service|train|accès)|ne\s+circulera)\b",
    re.IGNORECASE,
)
# Opening hours are not interruptions: "regular business hours are 7:00 a.m. to 12:00 p.m.",
# "(open 7:30 to 8 a.m.)", « nos heures d'ouverture sont de 8 h 30 à 16 h 30 ».
_HOURS = re.compile(
    r"\b(?:(?:regular|normal|usual|business|office|opening|operating|service)\s+hours"
    r"|hours\s+of\s+(?:operation|service|business)"
    r"|heures\s+(?:normales\s+|habituelles\s+|régulières\s+)?(?:d['’]\s?ouverture|d['’]\s?affaires"
    r"|de\s+bureau|de\s+service)|horaires?\s+(?:d['’]\s?ouverture|habituels?|normaux))\b"
    r"[^!?\n]*+$"
    r"|\b(?:open|opens|re-?open|ouvert|ouverte|ouverts|ouvertes|ouvre|ouvrira)\s*+(?:from|de|:)?\s*+$",
    re.IGNORECASE,
)
# A sentence end, not the point of "a.m." or "p.m.".
_SENTENCE = re.compile(r"(?<!\.m)(?<!\b[ap]m)[.!?]\s++(?=[A-ZÀ-Ý«\"“(])")
_OPEN = re.compile(
    r"(?<!\bnot\s)(?<!\bpas\s)\b(?:is|are|will\s+be|stays?|remains?|est|sont|sera|seront|restera"
    r"|resteront)\s+(?:open|ouverte?s?)\b",
    re.IGNORECASE,
)
# A closure from a time on one or two dates, no end printed: « Mercredi 24 décembre 2025 et
# mercredi 31 décembre 2025 à partir de 16h », "Wednesday, December 24 from 4 p.m.".
CLOSING_FROM = re.compile(
    rf"(?=\w){_date('c')}(?:[ \t]*+(?:,|et|and)[ \t]*+{_date('k')})?[ \t]*+,?[ \t]*+"
    r"(?:à\s+partir\s+de|dès|from|starting\s+at|beginning\s+at|as\s+of)\s++"
    rf"{_time('c')}(?!\s*+(?:-|–|—|to|à|au|until|till|through|jusqu|et|and)\b)",
    re.IGNORECASE,
)
_FROM_HINT = re.compile(
    r"\b(?:à\s+partir\s+de|dès|from|starting\s+at|beginning\s+at|as\s+of)\s++\d", re.IGNORECASE
)
_CLOSED = re.compile(
    r"\b(?:closed?|closes|closing|closures?|fermée?s?|fermetures?|fermera|fermeront|ferment|fermer"
    r"|ferme(?=\s+(?:ses|leurs?|les|ces|temporairement|exceptionnellement|\w+\s+\d)))\b",
    re.IGNORECASE,
)
# Days listed under one month: « les samedis 7, 14 et 21 juin 2025 », "June 7, 14 and 21, 2025",
# three or more with no conjunction (« les 24, 25, 26, 28, 31 décembre »), and two-day items
# (« les fins de semaine des 23-24 et 30-31 août »).
_ORD = r"(?:er|re|e|st|nd|rd|th)?"
_ITEM = rf"[0-3]?\d{_ORD}(?:[-–][0-3]?\d{_ORD}(?![\d:]))?"
DAY_LIST = re.compile(
    rf"(?<![\d/:.,])(?<!h\s)(?<!h)(?:(?:{_WD})s?,?[ \t]++)?(?P<a>{_ITEM})"
    rf"(?P<more>(?:[ \t]*+,[ \t]*+"
    rf"(?:(?:{_WD})[ \t]++)?{_ITEM}){{0,8}}+)[ \t]*+,?[ \t]*+(?:et|and|&)[ \t]++"
    rf"(?:(?:le|the)[ \t]++)?(?:(?:{_WD})[ \t]++)?(?P<z>{_ITEM})[ \t]++"
    rf"(?:de[ \t]++|of[ \t]++)?(?P<m>{_MONTH})(?:,?[ \t]++(?P<y>{_YEAR}))?"
    rf"|(?<![\d/:.,])(?<!h\s)(?<!h)(?P<a3>{_ITEM})(?P<more3>(?:[ \t]*+,[ \t]*+{_ITEM}){{2,8}}+)"
    rf"[ \t]++(?:de[ \t]++)?(?P<m3>{_MONTH})(?:,?[ \t]++(?P<y3>{_YEAR}))?"
    rf"|(?<![^\W\d_])(?P<m2>{_MONTH})[ \t]++(?P<a2>[0-3]?\d){_ORD}(?P<more2>(?:[ \t]*+,[ \t]*+"
    rf"[0-3]?\d{_ORD}){{0,8}}+)[ \t]*+,?[ \t]*+(?:and|&)[ \t]++(?P<z2>[0-3]?\d){_ORD}"
    rf"(?![\d:]|[ \t]*+(?:[ap]\.?[ \t]?m|h\b))(?:,?[ \t]++(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
_LIST_HINT = re.compile(
    r"\d(?:er|re|e|st|nd|rd|th)?[ \t]*+(?:et|and|&)[ \t]++(?:(?:le|the)[ \t]++)?"
    r"(?:[^\W\d_]+[ \t]++)?\d"
    r"|(?<!\d)\d\d?(?:er|e)?[ \t]*+,[ \t]*+\d\d?[ \t]*+,[ \t]*+\d\d?(?!\d)",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:between|entre)[ \t]++(?:(?:le|the)[ \t]++)?$", re.IGNORECASE)
_ITEM_DAYS = 3  # an item "23-24" is a weekend or a few days, not a month
_DAY_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?:er|re|e|st|nd|rd|th)?(?:[-–](\d{1,2}))?(?!\d)")
_DATE_ALONE = re.compile(
    rf"(?=\w){_date('o')}(?![^\W\d_])(?![ \t]*+,?[ \t]*+(?:(?:à|a|at|@|de|from|dès|entre"
    r"|between|starting"
    r"|beginning|compter|partir|-|–)[ \t]*+)*\d)",
    re.IGNORECASE,
)
# A time right before a date is that date's ("à partir de 12 h le vendredi 6 juin").
_TIMED_BEFORE = re.compile(
    r"(?:\d[ \t]*+(?:h\d*|[ap]\.?[ \t]?m\.?|:\d\d)|noon|midnight|midi|minuit)[ \t]*+,?[ \t]*+"
    r"(?:(?:le|on|the)[ \t]++)?$",
    re.IGNORECASE,
)
_BOUND_BEFORE = re.compile(
    r"\b(?:(?:beginning|starting|commencing|as\s+of|effective)(?:\s+this)?|until|till|through"
    r"|by|du|au|(?:partir|compter)\s+(?:du|de(?:\s+ce)?)|(?:dès|depuis)\s+(?:le|ce)|débuté\s+le"
    r"|jusqu['’]?\s?au)[ \t]++(?:on[ \t]++)?$",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(rf"(?<![^\W\d_]){_MONTH}(?![^\W\d_])", re.IGNORECASE)
# "tous les samedis du 12 juillet au 23 août", "every Saturday from July 12 to August 23".
_EVERY = re.compile(
    rf"\b(?:tous\s+les|chaque|every|each)\s+(?P<wd>{_WD})s?[ \t,]*+"
    r"(?:(?:from|du|between|entre)[ \t]++)?$",
    re.IGNORECASE,
)
_FAR = 600  # a return closes a start of the same paragraph, at most this far
_FAR_SENTENCES = 4


def _free(spans: list[tuple[int, int]], begin: int, finish: int) -> bool:
    return all(finish <= a or begin >= b for a, b in spans)


def whole_day_windows(
    text: str, begin: int, finish: int, first: DatePart | None, last: DatePart | None,
    days: list[tuple[int, DatePart]],
) -> list[WindowMatch]:  # fmt: skip
    """Whole days that no time joined: a range ("du 3 au 7 juin", "June 1-3": 0 h on the first
    to the end of the last), or days listed ("les 25 et 26 décembre et les 1er et 2 janvier":
    one window per run of consecutive days, each beginning where its first day is printed, so
    that each is kept as its own); tentative (a row only when named), and the resolver warns
    that no time is printed."""
    if not whole_days(text, begin, finish, listed=bool(days)):
        return []
    runs: list[tuple[int, DatePart, DatePart]] = (
        [] if days else [(begin, first, last)] if first and last else []
    )
    for at, day in days:
        previous = runs[-1][2] if runs else None
        if previous is not None and previous.day is not None and day.day == previous.day + 1:
            runs[-1] = (runs[-1][0], runs[-1][1], day)
        else:
            runs.append((max(at, begin) if runs else begin, day, day))
    return [
        every_weekday(text, WindowMatch(InstantPart(a, None, None), InstantPart(b, None, None),
                                        at, finish, text[at:finish], tentative=True))
        for at, a, b in runs
    ]  # fmt: skip


def whole_days(text: str, begin: int, finish: int, *, listed: bool = False) -> bool:
    """A range of days that no time joined is whole days when its sentence says something
    stops, unless it lists two days ("2 et 3 mai") or counts nights ("dans les nuits du 23 au
    25 octobre")."""
    printed = text[begin:finish]
    opening = max(text.rfind(".", 0, begin), text.rfind("\n", 0, begin)) + 1
    before = text[max(opening, begin - 200) : begin]
    closing = BREAK.search(text, finish)
    after = text[finish : min(closing.start() if closing else len(text), finish + 200)]
    return (
        (listed or _LISTED.search(printed) is None or _RANGE_BETWEEN.match(printed) is not None)
        and _NIGHTS.search(before) is None
        and _stops(f"{before} {after}")
    )


_NEGATED = re.compile(r"\b(?:no|without|sans|aucune?|pas\s+de|not)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _stops(sentence: str) -> bool:
    """The sentence says something stops ("with no interruption of service" does not)."""
    return any(not _NEGATED.search(sentence, 0, m.start()) for m in _STOPS.finditer(sentence))


def day_bounds(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int, DatePart]]:
    """A first day said as a start and a last day said as an end, no time printed: « à partir
    du samedi 7 juin, et ce jusqu'au lundi 9 juin inclus » ("first day", "last day")."""
    ends = []
    for m in END.finditer(text):
        end = _instant_part(m, "e")
        day = end.date if end.time is None else None
        if day is not None and day.day is not None and _free(taken, m.start("w"), m.end()):
            ends.append(("last day", m.start(), m.end(), day))
    if not ends and RETURN.search(text) is None:  # a first day may end with a return
        return []
    starts = []
    for m in DAY_START.finditer(text):
        part = _date_part(m, "a")
        if part is not None and part.day is not None and _free(taken, m.start(), m.end()):
            starts.append(("first day", m.start(), m.end(), part))
    return starts + ends if starts and (ends or RETURN.search(text)) else []


def returns(text: str) -> list[tuple[int, int, InstantPart]]:
    """Ends said as a return, with a date and a time."""
    found = []
    for m in RETURN.finditer(text):
        end = _instant_part(m, "e")
        date = end.date
        if end.time is not None and date is not None and date.day is not None:
            found.append((m.start(), m.end(), end))
    return found


def said_apart(text: str, finish: int, begin: int) -> bool:
    """A start and a return a few sentences apart: in one paragraph, or the return opening
    the next one ("… down for all of Friday, March 26." then "All services are expected to be
    back up and running March 29 at 8 a.m.")."""
    gap = text[finish:begin]
    breaks = list(re.finditer(r"\n\s*\n", gap))
    if len(gap) > _FAR or len(breaks) > 1:
        return False
    if breaks and re.search(r"[.!?](?:\s|$)", gap[breaks[0].end() :]):
        return False  # the return must open the next paragraph
    return len(re.findall(r"[.!?](?:\s|$)", gap)) <= _FAR_SENTENCES


_HOURS_HINT = re.compile(r"hours|heures|horaire|open|ouvert|ouvre", re.IGNORECASE)


def may_say_hours(text: str) -> bool:
    """Cheap test: whether `text` has a word that opening hours need."""
    return _HOURS_HINT.search(text) is not None


def opening_hours(text: str, begin: int) -> bool:
    """A window said as opening hours ("City Hall regular business hours are 7:00 a.m. to …",
    "(open 7:30 to 8 a.m.)"), not an interruption."""
    opening = max(text.rfind("\n", 0, begin) + 1, begin - 200)
    for end in _SENTENCE.finditer(text, opening, begin):
        opening = end.end()
    if _HOURS.search(text, opening, begin) is not None:
        return True
    # "il est ouvert de 8 h 30 à 13 h; les 26 décembre et 2 janvier, de 12 h à 16 h 30": the
    # sentence's later windows are hours too, unless something stops in between
    said = [m.end() for m in _OPEN.finditer(text, opening, begin)]
    return bool(said) and _STOPS.search(text, said[-1], begin) is None


def weekday_order(part: DatePart) -> str | None:
    """The order ("dmy" or "mdy") that a numeric date's printed weekday tells, when only one
    of the two readings falls on it ("Tuesday 07/08/2014" is July 8)."""
    if part.numeric is None or part.weekday is None or part.year is None:
        return None
    a, b = part.numeric
    fits = set()
    for order, (day, month) in (("dmy", (a, b)), ("mdy", (b, a))):
        try:
            if date(part.year, month, day).weekday() == part.weekday:
                fits.add(order)
        except ValueError:
            continue
    return fits.pop() if len(fits) == 1 else None


def closing_from(text: str, taken: list[tuple[int, int]]) -> list[WindowMatch]:
    """A closure from a time on a date with no end printed: the rest of that day, with a
    warning; only where its sentence (or the lead-in of its list) says something is closed."""
    if _CLOSED.search(text) is None:
        return []
    found = []
    near = [(max(0, h.start() - 120), h.end() + 40) for h in _FROM_HINT.finditer(text)]
    seen: set[int] = set()
    for m in (m for a, b in near for m in CLOSING_FROM.finditer(text, a, b)):
        if m.start() in seen:
            continue
        seen.add(m.start())
        if not _free(taken, m.start(), m.end()):
            continue
        opening = max(text.rfind(".", 0, m.start()), m.start() - 300)
        if _CLOSED.search(text, opening + 1, m.end()) is None:
            continue
        time = _time_part(m, "c")
        days = [d for d in (_date_part(m, "c"), _date_part(m, "k")) if d is not None]
        for day in days:
            if time is None or day.day is None:
                continue
            whole = TimePart(0, 0, end_of_day=True, word="")
            found.append(
                WindowMatch(InstantPart(day, time, None), InstantPart(day, whole, None),
                            m.start(), m.end(), m.group(0),
                            note="prints no end: read as closed for the rest of that day",
                            note_code="notice.no_end_rest_of_day")
            )  # fmt: skip
    return found


# "la nuit du 19 au 20 février (1 h à 4 h)", "the night of June 3 to 4": one night, not two.
ONE_NIGHT = re.compile(
    r"\b(?:nuit|night|overnight)\s+(?:(?:du|de|of|from)\s+)?(?:\w+\s+)?$"
    r"|\b(?:nuit|night|overnight)\s+(?:du|of|from)\b",
    re.IGNORECASE,
)


def next_day(first: DatePart, last: DatePart) -> bool:
    if first.day is None or last.day is None:
        return False
    if first.month is None or last.month is None or first.month == last.month:
        return last.day == first.day + 1
    return last.day == 1 and (last.month - first.month) % 12 == 1


def one_night(
    text: str, w: WindowMatch, first: DatePart, last: DatePart, begin: int, finish: int
) -> WindowMatch:
    """The night's times: from the evening of its first day, or (both after midnight) on the
    morning of its second day."""
    start, end = w.start.time, w.end.time
    month = first.month or last.month
    first = replace(first, month=month, year=first.year or last.year)
    if (
        start is not None
        and end is not None
        and (start.hour, start.minute) < (end.hour, end.minute)
    ):
        day = last if start.hour < 12 else first
        return WindowMatch(
            InstantPart(day, start, w.start.zone), InstantPart(day, end, w.end.zone),
            begin, finish, text[begin:finish],
        )  # fmt: skip
    return WindowMatch(
        InstantPart(first, start, w.start.zone), InstantPart(last, end, w.end.zone),
        begin, finish, text[begin:finish],
    )  # fmt: skip


_COMMAS_HINT = re.compile(r"(?<!\d)\d\d?(?:er|e)?[ \t]*+,[ \t]*+\d\d?[ \t]*+,[ \t]*+\d\d?(?!\d)")


def _comma_lines(lines: list[str]) -> list[tuple[int, int]]:
    """The spans of the lines that may list three days or more with commas only (« les 24, 25,
    26, 28, 31 décembre »), for `day_lists`."""
    spans, at = [], 0
    for line in lines:
        if _COMMAS_HINT.search(line):
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def day_lists(
    text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int, tuple[tuple[int, DatePart], ...]]]:
    """Days listed under one month, each a day of its own (not a range), with where each
    day's number is printed; looked for only in `spans` (lines that join two numbers) and in
    the lines that print three numbers joined by commas."""
    found = []
    seen: set[int] = set()
    spans = spans + _comma_lines(text.split("\n"))
    listed = [(a, b) for a, b in spans if _LIST_HINT.search(text, a, b)]
    for m in (m for a, b in listed for m in DAY_LIST.finditer(text, a, b)):
        if m.start() in seen or _BETWEEN.search(text, max(0, m.start() - 12), m.start()):
            continue  # "between the 7th and the 12th", « entre le 7 et le 12 »: a range
        seen.add(m.start())
        key = "" if m.group("a") else "3" if m.group("a3") else "2"
        month = MONTHS[m.group(f"m{key}").lower().rstrip(".")]
        year = m.group(f"y{key}")
        listed_at = m.start(f"a{key}")
        finish = m.end(f"z{key}") if key != "3" else m.end("more3")
        days: list[int] = []
        at: list[int] = []
        for n in _DAY_NUMBER.finditer(text, listed_at, finish):
            first, last = int(n.group(1)), int(n.group(2) or n.group(1))
            if not 0 <= last - first <= _ITEM_DAYS:
                days = []  # "3-30 juin" is a range, not an item of a list
                break
            for d in range(first, last + 1):  # "23-24": both days, each printed
                days.append(d)
                at.append(n.start(2) if n.group(2) and d == last else n.start(1))
        if days and days == sorted(set(days)) and all(1 <= d <= 31 for d in days):  # in order
            y = int(year) if year else None
            parts = tuple((k, DatePart(d, month, y, None)) for k, d in zip(at, days, strict=True))
            found.append((m.start(), m.end(), parts))
    return found


def closed_days(text: str, taken: list[tuple[int, int]]) -> list[WindowMatch]:
    """A date alone in a sentence that says something is closed ("The office will be closed
    on Monday, October 13", « Plusieurs services seront fermés, ce vendredi 10 novembre »):
    that whole day, tentative (a row only when named; the resolver warns that no time is
    printed)."""
    found: list[WindowMatch] = []
    seen: set[int] = set()
    for closed in _CLOSED.finditer(text):
        opening = max(text.rfind(".", 0, closed.start()), text.rfind("\n", 0, closed.start()))
        closing = BREAK.search(text, closed.end())
        a = max(opening + 1, closed.start() - 200)
        b = min(closing.start() if closing else len(text), closed.end() + 200)
        if _stops(text[a:b]) is False:
            continue
        # the date pattern is costly: tried only near a month word that no window holds
        near = [
            (max(a, w.start() - 20), min(b, w.end() + 60))
            for w in _MONTH_WORD.finditer(text, a, b)
            if _free(taken, w.start(), w.end())
        ]
        for m in (m for x, y in near for m in _DATE_ALONE.finditer(text, x, y)):
            part = _date_part(m, "o")
            if m.start() in seen or part is None or part.day is None:
                continue
            seen.add(m.start())
            before = text[max(0, m.start() - 24) : m.start()]
            if (
                _free(taken, m.start(), m.end())
                and not _TIMED_BEFORE.search(before)
                and not _BOUND_BEFORE.search(before)  # a first or last day (day_bounds)
            ):
                day = InstantPart(part, None, None)
                found.append(WindowMatch(day, day, m.start(), m.end(), m.group(0), tentative=True))
    return found


def every_weekday(text: str, window: WindowMatch) -> WindowMatch:
    """A range of whole days led by "every Saturday" (« tous les samedis ») is that weekday
    of each week in the range, whole days; any other window is kept as it is."""
    led = _EVERY.search(text, max(0, window.begin - 40), window.begin)
    if led is None or window.start.time is not None or window.end.time is not None:
        return window
    first, last = window.start.date, window.end.date
    if first is None or last is None or first.day is None or last.day is None:
        return window
    if first.month is None:
        first = replace(first, month=last.month)
    if first.year is None:
        first = replace(first, year=last.year)
    weekday = WEEKDAYS[led.group("wd").lower().rstrip(".")]
    whole = TimePart(0, 0, end_of_day=True, word="")
    return replace(
        window,
        start=InstantPart(first, TimePart(0, 0), None),
        end=InstantPart(None, whole, None),
        until=last,
        weekdays=frozenset({weekday}),
        note="read as every such day of the range, whole days",
        note_code="notice.every_such_day",
    )
