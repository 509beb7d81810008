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
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from preavis.domain.messages import english
from preavis.notices.frontmatter import page_date_window
from preavis.notices.layout import Layout, Record
from preavis.notices.nights import listed_nights, overnight
from preavis.notices.pieces import _NUMBER_WORDS, ONE_DATE, _published
from preavis.notices.text import BULLET, Line
from preavis.notices.when import _WD, WEEKDAYS, DatePart, Note, WindowMatch, _date_part

LOOK_BACK = 25  # non-blank lines above the window searched for its date
_ITEMS_REACH = 12  # lines below a lead-in searched for the window it introduces
_WEEKDAY = re.compile(rf"\b{_WD}(?!\w)", re.IGNORECASE)
# "ce jour", "today", "tonight", "tomorrow": a day said relative to the notice's own date.
_RELATIVE = re.compile(
    r"\b(?:(?P<today>ce\s+jour|aujourd['’]\s?hui|ce\s+soir|cette\s+nuit|ce\s+matin"
    r"|cet\s+après-midi|today|tonight|this\s+(?:evening|morning|afternoon))"
    r"|(?P<tomorrow>demain|tomorrow))\b",
    re.IGNORECASE,
)
# "ses coupures d'eau nocturnes de 21h00 à 05h00", "nightly from 1 to 3 a.m.": a rule that
# repeats with no date said is not a window (an open-ended recurring rule).
_RECURRING = re.compile(
    r"\b(?:nocturnes?|nightly|every\s+(?:night|evening|day)|each\s+(?:night|evening|day)"
    r"|chaque\s+(?:nuit|soir|jour)|toutes\s+les\s+nuits|tous\s+les\s+(?:soirs|jours)"
    r"|quotidiennes?|daily|until\s+further\s+notice|jusqu['’]\s?à\s+nouvel\s+(?:ordre|avis)"
    r"|(?:lun|mar|mercre|jeu|vendre|same)dis|dimanches"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days"
    rf"|(?:every|each|chaque)\s+{_WD}|tous\s+les\s+{_WD}s?)(?!\w)",
    re.IGNORECASE,
)
# "were down from about 11:30 a.m. until about 1 p.m.", « le site a été inaccessible de 9 h à
# 11 h »: a sentence told in the past reports an incident; with no date it is not a window.
_PAST = re.compile(
    r"\b(?:was|were|had\s+been|went\s+(?:down|offline)|experienced|occurred|happened"
    r"|a\s+été|ont\s+été|avait\s+été|avaient\s+été|étai(?:en)?t|s['’]est\s+produite?)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|sera|seront|va|vont|prévue?s?|planned|scheduled)\b", re.I)
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True, slots=True)
class Dated:
    window: WindowMatch | None  # None: the window points at dates listed elsewhere, no row
    note: str  # in English, as --json says it
    code: str = ""  # its catalogue id, so that each interface says it in its language
    params: tuple[tuple[str, Any], ...] = ()


def _dated(found: WindowMatch | None, window: WindowMatch, code: str, **params: Any) -> Dated:
    """What dating `window` from its context gave, and the warning that says how."""
    said = {"window": _flat(window.text), **params}
    return Dated(found, english(code, said), code, tuple(said.items()))


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
    found = [
        m for m in _WEEKDAY.finditer(sentence) if not _ANNOUNCED.search(sentence, 0, m.start())
    ]
    return WEEKDAYS[found[-1].group(0).lower().rstrip(".")] if found else None


# "Announced on Wednesday, the outage will …", « Annoncée mercredi, cette coupure … »: the day
# something was said, not the window's (up to the comma that ends that phrase).
_ANNOUNCED = re.compile(
    r"\b(?:announced|posted|published|issued|annoncée?s?|publiée?s?|diffusée?s?)\b[^,;]{0,60}$",
    re.IGNORECASE,
)


def _last_date(text: str, weekday: int | None = None) -> DatePart | None:
    """The last date printed in `text` (a publication date excepted); the last one on the
    window's weekday when one is said ("midnight Saturday" under "Saturday March 22 … Sunday
    March 23")."""
    found = same_day = None
    for m in ONE_DATE.finditer(text):
        if _published(text, m.start()):
            continue
        part = _date_part(m, "q")
        if part is not None and part.day is not None and part.month is not None:
            found = part
            if weekday is not None and part.weekday == weekday:
                same_day = part
    return same_day or found


