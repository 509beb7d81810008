"""From printed windows to instants: the missing year, weekdays, zones and DST changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from preavis.domain.errors import PreavisError
from preavis.domain.zones import zone as get_zone
from preavis.domain.zones import zone_label
from preavis.notices.numeric import NumericOrder, as_day_month
from preavis.notices.when import DatePart, InstantPart, Note, TimePart, WindowMatch, zone_of

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


SLACK = timedelta(days=31)
MAX_REPEAT_DAYS = 92  # a window repeated each day covers at most this many days


def _year_from_end(start: DatePart, end: DatePart | None) -> DatePart:
    """ "du 5 juillet au 17 août 2025", "December 28 to January 3, 2026": the year printed
    once, at the end, is the start's too (the year before when the range crosses a new year)."""
    if start.year is not None or start.month is None or end is None or end.year is None:
        return start
    if end.month is None:
        return start
    return replace(start, year=end.year - (1 if start.month > end.month else 0))


def _show(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


@dataclass(frozen=True, slots=True)
class YearChoice:
    year: int | None
    anchor: date | None
    warning: str | None = None
    code: str = ""  # the warning's id in the catalogue, and its parameters
    params: dict[str, Any] = field(default_factory=dict)


def _printed_dates(windows: Iterable[WindowMatch], order: str | None = None) -> list[DatePart]:
    parts = []
    for window in windows:
        for instant in (window.start, window.end):
            if instant.date is not None and instant.date.month is not None:
                parts.append(instant.date)
            elif instant.date is not None and (named := as_day_month(instant.date, order)):
                parts.append(named)  # "Saturday 2/19": its weekday helps choose the year
    return parts


def choose_year(
    windows: list[WindowMatch],
    year: int | None,
    reference: date | None,
    mentioned: Iterable[int] = (),
    order: NumericOrder | None = None,
) -> YearChoice:
    """The year of the notice's first date: given, printed, told by weekdays, or the next one."""
    dates = _printed_dates(windows, order.order if order else None)
    first = next((d for d in dates if d.day is not None and d.month is not None), None)
    if year is not None:
        return YearChoice(year, _anchor(first, year))
    printed = Counter(d.year for d in dates if d.year is not None)
    numeric_years = Counter(
        w.start.date.year
        for w in windows
        if w.start.date is not None and w.start.date.numeric and w.start.date.year
    )
    printed.update(numeric_years)
    if printed:
        chosen = printed.most_common(1)[0][0]
        anchor_part = next((d for d in dates if d.year == chosen), first)
        return YearChoice(chosen, _anchor(anchor_part, chosen))
    if first is None or first.month is None or first.day is None:
        return YearChoice(None, None)
    elsewhere = set(mentioned)
    constraints = {
        (d.month, d.day, d.weekday)
        for d in dates
        if d.weekday is not None and d.month is not None and d.day is not None
    }
    if reference is not None:  # "Regulations 1989" is not the notice's year
        elsewhere = {y for y in elsewhere if abs(y - reference.year) <= 1}
    if len(elsewhere) == 1:  # one year printed elsewhere, in a title or a sentence
        only = elsewhere.pop()
        if constraints and not all(_weekday(only, m, dd) == wd for m, dd, wd in constraints):
            # "Friday, December 13" under a title that says 2020: the weekday says 2019.
            fits = [
                y
                for y in (only - 1, only + 1)
                if all(_weekday(y, m, dd) == wd for m, dd, wd in constraints)
            ]
            if len(fits) == 1:
                return YearChoice(
                    fits[0],
                    _anchor(first, fits[0]),
                    f"the year printed elsewhere ({only}) does not fit the weekdays; read as "
                    f"{fits[0]}, where they fit",
                    "notice.year_elsewhere_unfit",
                    {"printed": only, "year": fits[0]},
                )
        return YearChoice(only, _anchor(first, only))
    if constraints and reference is not None:
        fits = [
            y
            for y in range(reference.year - 1, reference.year + 3)
            if all(_weekday(y, m, dd) == wd for m, dd, wd in constraints)
        ]
        if len(fits) == 1:
            return YearChoice(fits[0], _anchor(first, fits[0]))
    if reference is None:
        return YearChoice(
            None,
            None,
            "no year is printed and no reference date was given",
            "notice.no_year_no_reference",
        )
    base = reference.year
    if (first.month, first.day) < (reference.month, reference.day):
        base += 1
    anchor = _anchor(first, base)
    shown = f"{MONTH_NAMES[first.month - 1]} {first.day}"
    return YearChoice(
        base,
        anchor,
        f"no year is printed: read as {base}, the next {shown} after {reference.isoformat()} "
        "(pass --year to choose)",
        "notice.year_guessed",
        {"year": base, "day": anchor, "reference": reference},
    )


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def _anchor(part: DatePart | None, year: int) -> date | None:
    if part is None or part.month is None or part.day is None:
        return None
    try:
        return date(year, part.month, part.day)
    except ValueError:
        return date(year, part.month, 1)


@dataclass(slots=True)
class Resolver:
    """Turns printed windows into aware instants, reporting what it had to decide."""

    choice: YearChoice
    zone: ZoneInfo
    warn: Note
    fail: Note
    span: tuple[date, date] | None = None  # the announced bounds, once read
    order: NumericOrder | None = None  # how ambiguous numeric dates read

    def _year_for(self, candidates: list[date], after: date | None, base: int) -> date:
        """An end date is the first occurrence on or after its start; another date falls in the
        announced bounds, else on or after the notice's first date (a month's slack for
        small disagreements such as a row starting just before the introduction says)."""
        if after is not None:
            later = [c for c in candidates if c >= after]
            if later:
                return later[0]
        if self.span is not None:
            low, high = self.span
            inside = [c for c in candidates if low <= c <= high]
            if inside:
                return inside[0]
            near = [c for c in candidates if low - SLACK <= c <= high + SLACK]
            if near:
                return min(near, key=lambda c: min(abs((c - low).days), abs((c - high).days)))
        anchor = self.choice.anchor
        if anchor is not None:
            later = [c for c in candidates if c >= anchor - SLACK]
            if later:
                return later[0]
        return next((c for c in candidates if c.year == base), candidates[0])

    def calendar_date(self, part: DatePart, line: int, after: date | None) -> date | None:
        """The printed date; without a year, the occurrence that fits the notice's order."""
        if part.numeric is not None:
            a, b = part.numeric
            if a > 12 >= b:
                day, month = a, b
            elif b > 12 >= a:
                month, day = a, b
            elif a == b:
                day = month = a
            elif self.order is not None:
                day, month = (a, b) if self.order.order == "dmy" else (b, a)
                printed = f"{a:02d}/{b:02d}" + (f"/{part.year}" if part.year else "")
                order = "day/month" if self.order.order == "dmy" else "month/day"
                self.warn(
                    line,
                    f"{printed} read as {MONTH_NAMES[month - 1]} {day} "
                    f"({order}, {self.order.reason})",
                    "notice.numeric_read_as",
                    printed=printed,
                    month=MONTH_NAMES[month - 1],
                    day=day,
                    order=order,
                    why=self.order.reason,
                )
            else:
                printed = f"{a:02d}/{b:02d}" + (f"/{part.year}" if part.year else "")
                self.fail(
                    line,
                    f"{printed} is ambiguous (day/month or month/day): write the month in words",
                    "notice.date_ambiguous",
                    date=printed,
                )
                return None
            part = DatePart(day, month, part.year, part.weekday)
        if part.day is None or part.month is None:
            return None
        year = part.year
        if year is None:
            base = self.choice.year
            if base is None:
                self.fail(
                    line,
                    "no year could be worked out for this date: pass --year",
                    "notice.no_year",
                )
                return None
            candidates = []
            for y in (base - 1, base, base + 1, base + 2):
                try:
                    candidates.append(date(y, part.month, part.day))
                except ValueError:
                    continue
            if not candidates:
                self.fail(
                    line,
                    f"{MONTH_NAMES[part.month - 1]} {part.day} does not exist",
                    "notice.no_such_day",
                    date=f"{part.day:02d}/{part.month:02d}",
                )
                return None
            found = self._year_for(candidates, after, base)
            fits = [c for c in candidates if c.weekday() == part.weekday]
            if part.weekday is not None and len(fits) == 1 and fits[0] != found:
                # "Tuesday, April 24th" in a list of advisories, newest first: the weekday
                # tells the year better than the order of the dates.
                found = fits[0]
                self.warn(
                    line,
                    f"no year is printed with {MONTH_NAMES[part.month - 1]} {part.day}: read "
                    f"as {found.year}, the year in which it is a {WEEKDAY_NAMES[part.weekday]}",
                    "notice.year_from_weekday",
                    month=MONTH_NAMES[part.month - 1],
                    day=part.day,
                    year=found.year,
                    weekday=WEEKDAY_NAMES[part.weekday],
                )
        else:
            try:
                found = date(year, part.month, part.day)
            except ValueError:
                self.fail(
                    line,
                    f"{MONTH_NAMES[part.month - 1]} {part.day}, {year} does not exist",
                    "notice.no_such_day",
                    date=f"{year}-{part.month:02d}-{part.day:02d}",
                )
                return None
        if part.weekday is not None and found.weekday() != part.weekday:
            self.warn(
                line,
                f"{_show(found)} is a {WEEKDAY_NAMES[found.weekday()]}, not a "
                f"{WEEKDAY_NAMES[part.weekday]} as printed; the date was kept",
                "notice.weekday_mismatch",
                day=found,
                weekday=WEEKDAY_NAMES[found.weekday()],
                printed=WEEKDAY_NAMES[part.weekday],
            )
        return found

    def windows(self, match: WindowMatch, line: int) -> list[tuple[datetime, datetime]]:
        """Every occurrence of a window: one, or one a day for "each night … June 3–7"."""
        if match.until is None:
            found = self.window(match, line)
            if found is not None:  # "ends as a later sentence says (…)"
                match.say_note(self.warn, line)
            return [] if found is None else [found]
        first = self.window(replace(match, until=None), line)
        if first is None:
            return []
        first_day = first[0].astimezone(self.zone).date()
        last_day = self.calendar_date(match.until, line, first_day)
        if last_day is None:
            return []
        if last_day < first_day or (last_day - first_day).days > MAX_REPEAT_DAYS:
            self.fail(
                line,
                f"the days of “{_flat(match.text)}” do not make a range",
                "notice.not_a_range",
                window=_flat(match.text),
            )
            return []
        match.say_note(self.warn, line)
        out = []
        day = first_day
        while day <= last_day:
            if match.weekdays is None or day.weekday() in match.weekdays:
                one = self.window(
                    replace(
                        match,
                        until=None,
                        start=replace(
                            match.start, date=DatePart(day.day, day.month, day.year, None)
                        ),
                    ),
                    line,
                )
                if one is not None:
                    out.append(one)
            day += timedelta(days=1)
        return out

    def window(self, match: WindowMatch, line: int) -> tuple[datetime, datetime] | None:
        start_part, end_part = match.start, match.end
        if match.duration is not None:
            return self._lasting(match, line)
        before_end = self._weekday_before_end(start_part, end_part, line)
        if before_end is not None:
            start_part = replace(start_part, date=before_end)
        start_date_part = start_part.date or (
            end_part.date if end_part.date and end_part.date.day else None
        )
        if start_date_part is None or (
            start_date_part.day is None and start_date_part.numeric is None
        ):
            self.fail(
                line,
                f"the window “{_flat(match.text)}” has no date",
                "notice.window_no_date",
                window=_flat(match.text),
            )
            return None
        start_date_part = _year_from_end(start_date_part, end_part.date)
        start_day = self.calendar_date(start_date_part, line, None)
        if start_day is None:
            return None
        if end_part.date is not None and (end_part.date.day is not None or end_part.date.numeric):
            end_day = self.calendar_date(end_part.date, line, start_day)
            # "from 11 p.m. to 2 a.m. on March 3": one date for both ends, so overnight is allowed
            explicit_end_date = start_part.date is not None
        elif end_part.date is not None and end_part.date.weekday is not None:
            ahead = (end_part.date.weekday - start_day.weekday()) % 7
            end_day = start_day + timedelta(days=ahead)
            explicit_end_date = True
        else:
            end_day = start_day
            explicit_end_date = False
        if end_day is None:
            return None
        start_zone = self._zone(start_part, end_part, line)
        end_zone = self._zone(end_part, start_part, line)
        if start_zone is None or end_zone is None:
            return None
        start_time = start_part.time
        if start_time is not None and start_time.end_of_day and start_part.date is None:
            # "de minuit à 3 h le 17 octobre": midnight that opens a window on a date is 0 h
            start_time = TimePart(0, 0)
        starts_at = self._instant(start_day, start_time, start_zone, line, "start")
        if starts_at is None:
            return None
        ends_at = self._instant(end_day, end_part.time, end_zone, line, "end")
        if ends_at is None:
            return None
        if ends_at <= starts_at and not explicit_end_date:
            ends_at = self._instant(end_day + timedelta(days=1), end_part.time, end_zone, line, "")
            if ends_at is None:
                return None
            if start_part.date is None:
                self.warn(
                    line,
                    f"“{_flat(match.text)}” read as overnight, from {_show(start_day)} to "
                    f"{_show(end_day + timedelta(days=1))}",
                    "notice.overnight",
                    window=_flat(match.text),
                    start=start_day,
                    end=end_day + timedelta(days=1),
                )
        elif (
            ends_at <= starts_at
            and end_part.date is not None
            and end_part.date.weekday is not None
            and end_part.date.day is None
        ):
            ends_at = self._instant(end_day + timedelta(days=7), end_part.time, end_zone, line, "")
            if ends_at is None:
                return None
        if ends_at <= starts_at:
            self.fail(
                line,
                f"the window “{_flat(match.text)}” ends before it starts",
                "notice.ends_before_start",
                window=_flat(match.text),
            )
            return None
        return starts_at, ends_at

    def _weekday_before_end(
        self, start: InstantPart, end: InstantPart, line: int
    ) -> DatePart | None:
        """ "from 11 p.m. Friday until 7 a.m. Saturday, April 4": the start's weekday is the
        last such day on or before the end's date."""
        first, last = start.date, end.date
        if first is None or first.weekday is None or first.day is not None or first.numeric:
            return None
        if last is None or (last.day is None and last.numeric is None):
            return None
        end_day = self.calendar_date(last, line, None)
        if end_day is None:
            return None
        day = end_day - timedelta(days=(end_day.weekday() - first.weekday) % 7)
        return DatePart(day.day, day.month, day.year, first.weekday)

    def _lasting(self, match: WindowMatch, line: int) -> tuple[datetime, datetime] | None:
        """A start and a duration ("at 9 p.m. on June 20 for about two hours")."""
        assert match.duration is not None
        part = match.start
        if part.date is None or (part.date.day is None and part.date.numeric is None):
            self.fail(
                line,
                f"the window “{_flat(match.text)}” has no date",
                "notice.window_no_date",
                window=_flat(match.text),
            )
            return None
        day = self.calendar_date(part.date, line, None)
        zone = self._zone(part, match.end, line)
        if day is None or zone is None:
            return None
        starts_at = self._instant(day, part.time, zone, line, "start")
        if starts_at is None:
            return None
        return starts_at, starts_at + match.duration

    def _zone(
        self, part: InstantPart, other: InstantPart, line: int
    ) -> tuple[ZoneInfo, bool | None] | None:
        words = part.zone or other.zone
        if words is None:
            return self.zone, None
        found = zone_of(words)
        if found is None:
            self.fail(line, f"unknown time zone “{words}”", "notice.unknown_zone", zone=words)
            return None
        try:
            return get_zone(found[0]), found[1]
        except PreavisError:
            self.fail(line, f"unknown time zone “{words}”", "notice.unknown_zone", zone=words)
            return None

    def _instant(
        self,
        day: date,
        printed: TimePart | None,
        zone: tuple[ZoneInfo, bool | None],
        line: int,
        role: str,
    ) -> datetime | None:
        tz, daylight = zone
        if printed is None:
            if role == "start":
                self.warn(
                    line,
                    f"no start time is printed for {_show(day)}: read as 0 h (start of day)",
                    "notice.no_start_time",
                    day=day,
                )
                wall = datetime.combine(day, time(0, 0))
            else:
                if role == "end":
                    self.warn(
                        line,
                        f"no end time is printed for {_show(day)}: read as the end of that day",
                        "notice.no_end_time",
                        day=day,
                    )
                wall = datetime.combine(day + timedelta(days=1), time(0, 0))
        elif printed.end_of_day:
            if printed.word in ("minuit", "midnight"):
                self.warn(
                    line,
                    f"“{printed.word}” on {_show(day)} read as the end of that day "
                    f"(0 h on {_show(day + timedelta(days=1))})",
                    "notice.midnight",
                    word=printed.word,
                    day=day,
                    next=day + timedelta(days=1),
                )
            wall = datetime.combine(day + timedelta(days=1), time(0, 0))
        else:
            if not 0 <= printed.hour <= 23:
                self.fail(
                    line,
                    f"{printed.hour} h is not a time of day",
                    "notice.bad_hour",
                    hour=printed.hour,
                )
                return None
            wall = datetime.combine(day, time(printed.hour, printed.minute))
        early = wall.replace(tzinfo=tz, fold=0)
        late = wall.replace(tzinfo=tz, fold=1)
        if early.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:
            self.fail(
                line,
                f"{wall:%Y-%m-%d %H:%M} does not exist in {tz.key}: the clocks skip it at a "
                "daylight-saving change",
                "notice.dst_gap",
                when=f"{wall:%Y-%m-%d %H:%M}",
                zone=tz.key,
            )
            return None
        chosen = early
        if early.utcoffset() != late.utcoffset():
            if daylight is None:
                self.warn(
                    line,
                    f"{wall:%Y-%m-%d %H:%M} happens twice in {tz.key} (daylight-saving change): "
                    f"read as the first, {zone_label(tz, 'en', early)} ({_offset(early)})",
                    "notice.dst_twice",
                    when=f"{wall:%Y-%m-%d %H:%M}",
                    zone=tz.key,
                    offset=_offset(early),
                )
            else:
                chosen = early if bool(early.dst()) == daylight else late
        elif daylight is not None and bool(early.dst()) != daylight and tz.key != "UTC":
            self.warn(
                line,
                f"the notice prints {'daylight' if daylight else 'standard'} time, but on "
                f"{_show(day)} {tz.key} is on {zone_label(tz, 'en', early)} ({_offset(early)}): "
                "read as local time",
                "notice.prints_daylight" if daylight else "notice.prints_standard",
                day=day,
                zone=tz.key,
                label=zone_label(tz, "en", early),
                offset=_offset(early),
            )
        # In UTC: same-zone comparisons and subtractions ignore `fold` and use wall clocks.
        return chosen.astimezone(UTC)


def _offset(at: datetime) -> str:
    delta = at.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _flat(text: str) -> str:
    return " ".join(text.split())
