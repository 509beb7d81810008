"""Dates, times and windows as people write them in Canada, in French and in English.

"Du 25 juin, 20 h au 2 juillet, 7 h (HE)" / "From June 25, 8 p.m. to July 2, 7 a.m. ET".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact
from preavis.domain.text import Lang
from preavis.domain.timeline import ServiceStatus
from preavis.domain.zones import zone_label

MONTHS: dict[Lang, tuple[str, ...]] = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

# Abbreviations as written in Canada (OQLF in French, Canadian Press in English): "juill.",
# "déc.", never "juil" or "déce".
MONTHS_SHORT: dict[Lang, tuple[str, ...]] = {
    "fr": (
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juill.", "août", "sept.", "oct.", "nov.", "déc.",
    ),
    "en": (
        "Jan.", "Feb.", "March", "April", "May", "June",
        "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    ),
}  # fmt: skip

IMPACT_WORDS: dict[Lang, dict[Impact, str]] = {
    "fr": {
        Impact.OPERATIONAL: "disponible",
        Impact.LIMITED: "limité",
        Impact.UNAVAILABLE: "indisponible",
    },
    "en": {
        Impact.OPERATIONAL: "operational",
        Impact.LIMITED: "limited",
        Impact.UNAVAILABLE: "unavailable",
    },
}


def format_time(local: datetime, lang: Lang) -> str:
    """A wall-clock time: "20 h", "23 h 59", "0 h" / "8 p.m.", "11:59 p.m.", "noon"."""
    hour, minute = local.hour, local.minute
    if lang == "fr":
        return f"{hour} h" if minute == 0 else f"{hour} h {minute:02d}"
    if hour == 12 and minute == 0:
        return "noon"
    suffix = "a.m." if hour < 12 else "p.m."
    twelve = hour % 12 or 12
    return f"{twelve} {suffix}" if minute == 0 else f"{twelve}:{minute:02d} {suffix}"


def format_date(local: datetime, lang: Lang, *, year: bool = False) -> str:
    """A calendar date: "1er juillet 2025" / "July 1, 2025" (year only when asked)."""
    month = MONTHS[lang][local.month - 1]
    if lang == "fr":
        day = "1er" if local.day == 1 else str(local.day)
        return f"{day} {month} {local.year}" if year else f"{day} {month}"
    return f"{month} {local.day}, {local.year}" if year else f"{month} {local.day}"


def zone_suffix(tz: ZoneInfo, lang: Lang, at: datetime) -> str:
    """What follows a time: "(HE)" / "ET"; a zone without a generic name, its season's."""
    label = zone_label(tz, lang)
    if label == tz.key:  # no generic name: use the season's abbreviation (CEST, …)
        label = zone_label(tz, lang, at)
    return f"({label})" if lang == "fr" else label


def repeated_hour(at: datetime, tz: ZoneInfo) -> bool:
    """Whether `at`'s wall time in `tz` happens twice (the hour daylight saving repeats)."""
    local = at.astimezone(tz)
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _clock(at: datetime, tz: ZoneInfo, lang: Lang, season: bool) -> str:
    """A time; with `season`, its season's zone after it: "1 h 30 (HNE)" / "1:30 a.m. EST"."""
    text = format_time(at.astimezone(tz), lang)
    if not season:
        return text
    label = zone_label(tz, lang, at)
    return f"{text} ({label})" if lang == "fr" else f"{text} {label}"


def format_instant(
    at: datetime,
    tz: ZoneInfo,
    lang: Lang,
    *,
    year: bool = False,
    label: bool = True,
    seasons: bool = True,
) -> str:
    """ "2 juillet, 7 h (HE)" / "July 2, 7 a.m. ET". A wall time daylight saving repeats
    says its season instead ("7 novembre, 1 h 30 (HNE)"), label or not, unless `seasons` is
    False (a caller that labels it its own way)."""
    if seasons and repeated_hour(at, tz):
        return _stamp(at, tz, lang, year, True)
    text = _stamp(at, tz, lang, year, False)
    return f"{text} {zone_suffix(tz, lang, at)}" if label else text


def _stamp(at: datetime, tz: ZoneInfo, lang: Lang, year: bool, season: bool) -> str:
    return f"{format_date(at.astimezone(tz), lang, year=year)}, {_clock(at, tz, lang, season)}"


