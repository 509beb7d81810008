"""The public site's words: one JSON file per language, with plural forms chosen by Babel.

A word is a string, or an object keyed by CLDR plural category ("one", "other", …) whose
form is picked for a count by the locale's own rules: in French 0 and 1 are singular
("0 service touché"), in English only 1 is.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from babel import Locale

from preavis.domain.text import LANGS, Lang

if TYPE_CHECKING:
    from preavis.formats.brand import Brand

_LOCALES = {"fr": "fr_CA", "en": "en_CA"}


class Words:
    """One language's words: `words["key"]` for plain text, `words.count("key", n)` for plurals."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._locale = Locale.parse(_LOCALES[lang])
        raw = resources.files("preavis.web").joinpath(f"locales/{lang}.json").read_text("utf-8")
        self._table: dict[str, Any] = json.loads(raw)
        self.brand: Brand | None = None  # the organisation's logo and footer links, if any

    def brand_with(self, brand: Brand) -> None:
        """The organisation's branding: its name for the site's, its logo and links."""
        self.brand = brand
        if self.lang in brand.names:
            self._table["site_name"] = brand.names[self.lang]

    def __getitem__(self, key: str) -> str:
        value = self._table[key]
        if not isinstance(value, str):
            raise TypeError(f"{key!r} has plural forms: use count()")
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def forms(self) -> dict[str, Any]:
        """Every word as written in the file (tests read them all)."""
        return dict(self._table)

    def count(self, key: str, n: int, **values: object) -> str:
        """The form of `key` for `n` things, with {n} and `values` filled in."""
        forms = self._table[key]
        if isinstance(forms, str):
            raise TypeError(f"{key!r} has no plural forms")
        form = self._locale.plural_form(n)
        text: str = forms.get(form, forms["other"])
        return text.format(n=n, **values)


NBSP = "\u00a0"
_FRENCH_TIME = re.compile(r"\b(\d{1,2}) h(?: (\d\d)\b)?")
_ENGLISH_TIME = re.compile(r"\b(\d{1,2}(?::\d\d)?) ([ap]\.m\.)")


def hold_together(value: Any) -> Any:
    """A time never split over two lines: "20 h", "23 h 59" and "8 p.m." get non-breaking
    spaces (Canadian typography). The pages' templates pass every value they print through
    this; markup already built (the SVG chart) is left as it is."""
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return value
    value = _FRENCH_TIME.sub(
        lambda m: f"{m[1]}{NBSP}h{NBSP}{m[2]}" if m[2] else f"{m[1]}{NBSP}h", value
    )
    return _ENGLISH_TIME.sub(rf"\1{NBSP}\2", value)


def load() -> dict[Lang, Words]:
    return {lang: Words(lang) for lang in LANGS}
