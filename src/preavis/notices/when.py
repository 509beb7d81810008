"""The grammar of dates, times, zones and windows as notices print them, in French and English.

"Du 25 juin, 20 h au 2 juillet, 7 h", "du 22 juin à minuit (HE) au 2 juillet à 7 h (HE)",
"from Saturday, March 8 at 9 p.m. until Sunday at 6 a.m. ET", "le 8 mars de 21 h à 23 h 30",
"June 25, 2025, 11:59 p.m. – July 2, 7 a.m. EDT". Whitespace includes line breaks, so a window
that a PDF extractor split over lines still reads as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Protocol

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "janvier janv jan january",
        "février fevrier févr fevr fév fev feb february",
        "mars mar march",
        "avril avr apr april",
        "mai may",
        "juin jun june",
        "juillet juil jul july",
        "août aout aug august",
        "septembre sept sep september",
        "octobre oct october",
        "novembre nov november",
        "décembre decembre déc dec december",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "lundi monday mon",
        "mardi tuesday tues tue",
        "mercredi wednesday wed",
        "jeudi thursday thurs thur thu",
        "vendredi friday fri",
        "samedi saturday sat",
        "dimanche sunday sun",
    )
):
    for _name in _names.split():
        WEEKDAYS[_name] = _number

# Zone words: abbreviations are matched case-sensitively (French "et" is not "ET").
ZONE_ABBREVIATIONS: dict[str, tuple[str, bool | None]] = {}
for _zone_name, _generic, _daylight, _standard in (
    ("America/Toronto", "HE ET", "HAE EDT", "HNE EST"),
    ("America/Vancouver", "HP PT", "HAP PDT", "HNP PST"),
    ("America/Edmonton", "HR MT", "HAR MDT", "HNR MST"),
    ("America/Winnipeg", "HC CT", "HAC CDT", "HNC CST"),
    ("America/Halifax", "HA AT", "HAA ADT", "HNA AST"),
    ("America/St_Johns", "HT NT", "HAT NDT", "HNT NST"),
    ("Europe/Paris", "", "CEST HAEC", "CET HEC"),
    ("UTC", "UTC GMT TU", "", ""),
    # Zones of the other places notices come from; words that are also common English or
    # French words in capitals ("WEST", "IST" in three countries) are left out.
    ("Europe/London", "", "BST", ""),
    ("Europe/Helsinki", "", "EEST", "EET"),
    ("America/Anchorage", "AKT", "AKDT", "AKST"),
    ("Pacific/Honolulu", "HST", "", ""),
    ("Asia/Singapore", "SGT", "", ""),
    ("Asia/Hong_Kong", "HKT", "", ""),
    ("Asia/Tokyo", "JST", "", ""),
    ("Australia/Sydney", "AET", "AEDT", "AEST"),
    ("Pacific/Auckland", "NZT", "NZDT", "NZST"),
    ("Indian/Reunion", "RET", "", ""),
):
    for _word in _generic.split():
        ZONE_ABBREVIATIONS[_word] = (_zone_name, None)
    for _word in _daylight.split():
        ZONE_ABBREVIATIONS[_word] = (_zone_name, True)
    for _word in _standard.split():
        ZONE_ABBREVIATIONS[_word] = (_zone_name, False)

ZONE_REGIONS: dict[str, str] = {
    "est": "America/Toronto",
    "eastern": "America/Toronto",
    "pacifique": "America/Vancouver",
    "pacific": "America/Vancouver",
    "rocheuses": "America/Edmonton",
    "mountain": "America/Edmonton",
    "centre": "America/Winnipeg",
    "central": "America/Winnipeg",
    "atlantique": "America/Halifax",
    "atlantic": "America/Halifax",
    "terre-neuve": "America/St_Johns",
    "newfoundland": "America/St_Johns",
}
CITIES: dict[str, str] = {
    "toronto": "America/Toronto",
    "montréal": "America/Toronto",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "québec": "America/Toronto",
    "quebec": "America/Toronto",
    "new york": "America/New_York",
    "vancouver": "America/Vancouver",
    "victoria": "America/Vancouver",
    "edmonton": "America/Edmonton",
    "calgary": "America/Edmonton",
    "winnipeg": "America/Winnipeg",
    "regina": "America/Regina",
    "halifax": "America/Halifax",
    "moncton": "America/Moncton",
    "st. john's": "America/St_Johns",
    "st john's": "America/St_Johns",
    "saint-jean de terre-neuve": "America/St_Johns",
    "paris": "Europe/Paris",
    "london": "Europe/London",
    "londres": "Europe/London",
    # France outside Europe: "heure de la Réunion", "heure de Martinique" …
    "la réunion": "Indian/Reunion",
    "réunion": "Indian/Reunion",
    "reunion": "Indian/Reunion",
    "mayotte": "Indian/Mayotte",
    "martinique": "America/Martinique",
    "guadeloupe": "America/Guadeloupe",
    "guyane": "America/Cayenne",
    "cayenne": "America/Cayenne",
    "saint-pierre-et-miquelon": "America/Miquelon",
    "nouméa": "Pacific/Noumea",
    "nouvelle-calédonie": "Pacific/Noumea",
    "tahiti": "Pacific/Tahiti",
    "polynésie": "Pacific/Tahiti",
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_MONTH = rf"(?:{_alternation(MONTHS)})\.?"
_WD = rf"(?:{_alternation(WEEKDAYS)})\.?"
_YEAR = r"(?:19|20)\d\d"
_APOS = "['’]"
_CITY = _alternation(CITIES)
_ZONE_WORDS = (
    rf"(?<![\w])(?-i:{_alternation(ZONE_ABBREVIATIONS)})(?![\w])"
    rf"|heure\s+(?:normale\s+|avanc[ée]e\s+)?(?:de\s+l{_APOS}\s?|du\s+|des\s+)"
    r"(?:est|pacifique|centre|atlantique|terre-neuve|rocheuses)\b"
    r"|(?:eastern|pacific|central|mountain|atlantic|newfoundland)"
    r"(?:\s+(?:daylight|standard))?(?:\s+time)?\b"
    rf"|heure\s+(?:de\s+|d{_APOS}\s?)(?:{_CITY})\b|(?:{_CITY})\s+time\b"
)


# "samedi matin suivant, 7 h", "Sunday morning at 6": words between a weekday and its time.
_PART_OF_DAY = (
    r"(?:matin|soir|après-midi|suivant|prochain|morning|evening|afternoon|night|following|next)\b"
)


# A numeric date with no year ("Saturday 2/19", « samedi 19/02 »), only after its weekday: alone,
# "24/7", "1/2" or "3/4 of" are not dates. Its order is the notice's (numeric.numeric_order).
_NUMERIC_NO_YEAR = (
    r"(?<![\d/])(?!24/7\b)(?P<{p}nc>[0-3]?\d)/(?P<{p}ncb>[0-3]?\d)(?![\d/]|\s?(?:of|de|des|du)\b)"
)

# … or before its weekday in brackets ("9/7(Fri)", « 07/09 (ven.) »).
_NUMERIC_THEN_WEEKDAY = (
    r"(?<![\d/])(?P<{p}nw>[0-3]?\d)/(?P<{p}nwb>[0-3]?\d)[ \t]*+\([ \t]*+(?P<{p}wp>"
    + _WD  # no braces in it: .format(p=…) leaves it as it is
    + r"|(?:lun|mar|mer|jeu|ven|sam|dim)\.?)[ \t]*+\)"
)
# French weekdays shortened, read only in brackets after a numeric date ("mar" is March too).
_SHORT_FR = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}


def _date(p: str, *, weekday_alone: bool = False, weekday_timed: bool = False) -> str:
    # A weekday alone ends a window ("… to Sunday"); it starts one only with its time ("Sat at
    # 8pm through Monday at 6am"), so "Monday to Friday" is not a window.
    alone = (
        rf"|(?P<{p}wo>{_WD})(?!\s*+,?\s*+(?:le\s+|the\s+)?\d)(?:\s++{_PART_OF_DAY})*+"
        if weekday_alone
        else rf"|(?P<{p}wo>{_WD})(?=\s*+,?\s*+(?:(?:at|à|a|@)\s++)?\d)"
        if weekday_timed
        else ""
    )
    return (
        rf"(?:(?:(?P<{p}wd>{_WD}),?\s+)?(?:(?:le|the)\s+)?"
        rf"(?:(?<!\d)(?P<{p}d1>[0-3]?\d)(?:er|re|e|st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?P<{p}m1>{_MONTH})"
        rf"(?:,?\s+(?P<{p}y1>{_YEAR}))?"
        rf"|(?<![^\W\d_])(?P<{p}m2>{_MONTH})\s*+(?P<{p}d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<{p}y2>{_YEAR}))?"
        rf"|(?P<{p}iy>{_YEAR})-(?P<{p}im>[01]\d)-(?P<{p}id>[0-3]\d)"
        rf"|(?<![\d/])(?P<{p}na>[0-3]?\d)/(?P<{p}nb>[0-3]?\d)/(?P<{p}ny>{_YEAR})"
        rf"|(?<![\d.])(?P<{p}xd>0?[1-9]|[12]\d|3[01])\.(?P<{p}xm>0?[1-9]|1[0-2])\.(?P<{p}xy>{_YEAR})"
        r"(?![\d.]\d)"  # "24.03.2024": day, month, year, as Europe prints it
        rf"|(?({p}wd){_NUMERIC_NO_YEAR.format(p=p)}|{_NUMERIC_THEN_WEEKDAY.format(p=p)}))"
        rf"{alone})"
    )


def _time(p: str) -> str:
    return (
        rf"(?:(?P<{p}h1>[01]?\d|2[0-4])\s?h(?:eures?|rs?)?(?:\s?(?P<{p}n1>[0-5]\d))?(?![\w:])"
        rf"|(?P<{p}h2>1[0-2]|0?[1-9])(?:[:.](?P<{p}n2>[0-5]\d))?\s?(?P<{p}ap>[ap])\.?\s?m\.?(?![a-z])"
        rf"|(?<![\d:])(?P<{p}h3>[01]?\d|2[0-4])(?::|{_DOT})(?P<{p}n3>[0-5]\d)(?!\s?[ap]\.?\s?m)"
        r"(?![ \t]?(?:midnight|minuit))"  # "12:00 midnight": the word says which 12
        rf"|{_FOUR_DIGITS.format(p=p)}"
        rf"|(?:12(?:[:.]00)?[ \t]?)?(?P<{p}w>midi|minuit|noon|midnight|midday))"
        r"(?:[ \t]*+\((?:noon|midi|midnight|minuit|midday)\))?"
    )


# A 24-hour time written with a dot ("00.01", "14.00", as in Europe): two digits of hour, never
# a part of a number or a date ("2.50", "$14.00", "14.00 €", "28.05.2019"), nor a clock before
# "a.m."/"p.m." (read by the meridiem alternative).
_DOT = r"(?<=\d\d)(?<![\d.,$€£]\d\d)\.(?=[0-5]\d(?!\d|[.,]\d|\s?[$€£%]|\s?[ap]\.?\s?m))"


# Four-digit 24-hour times, only in a range ("0900-1300", "2100 to 0600"); two years
# ("2019-2020") are not times.
_FOUR_DIGITS = (
    r"(?<![\d/:.,])(?!(?:19|20)\d\d\s?[-–—]\s?(?:19|20)\d\d)(?P<{p}h4>[01]\d|2[0-3])(?P<{p}n4>[0-5]\d)"
    r"(?=[ \t]?(?:[-–—]|to|à|au|until)[ \t]?(?:[01]\d|2[0-4])[0-5]\d(?![\d/]))"
    r"|(?:(?<=\d\d[-–—])|(?<=\d\d [-–—] )|(?<=\d\d to )|(?<=\d\d à ))"
    r"(?<!(?:19|20)\d\d[-–—])(?<!(?:19|20)\d\d [-–—] )"
    r"(?P<{p}h5>[01]\d|2[0-4])(?P<{p}n5>[0-5]\d)(?![\d/])"
)


def _zone(p: str) -> str:
    # At most one line break before the zone; bare (unbracketed) zone words must not run on
    # into a lowercase word, so that "EST online" on the next row stays a service name.
    return (
        rf"(?:[ \t]*+(?:\n[ \t]*+)?(?:\(\s*+(?P<{p}z>{_ZONE_WORDS})\s*+\)"
        rf"|(?P<{p}zb>{_ZONE_WORDS})"
        r"(?![ \t]+(?!(?:to|until|till|through|au|à|a|and|et|jusqu|on|le)\b)[a-zà-ÿ0-9/])))"
    )


# Whitespace between the parts of a window is taken possessively ("\s*+"): what follows it
# never starts with a space, and giving spaces back would make a long run of them cubic.
_AT = (
    r"\s*+,?\s*+(?:@\s*+|[-–—][ \t]*+"
    r"(?=\d{1,2}(?::\d\d)?\s?[ap]\.?\s?m|\d{1,2}:\d\d|\d{1,2}\s?h(?:\b|[0-5]\d\b))"
    r"|(?:à|a|at|de|dès|des|from|between|entre|starting\s+at|beginning\s+at"
    r"|à\s+partir\s+de|à\s+compter\s+de)\s++)?"
)
_ON = r"[ \t]*+(?:\n[ \t]*+)?,?[ \t]*+(?:(?:le|on|the)\s++)?"  # no blank line inside


# A time that opens the next instant ("Fri, May 20 to Sat, May 21\n7 p.m. Friday, May 20"): the
# time is printed before its own date (led by a weekday), so it is not the time of the date
# before it; "Tuesday at 6:00 am September 2" keeps its time.
_DATE_AHEAD = (
    rf"(?!\.?\s*+,?\s*+(?:(?:on|le|the)\s++)?{_WD}\s*+,?\s*+(?:(?:le|the)\s++)?"
    rf"(?:\d|{_MONTH}\s*+\d))"
)


# A bare hour that shares the end's meridiem or "h": "5-10 p.m.", "between 6 and 9pm",
# "de 8 à 10 h", "entre 14 et 17 h" (read only when the end's time follows at once).
_SHARED_END = (
    r"(?=\s*+(?:-|–|—|to|and|à|a|et)\s*+(?:[01]?\d|2[0-4])(?:[:.][0-5]\d)?"
    r"\s?(?:[ap]\.?\s?m(?![a-z])|h(?!\w|\s?\d)|heures?\b))"
)


def _instant(p: str, *, end: bool = False, shared: bool = False) -> str:
    bare = (
        rf"|(?<![\d/.:,])(?P<{p}bh>[01]?\d|2[0-3])(?:[:.](?P<{p}bn>[0-5]\d))?{_SHARED_END}"
        if shared
        else ""
    )
    return (
        rf"(?:{_date(p, weekday_alone=end, weekday_timed=not end)}"
        rf"(?:{_AT}{_time(p)}{_DATE_AHEAD}|[ \t]*+\([ \t]*+{_time(p + 'p')}[ \t]*+\))?{_zone(p)}?"
        rf"|{_time(p + 't')}{_zone(p + 'x')}?"
        rf"(?:{_ON}{_date(p + 'y', weekday_alone=True)}{_zone(p + 'w')}?)?{bare})"
    )


_LEAD = (
    r"(?:\b(?:du|de|dès|from|between|entre|starting|beginning|commençant"
    r"|à\s+partir\s+du|à\s+partir\s+de|à\s+compter\s+du|à\s+compter\s+de)\s++)?"
)
_CONNECT = (
    rf"\s*+,?\s*+(?:au|à|a|to|until|till|through|thru|jusqu{_APOS}?\s?(?:au|à|a)|jusqu{_APOS}?\s?"
    r"|(?:and\s+)?(?:ending|finishing)(?:\s+(?:on|at))?"
    rf"|–|—|-|~|〜|and|et|through)\s*+(?:(?:le|the|on|of)\s++)?"
    r"(?:(?:about|approximately|approx\.|around|environ|vers)\s++)?"
)

# « entre 8 h et 17 », « de 9 h à 16 »: an end hour printed bare after a start written with
# "h" is that hour (never a date, an amount or a duration: « de 8 h au 17 juin », « à 17 % »).
_BARE_END = (
    r"(?<![\d/])(?P<{name}>[01]?\d|2[0-4])(?![\d:.,/]|\s?(?:h|heures?|[ap]\.?\s?m\b|[%$€]"
    r"|(?:ans?|jours?|mois|minutes?|min|km|m|{month})(?![^\W\d_])))"
)


def _bare(name: str) -> str:
    return _BARE_END.format(name=name, month=_MONTH)


# Every window starts with a word character: "(?=\w)" turns down the other positions at once
# (without it, each character of a long run of spaces costs a full attempt).
WINDOW = re.compile(
    rf"(?=\w){_LEAD}(?P<start>{_instant('s', shared=True)}){_CONNECT}"
    rf"(?P<end>{_instant('e', end=True)}|(?(sth1){_bare('ebare')}|(?(sh1){_bare('ebarf')}|(?!))))",
    re.IGNORECASE,
)
UNKNOWN_ZONE = re.compile(r"[ \t]*\(\s*(?P<z>[A-Z]{2,5})\s*\)")


@dataclass(frozen=True, slots=True)
class DatePart:
    """A printed date, its year possibly missing; `weekday` 0 = Monday, when printed."""

    day: int | None
    month: int | None
    year: int | None
    weekday: int | None
    numeric: tuple[int, int] | None = None  # a/b of an a/b/yyyy date, read later


@dataclass(frozen=True, slots=True)
class TimePart:
    """A printed time; `end_of_day` for "minuit"/"midnight"/"24 h" (read as 24:00)."""

    hour: int
    minute: int
    end_of_day: bool = False
    word: str = ""


@dataclass(frozen=True, slots=True)
class InstantPart:
    date: DatePart | None
    time: TimePart | None
    zone: str | None  # the zone words as printed


class Note(Protocol):
    """The reader's warn or fail: the English words, and the catalogue id (required: every
    interface says it in its language from the id) with its parameters."""

    def __call__(self, line: int | None, message: str, code: str, /, **params: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class WindowMatch:
    """One window as printed, with its place in the text (character offsets)."""

    start: InstantPart
    end: InstantPart
    begin: int
    finish: int
    text: str
    duration: timedelta | None = None  # "for about two hours": the end is start + duration
    until: DatePart | None = None  # "each night … June 3–7": repeated daily up to this date
    weekdays: frozenset[int] | None = None  # "du lundi au vendredi": only these days
    note: str | None = None  # a reading that is a guess, said as a warning on its rows
    tentative: bool = False  # whole days with no time: no row (a warning) unless a name is found
    # The note's catalogue id and its parameters besides the window's text (`window`), so that
    # each interface says it in its language; without an id, the English words only.
    note_code: str = ""
    note_args: tuple[tuple[str, Any], ...] = ()

    def say_note(self, warn: Note, line: int) -> None:
        """Its note, when it has one, as a warning on `line`."""
        if self.note:
            window = " ".join(self.text.split())
            warn(line, f"“{window}” {self.note}", self.note_code, window=window,
                 **dict(self.note_args))  # fmt: skip


def _group(match: re.Match[str], name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _date_part(match: re.Match[str], p: str) -> DatePart | None:
    def g(name: str) -> str | None:
        return _group(match, p + name)

    weekday = g("wd") or g("wo") or g("wp")
    said = weekday.lower().rstrip(".") if weekday else None
    wd = WEEKDAYS.get(said, _SHORT_FR.get(said)) if said else None
    if g("d1"):
        month = MONTHS[str(g("m1")).lower().rstrip(".")]
        year = int(str(g("y1"))) if g("y1") else None
        return DatePart(int(str(g("d1"))), month, year, wd)
    if g("m2"):
        month = MONTHS[str(g("m2")).lower().rstrip(".")]
        year = int(str(g("y2"))) if g("y2") else None
        return DatePart(int(str(g("d2"))), month, year, wd)
    if g("iy"):
        return DatePart(int(str(g("id"))), int(str(g("im"))), int(str(g("iy"))), wd)
    if g("na"):
        return DatePart(None, None, int(str(g("ny"))), wd, (int(str(g("na"))), int(str(g("nb")))))
    if g("xd"):
        return DatePart(int(str(g("xd"))), int(str(g("xm"))), int(str(g("xy"))), wd)
    if g("nc"):
        return DatePart(None, None, None, wd, (int(str(g("nc"))), int(str(g("ncb")))))
    if g("nw"):
        return DatePart(None, None, None, wd, (int(str(g("nw"))), int(str(g("nwb")))))
    if g("wo"):
        return DatePart(None, None, None, wd)
    return None


def _time_part(match: re.Match[str], p: str) -> TimePart | None:
    def g(name: str) -> str | None:
        return _group(match, p + name)

    if g("h1"):
        hour, minute = int(str(g("h1"))), int(g("n1") or 0)
    elif g("h2"):
        hour, minute = int(str(g("h2"))) % 12, int(g("n2") or 0)
        if str(g("ap")).lower() == "p":
            hour += 12
    elif g("h3"):
        hour, minute = int(str(g("h3"))), int(str(g("n3")))
    elif g("h4") or g("h5"):
        hour, minute = int(str(g("h4") or g("h5"))), int(str(g("n4") or g("n5")))
    elif g("w"):
        word = str(g("w")).lower()
        if word in ("midi", "noon", "midday"):
            return TimePart(12, 0, word=word)
        return TimePart(0, 0, end_of_day=True, word=word)
    else:
        return None
    if hour == 24 and minute == 0:
        return TimePart(0, 0, end_of_day=True, word="24 h")
    return TimePart(hour, minute)


def _instant_part(match: re.Match[str], p: str) -> InstantPart:
    date = _date_part(match, p) or _date_part(match, p + "y")
    zone = next(
        (
            found
            for name in ("z", "zb", "xz", "xzb", "wz", "wzb")
            if (found := _group(match, p + name))
        ),
        None,
    )
    time = _time_part(match, p) or _time_part(match, p + "t") or _time_part(match, p + "p")
    return InstantPart(date, time, zone)


_LEAD_WORD = re.compile(r"(?:de|from|between|entre)\s", re.IGNORECASE)
# "and"/"et" join a range only after "between"/"entre" ("between the hours of 8am and 4pm").
_BETWEEN = re.compile(r"\b(?:between|entre)\s", re.IGNORECASE)
_BETWEEN_REACH = 25


def _shared_start(match: re.Match[str], end: InstantPart) -> InstantPart | None:
    """The bare start hour of "5-10 p.m.", "between 6 and 9pm", "de 8 à 10 h": the end's half
    of the day, or the half before it when that puts the start after the end ("11-1 p.m.")."""
    hour, minute = int(match.group("sbh")), int(match.group("sbn") or 0)
    connector = text_between(match)
    if not (_LEAD_WORD.match(match.group(0)) or connector in ("-", "–", "—")):
        return None  # "le 5 à 10 h" is a day and a time, not a range of hours
    if end.time is None or end.time.end_of_day:
        return None
    meridiem = _group(match, "eap") or _group(match, "etap")
    if meridiem is not None:
        if hour > 12 or hour == 0:
            return None
        hour = _share(hour, minute, end.time, meridiem)
    return InstantPart(None, TimePart(hour, minute), None)


def _share(hour: int, minute: int, end: TimePart, meridiem: str) -> int:
    """The start hour in the end's half of the day, or in the other half when that would put
    it at or after the end ("11-1 p.m." is 11 a.m.; "11:00 - 2:00 AM" is 11 p.m.)."""
    hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    if (hour, minute) >= (end.hour, end.minute):
        hour = (hour + 12) % 24
    return hour


def _clock_start(match: re.Match[str], start: InstantPart, end: InstantPart) -> InstantPart:
    """ "9:00 - 10:00PM": a start printed on a clock without a meridiem takes the end's."""
    meridiem = _group(match, "eap") or _group(match, "etap")
    clock = _group(match, "sh3") or _group(match, "sth3")
    time = start.time
    if meridiem is None or clock is None or time is None or end.time is None:
        return start
    if not 1 <= time.hour <= 12 or end.time.end_of_day:
        return start
    return replace(
        start, time=TimePart(_share(time.hour, time.minute, end.time, meridiem), time.minute)
    )


