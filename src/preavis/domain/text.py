"""Bilingual content, and the one rule on which characters a text field may hold.

Single-line fields (names, titles, who acted) hold no control character at all;
multi-line fields (summaries, descriptions, reasons) may also hold tab and line feed. Refused
everywhere: the other C0 controls (U+0000-U+001F, carriage return included: lines end with
U+000A), DEL (U+007F), the C1 controls (U+0080-U+009F), the Unicode line and paragraph
separators (U+2028, U+2029), lone surrogates and the non-characters U+FFFE/U+FFFF. None of
them can be typed on purpose, XML 1.0 (Atom, SVG) cannot carry most of them, line-based
formats (iCalendar, a log) would see them as line breaks, and PostgreSQL refuses U+0000.

`clean_line`/`clean_lines` apply the same rule to output, for data stored before it existed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, get_args

from preavis.domain.errors import ValidationError

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)

# Refused in every text field; MULTI_LINE fields also accept tab and line feed.
_FORBIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_MULTI_LINE = re.compile(f"[{_FORBIDDEN}]")
_SINGLE_LINE = re.compile(f"[\t\n{_FORBIDDEN}]")
# What a reader would take for the end of a line (str.splitlines' set, CR included).
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_NAMES = {"\t": "tab", "\n": "line feed", "\r": "carriage return", "\x00": "null"}

NBSP = "\u00a0"


def french_spacing(text: str) -> str:
    """Canadian French typography: a non-breaking space before « : », « ; », « ? » and « ! »
    and inside guillemets, for words written with plain spaces (a URL has none to replace)."""
    for mark in (":", ";", "?", "!"):
        text = text.replace(f" {mark}", f"{NBSP}{mark}")
    return text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")


def _describe(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code}, {name.lower()}" if name else code


def check_text(value: object, field: str, *, multiline: bool = False) -> str:
    """Return `value` if it is a string that the field may hold; else ValidationError.

    The message names the field, the character and its position (counted from 1).
    """
    if not isinstance(value, str):
        raise ValidationError.said(
            "text.not_text", field=field or None, where=field, kind=type(value).__name__
        )
    found = (_MULTI_LINE if multiline else _SINGLE_LINE).search(value)
    if found is not None:
        char = found.group()
        code = (
            "text.line_break"
            if char in "\n\u2028\u2029" and not multiline
            else "text.not_a_character"
            if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff"
            else "text.control"
        )
        raise ValidationError.said(
            code,
            field=field or None,
            where=field,
            char=_describe(char),
            position=found.start() + 1,
            hint=char in "\t\n",
        )
    return value


def clean_line(value: str) -> str:
    """`value` fit for a one-line output: line breaks and tabs become spaces, other refused
    characters U+FFFD. What the rule accepts is returned unchanged."""
    if _SINGLE_LINE.search(value) is None:
        return value
    return _MULTI_LINE.sub("\ufffd", _BREAKS.sub(" ", value).replace("\t", " "))


def clean_lines(value: str) -> str:
    """`value` fit for a multi-line output: every line break becomes U+000A, other refused
    characters U+FFFD. What the rule accepts is returned unchanged."""
    if _MULTI_LINE.search(value) is None:
        return value
    return _MULTI_LINE.sub("\ufffd", _BREAKS.sub("\n", value))


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of content in both languages; an empty string means "not written yet"."""

    fr: str = ""
    en: str = ""

    def get(self, lang: Lang) -> str:
        """The text in `lang`, or in the other language when that one is missing."""
        first, other = (self.fr, self.en) if lang == "fr" else (self.en, self.fr)
        return first or other

    def missing(self) -> tuple[Lang, ...]:
        """The languages this text has not been written in."""
        return tuple(lang for lang in LANGS if not getattr(self, lang))

    def check(self, field: str, *, multiline: bool = False) -> Text:
        """This text if each language follows the rule of `field` (see `check_text`)."""
        for lang in LANGS:
            check_text(getattr(self, lang), f"{field}.{lang}", multiline=multiline)
        return self

    def __bool__(self) -> bool:
        return bool(self.fr or self.en)