def format_window(
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    lang: Lang,
    *,
    year: bool = False,
    lead: bool = True,
    label: bool = True,
) -> str:
    """ "Du 25 juin, 20 h au 2 juillet, 7 h (HE)" / "From June 25, 8 p.m. to July 2, 7 a.m. ET".

    A window within one day says its date once: "Le 28 novembre, de 14 h 40 à 16 h 38 (HE)" /
    "November 28, from 2:40 p.m. to 4:38 p.m. ET" (without `lead`: "le 28 novembre, de 14 h 40
    à 16 h 38" / "November 28, 2:40 p.m. to 4:38 p.m."). When a wall time of either end is one
    daylight saving repeats, each end says its season instead of the zone's generic name:
    "Le 7 novembre, de 0 h 30 (HAE) à 1 h 30 (HNE)" is two hours, not one."""
    first, last = start.astimezone(tz), end.astimezone(tz)
    seasons = repeated_hour(start, tz) or repeated_hour(end, tz)
    if first.date() == last.date():
        day = format_date(first, lang, year=year)
        since, until = (_clock(at, tz, lang, seasons) for at in (start, end))
        if lang == "fr":
            text = f"{'Le' if lead else 'le'} {day}, de {since} à {until}"
        else:
            text = f"{day}, {'from ' if lead else ''}{since} to {until}"
    else:
        since, until = (_stamp(at, tz, lang, year, seasons) for at in (start, end))
        if lang == "fr":
            text = f"{'Du' if lead else 'du'} {since} au {until}"
        else:
            text = f"{'From ' if lead else ''}{since} to {until}"
    if seasons or not label:
        return text
    return f"{text} {zone_suffix(tz, lang, start)}"


def format_recorded(path: str, value: object, tz: ZoneInfo, lang: Lang) -> str | None:
    """A recorded field's value as a person reads it, or None when it needs words of its own
    (an impact, a state): nothing is "—", an instant ("…_at", stored in UTC) is its date and
    time in the maintenance's zone, year included ("8 mars 2099, 1 h (HE)")."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and path.endswith("_at"):
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_instant(at, tz, lang, year=True) if at.tzinfo else value
    return None


def format_path(path: Sequence[ServiceStatus], at: datetime, tz: ZoneInfo, lang: Lang) -> str:
    """A service's way back, from `Timeline.ahead`: "limité dès le 25 juin, 22 h, puis
    indisponible du 30 juin, 18 h au 2 juillet, 7 h (HE)" / "limited from June 25, 10 p.m.,
    then unavailable from June 30, 6 p.m. to July 2, 7 a.m. ET". The stretch in effect at `at`
    reads "jusqu’au 30 juin, 18 h" / "until June 30, 6 p.m." (its impact is shown beside)."""
    pieces = []
    for n, stretch in enumerate(path):
        word = IMPACT_WORDS[lang][stretch.impact]
        since, until = stretch.since, stretch.until
        last = n == len(path) - 1
        if since is None or until is None:  # lanes are bounded on both sides when down
            continue
        end = format_instant(until, tz, lang, label=False)
        start = format_instant(since, tz, lang, label=False)
        if since <= at:
            piece = f"jusqu’au {end}" if lang == "fr" else f"until {end}"
        elif not last:
            piece = f"{word} dès le {start}" if lang == "fr" else f"{word} from {start}"
        elif lang == "fr":
            piece = f"{word} {format_window(since, until, tz, lang, lead=False, label=False)}"
        elif since.astimezone(tz).date() == until.astimezone(tz).date():
            piece = f"{word} on {format_window(since, until, tz, lang, label=False)}"
        else:
            piece = f"{word} from {start} to {end}"
        if n:
            piece = f"puis {piece}" if lang == "fr" else f"then {piece}"
        pieces.append(piece)
    if not pieces:
        return ""
    return f"{', '.join(pieces)} {zone_suffix(tz, lang, at)}"


# Zone names as people say them, from the generic label ("HP" / "PT").
ZONE_NAMES: dict[Lang, dict[str, str]] = {
    "fr": {
        "HT": "heure de Terre-Neuve", "HA": "heure de l’Atlantique", "HE": "heure de l’Est",
        "HC": "heure du Centre", "HR": "heure des Rocheuses", "HP": "heure du Pacifique",
        "UTC": "temps universel coordonné",
    },
    "en": {
        "NT": "Newfoundland Time", "AT": "Atlantic Time", "ET": "Eastern Time",
        "CT": "Central Time", "MT": "Mountain Time", "PT": "Pacific Time",
        "UTC": "Coordinated Universal Time",
    },
}  # fmt: skip


def zone_name(tz: ZoneInfo, lang: Lang) -> str:
    """ "heure du Pacifique (HP)" / "Pacific Time (PT)"; a zone without a common name keeps
    its IANA name ("Europe/Paris"), which says it without guessing."""
    label = zone_label(tz, lang)
    name = ZONE_NAMES[lang].get(label)
    return f"{name} ({label})" if name else tz.key