def text_between(match: re.Match[str]) -> str:
    """The connector between a window's start and end, as printed, stripped."""
    return match.string[match.end("start") : match.start("end")].strip()


_TWO_DATES = re.compile(r"(?:and|et)(?:\s+(?:le|the|on))?", re.IGNORECASE)  # « … et le … »


def find_windows(text: str) -> list[WindowMatch]:
    """Every window printed in `text`, in order; a time with no date on either side is kept
    (with no date) so that the reader can report it."""
    found = []
    for match in WINDOW.finditer(text):
        start, end = _instant_part(match, "s"), _instant_part(match, "e")
        if _TWO_DATES.fullmatch(text_between(match)) and not _BETWEEN.search(
            text, max(0, match.start() - _BETWEEN_REACH), match.end("start")
        ):
            continue  # "le 13 mars et le 20 mars": two dates, not a range
        if _group(match, "sbh"):
            shared = _shared_start(match, end)
            if shared is None:
                continue
            start = shared
        elif match.group("sh3") or match.group("sth3"):
            start = _clock_start(match, start, end)
        if bare := _group(match, "ebare") or _group(match, "ebarf"):
            end = InstantPart(None, TimePart(int(bare), 0), None)
        if start.time is None and start.date is None:
            continue
        if end.time is None and end.date is None:
            continue
        # "2025-06-25 - 2025-06-30" style ranges need a time or a real date on both sides.
        found.append(WindowMatch(start, end, match.start(), match.end(), match.group(0)))
    return found


