"""What went wrong, in the visitor's language: the public pages' errors, by kind and field.

Each error is explained from its class, its field and the value the visitor sent, in words of
the one catalogue (domain/messages.py, the `page.*` ids) said by formats/messages.py; an error
the page has no words of its own for is said from its own message id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from preavis.domain.errors import (
    AmbiguousTimeError,
    NonexistentTimeError,
    NotFoundError,
    PreavisError,
    UnknownZoneError,
    ValidationError,
)
from preavis.domain.zones import EARLIEST, LATEST, zone, zone_label
from preavis.formats.messages import known, say, say_error
from preavis.formats.wording import zone_name
from preavis.web.words import Words

_NAIVE = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


@dataclass(frozen=True, slots=True)
class Explained:
    """A message for the page, and the instants the visitor may have meant (a local time that
    daylight saving repeats): (label, query) pairs shown as buttons; for a moment that cannot
    be shown, the moment picker with what the visitor chose (`moment`), so the page is no dead
    end."""

    message: str
    choices: tuple[tuple[str, str], ...] = ()
    moment: tuple[str, str] | None = None  # (when, tz) for the picker: choose another moment


def _say(t: Words, code: str, **params: object) -> str:
    return say(code, params, t.lang)


def _year(value: str) -> int | None:
    head = value.strip()[:4]
    return int(head) if head.isdigit() else None


def _picked(params: dict[str, str]) -> tuple[str, str]:
    """The moment the visitor chose, as the picker shows it ("2025-03-09T02:30", a zone)."""
    value = (params.get("when") or params.get("at") or "").strip().replace(" ", "T")
    found = _NAIVE.match(value)
    tz = params.get("tz", "")
    return (found[0][:16] if found else ""), tz


def explain(exc: PreavisError, kind: str, params: dict[str, str], t: Words) -> Explained:
    """The visitor's words for `exc`, raised while serving a page of `kind` with `params`;
    a moment that cannot be shown comes with the picker, to choose another."""
    explained = _explain(exc, kind, params, t)
    moments = ("when", "at", "tz", "timezone")
    timely = isinstance(exc, UnknownZoneError | NonexistentTimeError | AmbiguousTimeError)
    if timely or (isinstance(exc, ValidationError) and (exc.field or "") in moments):
        return replace(explained, moment=_picked(params))
    return explained


def _explain(exc: PreavisError, kind: str, params: dict[str, str], t: Words) -> Explained:
    if isinstance(exc, NotFoundError):
        if kind == "service":
            return Explained(_say(t, "page.no_service"))
        if kind == "maintenance":
            return Explained(_say(t, "page.no_maintenance"))
        return Explained(_say(t, "page.no_page"))
    if not isinstance(exc, ValidationError):
        return Explained(_say(t, "page.unavailable"))
    field = exc.field or ""
    key = field
    value = params.get(key, "")
    if isinstance(exc, UnknownZoneError) or key in ("timezone", "tz"):
        return Explained(_say(t, "page.tz", value=params.get("tz", "")))
    if key == "query":
        return Explained(_say(t, "page.query"))
    year = _year(value)
    if year is not None and not EARLIEST.year <= year < LATEST.year:
        return Explained(
            _say(t, "page.range", value=value, first=EARLIEST.year, last=LATEST.year - 1)
        )
    if isinstance(exc, NonexistentTimeError):
        tz = zone(params.get("tz") or "UTC")
        named = zone_name(tz, t.lang)  # "heure de l’Est (HE)", as people say it
        return Explained(_say(t, "page.nonexistent", value=value.replace("T", " "), zone=named))
    if isinstance(exc, AmbiguousTimeError):
        return _ambiguous(value, params, t)
    if key == "at":
        if _NAIVE.fullmatch(value.strip()):
            return Explained(_say(t, "page.at_offset", value=value))
        return Explained(_say(t, "page.at", value=value))
    if key == "when":
        if value and not _NAIVE.fullmatch(value.strip()) and _NAIVE.match(value.strip()):
            return Explained(_say(t, "page.when_offset", value=value))
        return Explained(_say(t, "page.when", value=value))
    if exc.code and known(exc.code):
        return Explained(say_error(exc, t.lang))
    return Explained(_say(t, "page.invalid"))


def _ambiguous(value: str, params: dict[str, str], t: Words) -> Explained:
    """The two instants a repeated local time may be, each as a link to that moment."""
    tz = zone(params.get("tz") or "UTC")
    wall = datetime.fromisoformat(value.strip().replace(" ", "T"))
    choices = []
    for fold in (0, 1):
        local = wall.replace(tzinfo=tz, fold=fold)
        offset = local.isoformat(timespec="minutes")[-6:]
        label = zone_label(tz, t.lang, local.astimezone(UTC))
        shown = f"{wall:%H:%M} {label} (UTC{offset})"
        query = f"at={local.isoformat(timespec='minutes')}&tz={tz.key}"
        choices.append((shown, query))
    named = zone_name(tz, t.lang)
    message = _say(t, "page.ambiguous", value=value.replace("T", " "), zone=named)
    return Explained(message, tuple(choices))
