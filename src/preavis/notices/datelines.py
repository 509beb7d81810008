"""Datelines: where and when a notice was written, never what it interrupts (round 4).

A news or press-release dateline opens the first sentence: « Trois-Rivières, le 3 juin 2025 –
Le portail … », "SPRINGFIELD, Ore. (WKRT) - The permit portal …", "Halifax, June 3, 2025 /Wire/
– …". The place before it is not the sentence's subject. A line that only says when the notice
was published or updated ("Posted on June 2, 2025", « publié le 02/06/2025 à 14 h 50 ») is not
its title."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars|avril|mai"
    r"|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
_WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche)"
)
_DATE = (
    rf"(?:(?:le|the)\s+)?(?:{_WEEKDAY},?\s+)?"
    rf"(?:\d{{1,2}}(?:er)?\s+{_MONTH}\.?(?:\s+\d{{4}})?"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    r"|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})"
)
_PLACE = r"[A-ZÀ-Ý][^\W\d_]*(?:[\s'’.-]+[A-ZÀ-Ý][^\W\d_]*){0,3}"
_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+){0,3}"
_DASH = r"\s*(?:/[^/\n]{1,20}/\s*)?[–—-]{1,2}\s+"
DATELINE = re.compile(
    # a place and a date: « Trois-Rivières, le 3 juin 2025 – », "Halifax, June 3, 2025 /Wire/ –"
    rf"^\s*{_PLACE}(?:\s*\([^()\n]{{1,40}}\))?\s*,\s*{_DATE}{_DASH}"
    # a place in capitals with its state or its agency: "SPRINGFIELD, Ore. (WKRT) -"
    rf"|^\s*{_CAPS}(?:\s*,\s*[A-Z][\w.]{{0,6}})?\s*\([^()\n]{{1,40}}\){_DASH}"
    rf"|^\s*{_CAPS}\s*,\s*[A-Z][\w.]{{0,6}}{_DASH}"
    # its tail, when the state's abbreviation ended the sentence before: "Ore. (WKRT) -"
    rf"|^\s*\([^()\n]{{1,40}}\){_DASH}",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|last\s+updated|modified|publiée?|mise?\s+à\s+jour|modifiée?"
    r"|date\s+de\s+publication|dernière\s+mise\s+à\s+jour)\b(?:\s+(?:on|le|:))?\s*:?\s*"
    r"(?P<rest>.{1,60})$",
    re.IGNORECASE,
)


def undateline(text: str) -> str:
    """The text without the dateline that opens it (itself when it has none)."""
    found = DATELINE.match(text)
    if found is None:
        return text
    rest = text[found.end() :]
    return rest if rest[:1].isupper() or rest[:1] in '«“"' else text


def publication_line(text: str) -> bool:
    """ "Posted on June 2, 2025", « publié le 02/06/2025 à 14 h 50 »: when, not what."""
    found = _PUBLISHED.match(text.strip().lstrip("#*_ ").rstrip("*_ "))
    return found is not None and re.search(r"\d", found["rest"]) is not None
