"""The maintenance editor's form: a maintenance as editable rows of text and back, with each
error kept next to the field it concerns, in the UI's language. Local times are read in the
maintenance's zone; one that daylight saving skips is refused and one it repeats is asked
about (the offset to choose), never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from preavis.domain.errors import (
    AmbiguousTimeError,
    NonexistentTimeError,
    ValidationError,
)
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance
from preavis.domain.text import Lang, Text
from preavis.domain.zones import localize, zone
from preavis.formats.messages import say_error

BLANK_ROWS = 3  # without JavaScript, new rows are these blank ones (save to get more)
MAX_ROWS = 80
_WALL = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::00)?$")
# Where the domain's field paths land in the form.
_ROW_FIELDS = {
    "service": "service",
    "impact": "impact",
    "starts_at": "start",
    "ends_at": "end",
    "description": "desc_fr",
}
_TOP_FIELDS = {"title": "title_fr", "summary": "summary_fr", "timezone": "timezone", "slug": "slug"}


def offset_of(value: datetime) -> str:
    delta = value.utcoffset() or timedelta(0)
    sign = "-" if delta < timedelta(0) else "+"
    minutes = abs(int(delta.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def wall_text(at: datetime, tz: ZoneInfo) -> tuple[str, str, list[str]]:
    """An instant as the editor shows it: local wall time, its offset, and the offsets to
    choose from when that wall time happens twice."""
    local = at.astimezone(tz)
    wall = local.replace(tzinfo=None)
    early, late = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    choices = [offset_of(early), offset_of(late)] if early.utcoffset() != late.utcoffset() else []
    return wall.strftime("%Y-%m-%dT%H:%M"), offset_of(local), choices


@dataclass
class Row:
    key: str = ""
    service: str = ""
    impact: str = Impact.UNAVAILABLE.value
    start: str = ""
    end: str = ""
    start_offset: str = ""
    end_offset: str = ""
    desc_fr: str = ""
    desc_en: str = ""
    remove: bool = False
    duplicate: bool = False
    start_choices: list[str] = field(default_factory=list)
    end_choices: list[str] = field(default_factory=list)

    def blank(self) -> bool:
        return not (self.service or self.start or self.end or self.desc_fr or self.desc_en)


@dataclass
class EditorForm:
    slug: str = ""
    title_fr: str = ""
    title_en: str = ""
    summary_fr: str = ""
    summary_en: str = ""
    timezone: str = "America/Toronto"
    revision: int | None = None
    reason: str = ""
    rows: list[Row] = field(default_factory=list)

    def with_blank_rows(self) -> EditorForm:
        kept = [r for r in self.rows if not r.blank()]
        self.rows = kept + [Row() for _ in range(BLANK_ROWS)]
        return self


def from_maintenance(m: Maintenance, revision: int) -> EditorForm:
    tz = m.zone
    rows = []
    for i in m.interruptions:
        start, start_offset, start_choices = wall_text(i.starts_at, tz)
        end, end_offset, end_choices = wall_text(i.ends_at, tz)
        rows.append(
            Row(
                key=i.key, service=i.service, impact=i.impact.value, start=start, end=end,
                start_offset=start_offset, end_offset=end_offset, desc_fr=i.description.fr,
                desc_en=i.description.en, start_choices=start_choices, end_choices=end_choices,
            )
        )  # fmt: skip
    return EditorForm(
        slug=m.slug, title_fr=m.title.fr, title_en=m.title.en, summary_fr=m.summary.fr,
        summary_en=m.summary.en, timezone=m.timezone, revision=revision, rows=rows,
    ).with_blank_rows()  # fmt: skip


def from_fields(get: dict[str, str]) -> EditorForm:
    """The form as posted (`get` holds every text field; checkboxes are present or not)."""
    revision = get.get("revision", "")
    form = EditorForm(
        slug=get.get("slug", "").strip(),
        title_fr=get.get("title_fr", "").strip(),
        title_en=get.get("title_en", "").strip(),
        summary_fr=get.get("summary_fr", "").strip(),
        summary_en=get.get("summary_en", "").strip(),
        timezone=get.get("timezone", "").strip(),
        revision=int(revision) if revision.isdigit() and len(revision) < 10 else None,
        reason=get.get("reason", "").strip(),
    )
    count = get.get("rows", "0")
    for n in range(min(int(count) if count.isdigit() and len(count) < 4 else 0, MAX_ROWS)):
        p = f"r{n}_"
        form.rows.append(
            Row(
                key=get.get(p + "key", ""), service=get.get(p + "service", "").strip(),
                impact=get.get(p + "impact", Impact.UNAVAILABLE.value),
                start=get.get(p + "start", "").strip(), end=get.get(p + "end", "").strip(),
                start_offset=get.get(p + "start_offset", ""),
                end_offset=get.get(p + "end_offset", ""),
                desc_fr=get.get(p + "desc_fr", "").strip(),
                desc_en=get.get(p + "desc_en", "").strip(),
                remove=p + "remove" in get, duplicate=p + "duplicate" in get,
            )
        )  # fmt: skip
    return form


@dataclass
class Parsed:
    """What the form says, or the errors keyed by field name (messages in the UI's language)."""

    title: Text
    summary: Text
    timezone: str
    interruptions: tuple[Interruption, ...]
    errors: dict[str, str]
    rows: list[int]  # the form row of each interruption, to place the domain's errors


def local_instant(
    text: str, offset: str, tz: ZoneInfo | None, words: dict[str, str]
) -> tuple[datetime | None, str, list[str]]:
    """A local time of the form: (instant, error, offsets to choose from)."""
    if not text:
        return None, words["required"], []
    match = _WALL.match(text)
    if match is None:
        return None, words["bad_time"], []
    try:
        wall = datetime.fromisoformat(f"{match[1]}T{match[2]}")
    except ValueError:
        return None, words["bad_time"], []
    if tz is None:
        return None, "", []
    try:
        return localize(wall, tz), "", []
    except NonexistentTimeError:
        return None, words["skipped_time"], []
    except AmbiguousTimeError:
        early, late = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
        choices = [offset_of(early), offset_of(late)]
        if offset == choices[0]:
            return early, "", choices
        if offset == choices[1]:
            return late, "", choices
        return None, words["repeated_time"], choices
    except ValidationError:
        return None, words["bad_time"], []


class WindowRow(Protocol):
    """What a form row holds of its impact and window (the editor's rows, the import's)."""

    impact: str
    start: str
    start_offset: str
    start_choices: list[str]
    end: str
    end_offset: str
    end_choices: list[str]


def row_window(
    row: WindowRow, p: str, tz: ZoneInfo | None, words: dict[str, str], errors: dict[str, str]
) -> tuple[datetime, datetime] | None:
    """A row's impact checked and its window read (the offsets to choose from kept on the row
    for a repeated hour): errors go under the row's prefix `p`; None when the row has any."""
    if row.impact not in (Impact.LIMITED.value, Impact.UNAVAILABLE.value):
        errors[p + "impact"] = words["required"]
    start, error, row.start_choices = local_instant(row.start, row.start_offset, tz, words)
    if error:
        errors[p + "start"] = error
    end, error, row.end_choices = local_instant(row.end, row.end_offset, tz, words)
    if error:
        errors[p + "end"] = error
    if start is not None and end is not None and end <= start:
        errors[p + "end"] = words["end_before_start"]
    if any(k.startswith(p) for k in errors) or start is None or end is None:
        return None
    return start, end


def parse(form: EditorForm, services: set[str], words: dict[str, str], lang: Lang = "fr") -> Parsed:
    errors: dict[str, str] = {}
    if not form.title_fr and not form.title_en:
        errors["title_fr"] = words["required"]
    tz: ZoneInfo | None = None
    try:
        tz = zone(form.timezone)
    except ValidationError:
        errors["timezone"] = words["unknown_zone"].format(name=form.timezone)
    items: list[Interruption] = []
    rows: list[int] = []
    for n, row in enumerate(form.rows):
        if row.blank() or row.remove:
            continue
        p = f"r{n}_"
        if row.service not in services:
            errors[p + "service"] = (
                words["unknown_service"].format(slug=row.service)
                if row.service
                else words["required"]
            )
        when = row_window(row, p, tz, words, errors)
        if when is None:
            continue
        start, end = when
        try:
            item = Interruption(
                row.service, Impact(row.impact), start, end, Text(row.desc_fr, row.desc_en),
                key=row.key if re.fullmatch(r"[a-z0-9]{1,32}", row.key) else "",
            )  # fmt: skip
        except ValidationError as exc:
            errors[row_field(n, exc.field)] = words["refused"].format(message=say_error(exc, lang))
            continue
        copies = [item, Interruption(item.service, item.impact, start, end, item.description)]
        for copy in copies[: 2 if row.duplicate else 1]:
            items.append(copy)
            rows.append(n)
    return Parsed(
        Text(form.title_fr, form.title_en), Text(form.summary_fr, form.summary_en),
        form.timezone, tuple(items), errors, rows,
    )  # fmt: skip


def row_field(row: int, path: str | None) -> str:
    """The form field a domain field path names inside one row."""
    leaf = (path or "").rsplit(".", 1)[-1].split("[")[0]
    return f"r{row}_{_ROW_FIELDS.get(leaf, 'service')}"


def form_field(path: str | None, rows: list[int]) -> str:
    """The form field a domain field path names ("interruptions[2].ends_at" -> "r3_end")."""
    path = path or ""
    match = re.match(r"interruptions\[(\d+)\](?:\.(\w+))?", path)
    if match is not None:
        index = int(match[1])
        row = rows[index] if index < len(rows) else 0
        return row_field(row, match[2] or "service")
    return _TOP_FIELDS.get(path.split(".")[0], "general")
