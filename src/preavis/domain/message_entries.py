"""The shape of one entry of the message catalogue (domain/messages.py): its words in English
and in French, and the parameter that chooses a plural form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Words = str | Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Entry:
    en: Words
    fr: Words
    count: str = ""  # the parameter that chooses the plural form, if any


def _e(en: Words, fr: Words, count: str = "") -> Entry:
    return Entry(en, fr, count)
