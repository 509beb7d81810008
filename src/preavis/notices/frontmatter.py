"""The start of a status-page post printed only as the page's date, in its front matter
(Hugo / cState: `date = 2021-02-26T07:00:00.000Z`, `date: 2021-08-16 13:00:00`), with the
length said in the text ("The total maintenance period should last less than 2 hours.",
"The expected downtime will be around 10 minutes.").

Read only when the text itself gives no window at all: the notice would otherwise be rejected
whole. The window is the page's date plus the longest duration said; its rows carry a warning
(the page's date is a guess at the start). A date the text prints that is not the page's day
means the page's date is not the window's: nothing is read."""

from __future__ import annotations

import re
from datetime import timedelta

from preavis.notices.affected import front_matter
from preavis.notices.layout import Record
from preavis.notices.pieces import DURATION, ONE_DATE, _amount
from preavis.notices.text import Line
from preavis.notices.when import DatePart, InstantPart, TimePart, WindowMatch, _date_part

_FENCE = re.compile(r"^\s*(?:---|\+\+\+)\s*$")
_DATE = re.compile(
    r"^\s*[\"']?date[\"']?\s*[:=]\s*[\"']?(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)"
    r"[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?\s*(?P<z>Z|UTC)?[\"']?\s*$",
    re.IGNORECASE,
)
_KEY = re.compile(r"^[\"']?[A-Za-z_][\w-]*[\"']?\s*(?::|=)(?:\s|$)")
_ITEM = re.compile(r"^(?:-\s+\S.*|[\"'][^\"']*[\"'],?|[\]\[],?)$")
_MOST = 40  # lines of front matter looked through
_LISTED = re.compile(
    r"^\s*[\"']?(?:affected[\w-]*|impacted[\w-]*|components)[\"']?\s*[:=]\s*(?P<v>\[.*)?$",
    re.IGNORECASE,
)
_TITLE = re.compile(r"^\s*[\"']?title[\"']?\s*[:=]\s*[\"']?(?P<v>.+?)[\"']?\s*$", re.I)


def _names(head: list[Line]) -> tuple[list[str], int] | None:
    """The front matter's affected list, on one line or several (`affectedsystems = [` and
    its quoted items; `affected:` and its `- item` lines), and its line."""
    texts = [ln.text for ln in head]
    for k, text in enumerate(texts):
        m = _LISTED.match(text)
        if m is None:
            continue
        if m["v"] is not None:  # a TOML / YAML array, maybe over several lines
            joined = text
            j = k
            while "]" not in joined and j + 1 < len(texts):
                j += 1
                joined += " " + texts[j].strip()
            names = front_matter(joined.replace(", ]", "]").replace(",]", "]")) or []
        else:  # a YAML list: its "- item" lines
            names = []
            for item in texts[k + 1 :]:
                if not re.match(r"^\s*-\s+\S", item):
                    break
                names.append(item.strip()[1:].strip().strip("\"'"))
        if names:
            return names, head[k].number
    return None


def _paragraph(body: list[Line], number: int) -> str:
    """The paragraph that holds line `number`: where its impact is said."""
    k = next(i for i, ln in enumerate(body) if ln.number == number)
    a = k
    while a > 0 and body[a - 1].text.strip():
        a -= 1
    b = k
    while b + 1 < len(body) and body[b + 1].text.strip():
        b += 1
    return " ".join(ln.text.strip() for ln in body[a : b + 1])


def _front(lines: list[Line]) -> tuple[list[Line], list[Line]] | None:
    """The front matter's lines and the body's: the notice opens with a run of `key: value`
    or `key = value` lines (their fences, list items and brackets among them; a `---` fence
    is already gone as a rule), at least three of them keys."""
    keys = 0
    for k, line in enumerate(lines[:_MOST]):
        text = line.text.strip()
        if _KEY.match(text):
            keys += 1
        elif text and not _FENCE.match(text) and not _ITEM.match(text):
            return (lines[:k], lines[k:]) if keys >= 3 else None
    return None


def _longest(body: list[Line]) -> tuple[timedelta, str, int] | None:
    found: list[tuple[timedelta, str, int]] = []
    for line in body:
        for m in DURATION.finditer(line.text):
            amount = _amount(m)
            if amount is not None:
                found.append((amount, " ".join(m.group(0).split()), line.number))
    return max(found, key=lambda f: f[0]) if found else None


def _other_day(body: list[Line], day: DatePart) -> bool:
    """The text prints a day and month, and none of them is the page's day."""
    said = []
    for line in body:
        for m in ONE_DATE.finditer(line.text):
            part = _date_part(m, "q")
            if part is not None and part.day is not None and part.month is not None:
                said.append((part.day, part.month))
    return bool(said) and (day.day, day.month) not in said


def page_date_window(lines: list[Line]) -> list[Record]:
    """The page's date as the start, plus the longest duration the text says, for each name
    of the front matter's affected list (rule `fields`), else one record with no name yet;
    none unless the notice opens with front matter holding a date with a time."""
    parts = _front(lines)
    if parts is None:
        return []
    head, body = parts
    stamp = next(((ln, m) for ln in head if (m := _DATE.match(ln.text))), None)
    lasting = _longest(body)
    if stamp is None or lasting is None:
        return []
    line, m = stamp
    day = DatePart(int(m["d"]), int(m["mo"]), int(m["y"]), None)
    if _other_day(body, day):
        return []
    start = InstantPart(day, TimePart(int(m["h"]), int(m["mi"])), "UTC" if m["z"] else None)
    printed = line.text.split("=", 1)[-1] if "=" in line.text else line.text.split(":", 1)[-1]
    printed = printed.strip().strip("\"'")
    at = line.text.find(printed)
    window = WindowMatch(
        start,
        InstantPart(None, None, None),
        at,
        at + len(printed),
        printed,
        duration=lasting[0],
        note=(
            f"(the page's date, in its front matter) read as the start, the end as that plus "
            f"the duration the text gives ({lasting[1]}): the text prints no start of its own"
        ),
        note_code="notice.page_date_start",
        note_args=(("duration", lasting[1]),),
    )
    span = (line.number, at + 1, line.number, at + len(printed) + 1)
    context = _paragraph(body, lasting[2])
    listed = _names(head)
    if listed is None:
        return [Record("", "", window, line.number, line.number, context=context,
                       rule="same clause", window_span=span)]  # fmt: skip
    names, number = listed
    return [Record(name, "", window, number, line.number, context=context, rule="fields",
                   window_span=span) for name in names]  # fmt: skip


__all__ = ["page_date_window"]