def zone_of(words: str) -> tuple[str, bool | None] | None:
    """The IANA zone (and daylight flag, when the words say) of printed zone words."""
    raw = words.strip().strip("()").strip()
    if raw in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[raw]
    lower = re.sub(r"\s+", " ", raw.lower())
    daylight = True if ("avancée" in lower or "avancee" in lower or "daylight" in lower) else None
    if "normale" in lower or "standard" in lower:
        daylight = False
    for city, zone in CITIES.items():
        if city in lower:
            return zone, daylight
    for region, zone in ZONE_REGIONS.items():
        if re.search(rf"\b{re.escape(region)}\b", lower):
            return zone, daylight
    return None


# A mention starts at "(", at the start of a whitespace run, or at the zone words: never
# inside a run, which would rescan the run from each of its characters.
ZONE_MENTION = re.compile(rf"(?:\(\s*+|(?<!\s)\s*+)?(?P<z>{_ZONE_WORDS})\s*+\)?", re.IGNORECASE)


PRINTED_YEAR = re.compile(r"(?<![\d/-])(?:19|20)\d\d(?![\d/-])")


def site_codes(codes: Iterable[str]) -> frozenset[str]:
    """Which unknown capitals printed in brackets after windows are labels, not zones.

    A zone abbreviation ends in T ("time": "SGT", "NZDT"), and one notice prints one zone; when
    the brackets after its windows hold several different unknown codes that do not end in T
    ("(HMB)", "(HMW)", "(HMCCH)"), they are sites or buildings, not zones."""
    labels = {c for c in codes if not c.endswith("T")}
    return frozenset(labels) if len(labels) >= 2 else frozenset()


def unknown_zone_after(text: str, offset: int) -> str | None:
    """Zone-like capitals right after a window, such as "(XYZ)", that name no known zone."""
    match = UNKNOWN_ZONE.match(text, offset)
    if match is None or match.group("z") in ZONE_ABBREVIATIONS:
        return None
    return match.group("z")