def date_from_context(
    lines: list[Line],
    window: WindowMatch,
    window_line: int,
    reference: date | None,
    dated_above: dict[int, DatePart] | None = None,
) -> Dated | None:
    """The window with the date read from above it, or None when it needs none or finds none.

    `dated_above` maps the lines of windows already dated this way to their date: a column of
    times-only rows under one date ("6 h à 7 h" row after row) shares it."""
    if not _undated(window):
        return None
    index = next((k for k, ln in enumerate(lines) if ln.number == window_line), None)
    if index is None:
        return None
    first_line = window.text.split("\n")[0]
    # A lead-in's record points at the lead-in; its window is printed on an item below it.
    index = next(
        (
            k
            for k in range(index, min(index + _ITEMS_REACH, len(lines)))
            if first_line in lines[k].text
        ),
        index,
    )
    own = lines[index].text
    at = own.find(first_line)
    before = own[: at if at >= 0 else 0]
    if _LISTED.search(own):
        return _dated(None, window, "notice.dates_listed_elsewhere")
    weekday = _weekday(window, before)
    sentence = _sentence(own, at if at >= 0 else 0, len(first_line))
    relative = _RELATIVE.search(sentence)
    if relative is not None and weekday is None:
        said = _relative(lines, window, relative, reference)
        if said is not None:
            return said
    if _PAST.search(sentence) and not _FUTURE.search(sentence):
        return _dated(None, window, "notice.told_in_past")
    if _RECURRING.search(sentence):
        return _dated(None, window, "notice.open_ended_rule")
    anchor, anchor_line = _anchor_above(lines, index, before, window_line, dated_above, weekday)
    if weekday is None and anchor is not None and anchor.year and anchor.weekday is None:
        weekday = _weekday_between(lines, anchor_line, index)  # "… on Thursday." in between
    dateline = _dateline(lines) if anchor is None and weekday is not None else None
    if dateline is not None:  # "samedi" in a notice published on a Thursday: that week's
        day, anchor_line = dateline
        anchor = DatePart(day.day, day.month, day.year, day.weekday())
    if anchor is None and weekday is None and window.duration is not None:
        return _lasting_undated(lines, window)
    if anchor is None:
        if weekday is None or reference is None:
            return None
        ahead = (weekday - reference.weekday()) % 7
        day = reference + timedelta(days=ahead)
        part = DatePart(day.day, day.month, day.year, weekday)
        return _dated(_with(window, part), window, "notice.next_weekday",
                      weekday=_NAMES[weekday], day=day.isoformat())  # fmt: skip
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
        return _dated(_with(window, part), window, "notice.weekday_after_line",
                      weekday=_NAMES[weekday], at_line=anchor_line,
                      day=day.isoformat())  # fmt: skip
    part = anchor if weekday is None else replace(anchor, weekday=weekday)
    nights = _nights(lines, anchor_line, window, part) if weekday is None else None
    if nights is not None:
        return nights
    return _dated(_with(window, part), window, "notice.date_from_line", at_line=anchor_line)


def _nights(lines: list[Line], at: int, window: WindowMatch, anchor: DatePart) -> Dated | None:
    """An overnight window dated from a line that lists consecutive nights: each of them
    (notices/nights.py)."""
    if not overnight(window.start.time, window.end.time):
        return None
    text = next((ln.text for ln in lines if ln.number == at), "")
    listed = listed_nights(text)
    if listed is None:
        return None
    first, last = (p if p.year is not None else replace(p, year=anchor.year) for p in listed)
    found = replace(window, start=replace(window.start, date=first),
                    end=replace(window.end, date=None), until=last)  # fmt: skip
    return _dated(found, window, "notice.nights_from_line", at_line=at)


def _anchor_above(
    lines: list[Line],
    index: int,
    before: str,
    window_line: int,
    dated_above: dict[int, DatePart] | None,
    weekday: int | None = None,
) -> tuple[DatePart | None, int]:
    """The nearest date before the window: on its line, else on the non-blank lines above (a
    date already given to a times-only window above counts; a list of dates stops the search)."""
    anchor, anchor_line = _last_date(before, weekday), window_line
    k, seen = index, 0
    while anchor is None and k > 0 and seen < LOOK_BACK:
        k -= 1
        if not lines[k].text.strip():
            continue
        seen += 1
        if dated_above and lines[k].number in dated_above:
            return dated_above[lines[k].number], lines[k].number
        found = _last_date(lines[k].text, weekday)
        if found is not None and BULLET.match(lines[k].text):  # a list of dates is not one date
            break
        anchor, anchor_line = found, lines[k].number
    return anchor, anchor_line


