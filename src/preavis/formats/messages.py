"""Any error or problem of Préavis said in French or English, from the one catalogue
(domain/messages.py): plurals through Babel, Canadian French typography.

Every interface (the command line, the public pages, the web admin, the JSON API) says errors
through `say_error` and problems through `say_problem`; an error raised without a message id
keeps its English words (`known` tells them apart, for tests and for the logs).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from preavis.domain.errors import PreavisError, ScheduleError
from preavis.domain.messages import CATALOGUE, TERMS_FR, english, template
from preavis.domain.problems import Problem
from preavis.domain.text import Lang, french_spacing

NBSP = "\u00a0"
_SEVERITY: dict[Lang, dict[str, str]] = {
    "fr": {"error": "erreur", "warning": "avertissement"},
    "en": {"error": "error", "warning": "warning"},
}


@cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse("fr_CA" if lang == "fr" else "en_CA")


typography = french_spacing  # the name this layer's callers know


class _Saying(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, PreavisError):
            value = say_error(value, self.lang)
        elif isinstance(value, Problem):
            value = say_problem(value, self.lang)
        if isinstance(value, date) and not isinstance(value, datetime) and not format_spec:
            # "June 22, 2027" / "22 juin 2027"
            if self.lang == "en":
                return str(format_date(value, "MMMM d, y", locale=_locale("en")))
            first = "1er" if value.day == 1 else str(value.day)  # « le 1er octobre »
            return f"{first} {format_date(value, 'MMMM y', locale=_locale('fr'))}"
        if format_spec.startswith("if="):
            return say(format_spec[3:], {}, self.lang) if value else ""
        if format_spec == "nth":  # a day of the month: « le 1er juin », "June 1"
            return "1er" if self.lang == "fr" and value == 1 else str(value)
        if format_spec == "term":
            return TERMS_FR.get(str(value), str(value)) if self.lang == "fr" else str(value)
        if format_spec == "num":  # 1,000,000 / 1 000 000
            if not isinstance(value, int | float):
                return str(value)
            return str(format_decimal(value, locale=_locale(self.lang)))
        if format_spec == "prefix":
            return (f"{value}{NBSP}: " if self.lang == "fr" else f"{value}: ") if value else ""
        if format_spec == "q":
            text = value if isinstance(value, str) else str(value)
            return f"«{NBSP}{text}{NBSP}»" if self.lang == "fr" else repr(text)
        return str(super().format_field(value, format_spec))


# What the code itself stores in English (a revision's default reason, how consent was given),
# said in French where it is shown in French; what a person typed is shown as typed.
RECORDED_FR = {
    "created": "création",
    "revoked": "révocation",
    "disabled": "désactivation",
    "link": "lien de mot de passe",
    "forgotten password": "mot de passe oublié",
    "password set": "mot de passe choisi",
    "applied from a schedule file": "application d’un fichier de calendrier",
    "imported from a notice": "importation d’un avis",
    "created by a notice import": "création par l’importation d’un avis",
    "web form": "formulaire web",
    "public API": "API publique",
    "imported by an admin": "importé par un administrateur",
    "needs its secret again": "a besoin de nouveau de son secret",
}


# Why an endpoint was disabled, as actions/endpoints.py and actions/notifications.py store it.
_DISABLED_BY = re.compile(r"disabled by (?P<who>.+)", re.S)
_GAVE_UP = re.compile(r"gave up after (?P<n>\d+) attempts: (?P<error>.*)", re.S)


def say_recorded(text: str, lang: Lang) -> str:
    """A default reason, a consent or why an endpoint was disabled, as the code recorded it,
    in `lang` (any other text as it is)."""
    if lang != "fr":
        return text
    if found := _DISABLED_BY.fullmatch(text):
        return f"désactivé par {found['who']}"
    if found := _GAVE_UP.fullmatch(text):
        return f"abandonné après {found['n']} tentatives{NBSP}: {found['error']}"
    return RECORDED_FR.get(text, text)


def say(code: str, params: Mapping[str, Any], lang: Lang) -> str:
    """Message `code` with its parameters in `lang`."""
    entry = CATALOGUE[code]
    form = "other"
    if entry.count:
        count = params.get(entry.count)
        form = _locale(lang).plural_form(count) if isinstance(count, int) else "other"
    words = template(entry, lang, form)
    if lang == "fr":
        words = typography(words)
    return _Saying(lang).vformat(words, (), dict(params))


def known(code: str) -> bool:
    return code in CATALOGUE


def severity_word(severity: str, lang: Lang) -> str:
    return _SEVERITY[lang][severity]


def say_problem(problem: Problem, lang: Lang) -> str:
    """A problem's message (without its place) in `lang`."""
    if problem.code in CATALOGUE:
        return say(problem.code, problem.params, lang)
    return problem.message


def describe(problem: Problem, lang: Lang, source: str | None = None) -> str:
    """ "file:3: error: field: message", in `lang`."""
    place = ":".join(p for p in (source or "", str(problem.line or "")) if p)
    colon = f"{NBSP}: " if lang == "fr" else ": "
    where = f"{place}: " if place else ""  # file:line: as compilers write it, in any language
    field = f"{problem.field}{colon}" if problem.field else ""
    word = severity_word(problem.severity.value, lang)
    return f"{where}{word}{colon}{field}{say_problem(problem, lang)}"


def say_error(exc: BaseException, lang: Lang) -> str:
    """An error's message in `lang` (its English words if it carries no message id)."""
    if not isinstance(exc, PreavisError):
        return str(exc)
    if isinstance(exc, ScheduleError) and exc.problems:
        first = describe(exc.problems[0], lang, exc.source)
        more = len(exc.problems) - 1
        return (
            first if more <= 0 else say("schedule.problems", {"first": first, "count": more}, lang)
        )
    if exc.code in CATALOGUE:
        return say(exc.code, exc.params, lang)
    return str(exc)


def english_of(code: str, params: Mapping[str, Any]) -> str:
    return english(code, params)
