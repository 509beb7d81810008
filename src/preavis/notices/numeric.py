"""Numeric dates printed with no year ("Saturday 2/19", « samedi 19/02 »): read as a day and a
month once the notice's order of numeric dates is known (dates.numeric_order), so that the
year can be chosen from their weekdays as for dates written in words."""

from __future__ import annotations

from preavis.notices.when import DatePart


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