# A day said alone as when something happens ("on Thursday", « ce samedi »), not a date.
_LONE_WEEKDAY = re.compile(
    rf"\b(?:on|this|next|coming|ce|le|prochain)\s+(?P<wd>{_WD})(?!\w)(?![\s,]*(?:\d|the\s+\d))",
    re.IGNORECASE,
)


def _weekday_between(lines: list[Line], anchor_line: int, index: int) -> int | None:
    """The weekday said alone ("will undergo maintenance on Thursday") on the lines between a
    dateline (a date with its year, no weekday) above a times-only window and the window: the
    window's day is that weekday after the date."""
    k = index
    while k > 0 and lines[k - 1].number > anchor_line and index - k < LOOK_BACK * 2:
        k -= 1
        found = list(_LONE_WEEKDAY.finditer(lines[k].text))
        if found:  # the nearest said above the window
            return WEEKDAYS[found[-1]["wd"].lower().rstrip(".")]
    return None


def _sentence(text: str, at: int, length: int) -> str:
    """The sentence of `text` that holds the window printed at `at`."""
    stops = [m.end() for m in _SENTENCE_STOP.finditer(text, 0, at)]
    begin = stops[-1] if stops else 0
    after = _SENTENCE_STOP.search(text, at + length)
    return text[begin : after.end() if after else len(text)]


def _dateline(lines: list[Line]) -> tuple[date, int] | None:
    """The notice's own date: the first publication date printed with its year."""
    for line in lines:
        for m in ONE_DATE.finditer(line.text):
            if not _published(line.text, m.start()):
                continue
            part = _date_part(m, "q")
            if part is None or None in (part.year, part.month, part.day):
                continue
            try:
                return date(part.year, part.month, part.day), line.number  # type: ignore[arg-type]
            except ValueError:
                continue
    return None


def _lasting_undated(lines: list[Line], window: WindowMatch) -> Dated:
    """A start with a time, no date, and a duration ("at 18:15 CEST. This shouldn't take longer
    than 30 minutes"): the notice's own date when it prints one, else set aside."""
    dateline = _dateline(lines)
    if dateline is None:
        return _dated(None, window, "notice.no_date_at_all")
    day, line = dateline
    part = DatePart(day.day, day.month, day.year, day.weekday())
    return _dated(_with(window, part), window, "notice.notice_own_date", at_line=line,
                  day=day.isoformat())  # fmt: skip


def _relative(
    lines: list[Line], window: WindowMatch, said: re.Match[str], reference: date | None
) -> Dated | None:
    """ "prévue ce jour … de 19h00 à 5h00", "tonight from 10 p.m.": the notice's date, or the
    reference date when it prints none; the day after it for "tomorrow"."""
    dateline = _dateline(lines)
    if dateline is not None:
        day, origin = dateline[0], {"code": "notice.relative_from_dateline", "at_line": dateline[1]}
    elif reference is not None:
        day, origin = reference, {"code": "notice.relative_from_reference"}
    else:
        return None
    if said.group("tomorrow"):
        day += timedelta(days=1)
    part = DatePart(day.day, day.month, day.year, day.weekday())
    code = str(origin.pop("code"))
    return _dated(_with(window, part), window, code, said=said.group(0), day=day.isoformat(),
                  **origin)  # fmt: skip


_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _with(window: WindowMatch, part: DatePart) -> WindowMatch:
    # "from 8 p.m. Friday to 6 a.m. Monday": the end's own weekday counts from the start's day.
    end = window.end.date
    if (
        end is not None and end.day is None and end.weekday is not None
        and part.weekday is not None and end.weekday != part.weekday
        and part.year is not None and part.month is not None and part.day is not None
    ):  # fmt: skip
        day = date(part.year, part.month, part.day)
        last = day + timedelta(days=(end.weekday - part.weekday) % 7)
        return replace(
            window,
            start=replace(window.start, date=part),
            end=replace(window.end, date=DatePart(last.day, last.month, last.year, end.weekday)),
        )
    if window.duration is not None:  # a start and a duration: the date is the start's
        return replace(window, start=replace(window.start, date=part))
    # The date goes on the end: "from 11 p.m. to 2 a.m." then reads overnight, and a midnight
    # that opens the window is 0 h on that day, as when the date is printed after the times.
    return replace(
        window,
        start=replace(window.start, date=None),
        end=replace(window.end, date=part),
    )


