"""Numeric dates printed with no year ("Saturday 2/19", « samedi 19/02 »): read as a day and a
month once the notice's order of numeric dates is known (numeric_order below), so that the
year can be chosen from their weekdays as for dates written in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from preavis.notices.apart import weekday_order
from preavis.notices.when import DatePart, WindowMatch


def as_day_month(part: DatePart, order: str | None) -> DatePart | None:
    """A numeric date printed with no year, as a day and a month (None when it is not one, or
    when its order is not known: both numbers up to 12 and no order told)."""
    if part.numeric is None or part.year is not None:
        return None
    a, b = part.numeric
    if a > 12 >= b or (a <= 12 and b <= 12 and order == "dmy"):
        return DatePart(a, b, None, part.weekday) if 1 <= b <= 12 else None
    if b > 12 >= a or order == "mdy":
        return DatePart(b, a, None, part.weekday) if 1 <= a <= 12 else None
    return None


_US_ZONES = frozenset(
    (
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Los_Angeles", "America/Anchorage", "America/Juneau", "America/Detroit",
        "America/Boise", "America/Adak", "Pacific/Honolulu", "US/Eastern", "US/Central",
        "US/Mountain", "US/Pacific",
    )
)  # fmt: skip
_US_PREFIXES = ("America/Indiana/", "America/Kentucky/", "America/North_Dakota/")


@dataclass(frozen=True, slots=True)
class NumericOrder:
    """How a/b/yyyy dates with both numbers up to 12 read: "dmy" or "mdy", and why."""

    order: str
    reason: str


def numeric_order(
    windows: Iterable[WindowMatch], language: str, zone: str, years: Iterable[int] = ()
) -> NumericOrder | None:
    """The notice's order of numeric dates: told by its own dates ("9/17/2024" can only be
    month/day), else the convention of its language and place (French and outside North
    America day/month, the United States month/day); None when nothing tells (English in
    Canada writes both), and an ambiguous date stays an error."""
    told = set()
    for window in windows:
        for part in (window.start.date, window.end.date):
            if part is not None and part.numeric is not None:
                a, b = part.numeric
                if a > 12 >= b:
                    told.add("dmy")
                elif b > 12 >= a:
                    told.add("mdy")
                elif (by_weekday := weekday_order(part)) is not None:  # "Tuesday 07/08/2014"
                    told.add(by_weekday)
                elif part.year is None and part.weekday is not None:  # "9/7(Fri)", 2018 printed
                    fits = {o for y in set(years) if (o := weekday_order(replace(part, year=y)))}
                    told.update(fits if len(fits) == 1 else set())
    if len(told) == 1:
        order = told.pop()
        return NumericOrder(order, "as the notice's other numeric dates show")
    if told:
        return None
    if language == "fr":
        return NumericOrder("dmy", "the French order")
    if zone in _US_ZONES or zone.startswith(_US_PREFIXES):
        return NumericOrder("mdy", "the United States order")
    if zone.startswith(("Europe/", "Australia/", "Asia/", "Africa/", "Indian/", "Pacific/")):
        return NumericOrder("dmy", "the order used in the notice's zone")
    return None
