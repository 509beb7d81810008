"""Time zones: aware instants, local wall-clock times at DST changes, zone labels (HE/ET)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from preavis.domain.errors import (
    AmbiguousTimeError,
    InvalidTimeError,
    InvalidWindowError,
    NonexistentTimeError,
    UnknownZoneError,
)

ZONE_NAME_MAX = 64
# The instants Préavis accepts: UTC years 1900 to 2199. Wide enough for any real schedule, and
# narrow enough that every output can add its margins (a zone offset, a year of VTIMEZONE rules,
# a chart's padding, "recent for 14 days") without leaving the years datetime can hold.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)  # included
LATEST = datetime(2200, 1, 1, tzinfo=UTC)  # excluded


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`, or UnknownZoneError."""
    if not isinstance(name, str) or not name or len(name) > ZONE_NAME_MAX or ".." in name:
        raise UnknownZoneError.said("zone.not_iana", field="timezone", value=name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownZoneError.said(
            "zone.unknown", field="timezone", value=name, example="America/Toronto"
        ) from exc


def require_aware(value: datetime, field: str = "") -> datetime:
    """Return `value` in UTC; refuse a naive datetime (it would be guessed) and an instant
    outside [EARLIEST, LATEST).

    Every instant that enters the domain passes here (constructors, decisions, parsing), so
    stored data can always be displayed in any zone.
    """
    if not isinstance(value, datetime):
        raise InvalidTimeError.said("time.not_datetime", field=field or None, value=value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidTimeError.said("time.naive", field=field or None, value=value.isoformat())
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 is in year 0 in UTC
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise InvalidTimeError.said(
            "time.field_out_of_range" if field else "time.out_of_range",
            field=field or None,
            **({"name": field} if field else {}),
            value=value.isoformat(),
            first=f"{EARLIEST:%Y-%m-%d}",
            last=f"{LATEST.year - 1}-12-31",
        )
    return utc


def utc_window(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """A half-open window [starts_at, ends_at) in UTC; refused unless it ends after it starts."""
    start = require_aware(starts_at, "starts_at")
    end = require_aware(ends_at, "ends_at")
    if end <= start:
        raise InvalidWindowError.said(
            "window.end_not_after_start",
            field="ends_at",
            end=ends_at.isoformat(),  # as they were given (a local time stays local), not in UTC
            start=starts_at.isoformat(),
        )
    return start, end


def localize(wall: datetime, tz: ZoneInfo, field: str = "") -> datetime:
    """Attach `tz` to a naive wall-clock time, refusing times a DST change skips or repeats."""
    if wall.tzinfo is not None:
        raise InvalidTimeError("localize() takes a naive wall-clock time", field=field or None)
    early = wall.replace(tzinfo=tz, fold=0)
    late = wall.replace(tzinfo=tz, fold=1)
    shown = f"{wall:%Y-%m-%d %H:%M}"
    require_aware(early, field)  # in range (and in UTC without overflowing) before going round
    if early.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:
        raise NonexistentTimeError.said(
            "time.nonexistent", field=field or None, wall=shown, zone=tz.key
        )
    if early.utcoffset() != late.utcoffset():
        raise AmbiguousTimeError.said(
            "time.ambiguous",
            field=field or None,
            wall=shown,
            zone=tz.key,
            first=_offset(early),
            second=_offset(late),
        )
    return early


def _offset(value: datetime) -> str:
    delta = value.utcoffset() or timedelta(0)
    sign = "-" if delta < timedelta(0) else "+"
    minutes = abs(int(delta.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# What links and the picker send ("2025-06-30T19:00-04:00", "…:00Z"): `fromisoformat` reads it
# as the general pattern below would (a test holds the two to the same results).
# (`fromisoformat` takes "-00:60" as an hour: such offsets go to the general pattern's error.)
_PLAIN_INSTANT = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)", re.ASCII
)
_INSTANT = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<h>\d{2}):(?P<m>\d{2})"
    r"(?::(?P<s>\d{2})(?:\.(?P<frac>\d{1,9}))?)?"
    r"(?P<tz>[Zz]|[+-]\d{2}:\d{2})?"
)


def parse_instant(text: str, tz: ZoneInfo | None = None, field: str = "at") -> datetime:
    """Read an RFC 3339 instant (`2025-06-30T19:00-04:00`), or a local time when `tz` is given.

    Seconds are optional. A time without an offset needs `tz`; a local time that a DST change
    skips or repeats is refused. Anything else raises InvalidTimeError naming `field`.
    """
    raw = text.strip() if isinstance(text, str) else ""
    if _PLAIN_INSTANT.fullmatch(raw):  # the common form, read by the standard library
        try:
            at = datetime.fromisoformat(raw)
        except ValueError:
            pass  # read again below, for the error that says why
        else:
            require_aware(at, field)
            return at
    return _parse_instant(text, raw, tz, field)


def _parse_instant(text: str, raw: str, tz: ZoneInfo | None, field: str) -> datetime:
    """`parse_instant` by the general pattern."""
    match = _INSTANT.fullmatch(raw)
    if match is None:
        raise InvalidTimeError.said(
            "time.not_rfc3339", field=field, value=text, example="2025-06-30T19:00-04:00"
        )
    try:
        wall = datetime.fromisoformat(
            f"{match['date']}T{match['h']}:{match['m']}:{match['s'] or '00'}"
            + (f".{match['frac'][:6].ljust(6, '0')}" if match["frac"] else "")
        )
    except ValueError as exc:
        raise InvalidTimeError.said("time.not_real", field=field, value=text, why=str(exc)) from exc
    offset = match["tz"]
    if offset is None:
        if tz is None:
            raise InvalidTimeError.said("time.no_offset", field=field, value=text)
        return localize(wall, tz, field)
    if offset in ("Z", "z"):
        at = wall.replace(tzinfo=UTC)
    else:
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 23 or minutes > 59:
            raise InvalidTimeError.said("time.bad_offset", field=field, value=text, offset=offset)
        delta = timedelta(hours=hours, minutes=minutes) * (-1 if offset[0] == "-" else 1)
        at = wall.replace(tzinfo=timezone(delta))
    require_aware(at, field)
    return at  # with the offset it was given in; the range is checked


# Canadian generic zone labels, as notices print them: (fr, en) generic, then daylight and
# standard abbreviations (fr, en). "HE"/"ET" is America/Toronto local time, EDT in summer.
_EASTERN = (("HE", "ET"), ("HAE", "EDT"), ("HNE", "EST"))
_ATLANTIC = (("HA", "AT"), ("HAA", "ADT"), ("HNA", "AST"))
_NEWFOUNDLAND = (("HT", "NT"), ("HAT", "NDT"), ("HNT", "NST"))
_CENTRAL = (("HC", "CT"), ("HAC", "CDT"), ("HNC", "CST"))
_MOUNTAIN = (("HR", "MT"), ("HAR", "MDT"), ("HNR", "MST"))
_PACIFIC = (("HP", "PT"), ("HAP", "PDT"), ("HNP", "PST"))
ZONE_LABELS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "America/Toronto": _EASTERN,
    "America/Montreal": _EASTERN,
    "America/New_York": _EASTERN,
    "America/Detroit": _EASTERN,
    "America/Iqaluit": _EASTERN,
    "America/Nipigon": _EASTERN,
    "America/Thunder_Bay": _EASTERN,
    "America/Halifax": _ATLANTIC,
    "America/Moncton": _ATLANTIC,
    "America/Glace_Bay": _ATLANTIC,
    "America/Goose_Bay": _ATLANTIC,
    "Atlantic/Bermuda": _ATLANTIC,
    "America/St_Johns": _NEWFOUNDLAND,
    "America/Winnipeg": _CENTRAL,
    "America/Chicago": _CENTRAL,
    "America/Regina": _CENTRAL,
    "America/Rankin_Inlet": _CENTRAL,
    "America/Edmonton": _MOUNTAIN,
    "America/Denver": _MOUNTAIN,
    "America/Yellowknife": _MOUNTAIN,
    "America/Cambridge_Bay": _MOUNTAIN,
    "America/Vancouver": _PACIFIC,
    "America/Los_Angeles": _PACIFIC,
}
_UTC_NAMES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT"}


def zone_label(tz: tzinfo, lang: str, at: datetime | None = None) -> str:
    """The label printed after times: generic (HE / ET), or for `at` its season's (HAE / EDT).

    Zones without a Canadian generic name give their IANA name, or with `at` the abbreviation
    in force then (CEST).
    """
    key = getattr(tz, "key", None) or str(tz)
    if key in _UTC_NAMES or tz is UTC:
        return "UTC"
    labels = ZONE_LABELS.get(key)
    index = 0 if lang == "fr" else 1
    if labels is not None:
        if at is None:
            return labels[0][index]
        local = at.astimezone(tz)
        return labels[1 if local.dst() else 2][index]
    if at is None:  # no generic name is known: the IANA name says it without guessing a season
        return key
    return at.astimezone(tz).tzname() or key