# "between 11 p.m. and 8 a.m., beginning Wednesday, Feb. 7" in a notice that says "over a
# nine-day period": the window opens a run of days whose length is said elsewhere.
_BEGINNING = re.compile(
    r"\b(?:beginning|starting|commencing|à\s+partir\s+du|à\s+compter\s+du)\b", re.IGNORECASE
)
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(w for w in _NUMBER_WORDS if len(w) > 2) + ")"
_PERIOD = re.compile(
    rf"\b(?:over|for|during|pendant|sur|durant)\s+(?:a\s+|une\s+période\s+de\s+)?{_COUNT}"
    r"(?:-|\s+)(?P<u>days?|nights?|jours|nuits)\b(?:\s+period)?",
    re.IGNORECASE,
)


def _run_of_days(lines: list[Line], window: WindowMatch) -> WindowMatch:
    """The window repeated each day over the one period of N days the notice states, when its
    date is said as a beginning; unchanged otherwise (the repetition is warned as a guess)."""
    first = window.start.date
    if (
        window.until is not None or window.duration is not None or first is None
        or first.day is None or first.month is None or window.start.time is None
        or window.end.time is None or (window.end.date is not None and window.end.date.day)
        or _BEGINNING.search(window.text) is None
    ):  # fmt: skip
        return window
    counts = set()
    for line in lines:
        for m in _PERIOD.finditer(line.text):
            word = m.group("n").lower()
            n = int(word) if word.isdigit() else int(_NUMBER_WORDS.get(word, 0))
            if 2 <= n <= 31:
                counts.add(n)
    if len(counts) != 1:
        return window
    (n,) = counts
    start = date(first.year or 2001, first.month, first.day)  # 2001: no Feb 29 to land on
    last = start + timedelta(days=n - 1)
    note = f"is repeated each day over the {n} days the notice states, from its beginning date"
    until = DatePart(last.day, last.month, None, None)
    return replace(window, until=until, note=note, note_code="notice.repeated_over_days",
                   note_args=(("count", n),))  # fmt: skip


def date_records(
    lines: list[Line],
    records: list[Record],
    reference: date | None,
    warn: Note,
    about: Callable[[object | None], None] = lambda _: None,
) -> tuple[list[Record], frozenset[int]]:
    """Each record printed with times only dated from the text above it (every such date is
    warned on its line, `about` the window it gave, so that it goes to that window's rows);
    and the lines of windows set aside (they point at dates listed elsewhere, or state an
    open-ended rule)."""
    kept, set_aside = [], set()
    dated_above: dict[int, DatePart] = {}
    for record in records:
        record.window = _run_of_days(lines, record.window)
        at = record.window_span[0] if record.window_span else record.window_line
        dated = date_from_context(lines, record.window, at, reference, dated_above)
        if dated is not None:
            about(dated.window or record.window)
            warn(record.line if record.window_line < 0 else record.window_line, dated.note,
                 dated.code, **dict(dated.params))  # fmt: skip
            about(None)
            if dated.window is None:
                set_aside.add(record.window_line)
                continue
            record.window = dated.window
            if record.window.end.date is not None:
                dated_above[at] = record.window.end.date
        kept.append(record)
    return kept, frozenset(set_aside)


def date_intro(
    lines: list[Line],
    intro: list[WindowMatch],
    line: int | None,
    reference: date | None,
    warn: Note,
) -> list[WindowMatch]:
    """The introduction's window, dated from above like any other; none when it is set aside."""
    if not intro or line is None:
        return intro
    dated = date_from_context(lines, intro[0], line, reference)
    if dated is None:
        return intro
    warn(line, dated.note, dated.code, **dict(dated.params))
    return [dated.window, *intro[1:]] if dated.window is not None else []


def intro_as_record(layout: Layout, lines: list[Line]) -> None:
    """The window read as the notice's announced period is its only window when every other
    window was set aside ("At-risk session Wednesday 5th August 0900-1300" above "a session is
    booked every Wednesday from 1000 - 1200", an open-ended rule): it becomes the record."""
    if not layout.records and not layout.intro:  # a status page's start: its page's date
        layout.records = page_date_window(lines)  # (notices/frontmatter.py)
    if layout.records or not layout.intro or layout.intro_line is None:
        return
    window, number = layout.intro[0], layout.intro_line
    text = next((ln.text for ln in lines if ln.number == number), "")
    at = text.find(window.text.split("\n")[0])
    span = (number, at + 1, number, at + 1 + len(window.text)) if at >= 0 else None
    layout.records = [Record("", "", window, number, number, rule="same clause",
                             window_span=span)]  # fmt: skip
    layout.intro, layout.intro_line = [], None
