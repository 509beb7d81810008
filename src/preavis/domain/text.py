"""Bilingual content: every public text exists in French and in English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)


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

    def __bool__(self) -> bool:
        return bool(self.fr or self.en)
