"""The import review as a form: the reader's rows, each with its evidence (the printed text that
gave its service and its window, the rule that tied them, its warnings in the UI's language),
corrected in place — service, impact, window, description; rows removed, added, or given one
window at once — before anything is saved. The evidence travels with its row in hidden fields,
so that adding rows, applying a window or a refused save keeps everything typed and shown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from preavis.actions.maintenances import slugify
from preavis.domain.errors import ValidationError
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.problems import Problem
from preavis.domain.service import ALIAS_MAX, Alias, Service, alias_key
from preavis.domain.text import Lang, Text
from preavis.domain.zones import zone
from preavis.formats.messages import say_error, say_problem
from preavis.notices.evidence import Span, name_doubted
from preavis.notices.reading import NoticeInterruption, Reading
from preavis.web.admin_ui.forms import local_instant, row_window, wall_text

BLANK_ROWS = 3
MAX_ROWS = 200  # a notice may have more rows than a hand-made maintenance
_QUOTE_MAX = 300
APPLIED = ("apply_service", "apply_impact", "apply_start", "apply_end")


@dataclass
class ImportRow:
    service: str = ""  # a service's name (or slug) as shown or typed
    other_name: str = ""  # a new service's name in the other language
    impact: str = Impact.UNAVAILABLE.value
    start: str = ""
    end: str = ""
    start_offset: str = ""
    end_offset: str = ""
    desc: str = ""
    remove: bool = False
    pick: bool = False
    # The evidence (empty for a row added by hand), carried in hidden fields.
    line: str = ""
    quoted_service: str = ""
    quoted_window: str = ""
    window_line: str = ""
    rule: str = ""
    warnings: str = ""  # in the UI's language, one a line
    # The name the reader read for a row it did not find in the catalogue's own names (as
    # printed): changed to a catalogue service, it is remembered as an alias when saved.
    read: str = ""
    matched: str = ""  # read through a remembered correction: said in the UI's language
    start_choices: list[str] = field(default_factory=list)
    end_choices: list[str] = field(default_factory=list)

    def blank(self) -> bool:
        return not (self.service or self.start or self.end or self.desc)

    def warning_list(self) -> list[str]:
        return [w for w in self.warnings.splitlines() if w.strip()]


@dataclass
class ImportForm:
    text: str = ""
    year: str = ""
    lang: Lang = "fr"  # the notice's language: the draft's texts are in it
    title: str = ""
    timezone: str = ""
    slug: str = ""
    reason: str = ""
    rows: list[ImportRow] = field(default_factory=list)
    # What the reader said that concerns no row, carried as shown: "line<TAB>message" a line.
    refusal: str = ""  # its errors: why it could not read the notice whole
    loose: str = ""  # its other warnings

    @staticmethod
    def said(carried: str) -> list[tuple[str, str]]:
        return [(a, b) for a, _, b in (x.partition("\t") for x in carried.splitlines()) if b]

    def with_blank_rows(self, count: int = BLANK_ROWS) -> ImportForm:
        kept = [r for r in self.rows if not r.blank()]
        self.rows = kept + [ImportRow() for _ in range(count)]
        return self


def quote(lines: list[str], span: Span | None) -> str:
    """The text a span covers (lines and columns 1-based, end column exclusive)."""
    if span is None or not 1 <= span.line <= len(lines):
        return ""
    last = min(max(span.end_line, span.line), len(lines))
    if last == span.line:
        said = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    else:
        parts = [lines[span.line - 1][span.column - 1 :]]
        parts += lines[span.line : last - 1]
        parts.append(lines[last - 1][: span.end_column - 1])
        said = " ".join(p.strip() for p in parts)
    said = re.sub(r"[ \t\r\n]+", " ", said).strip()
    return said if len(said) <= _QUOTE_MAX else said[: _QUOTE_MAX - 1] + "…"


def first_line(lines: list[str]) -> str:
    """A title for a notice the reader found none in: its first line that says something."""
    for line in lines:
        said = " ".join(line.strip(" #*=-\t").split())
        if len(said) >= 3:
            return said if len(said) <= 120 else said[:119] + "…"
    return ""


def row_problems(row: NoticeInterruption) -> list[Problem]:
    """The reader's warnings that concern one row: the ones its evidence lists (the reading's
    own warning objects, said from their catalogue ids)."""
    return list(row.evidence.said) if row.evidence is not None else []


# The reader's English words tell a command-line user which option to pass; the screen says
# which field to use instead (the French words name no option).
_SCREEN_HINTS = {"notice.no_zone": "hint_zone", "notice.year_guessed": "hint_year"}


def said_here(problem: Problem, lang: Lang, words: dict[str, str]) -> str:
    """A reader's problem as the import screen says it, in the UI's language."""
    message = say_problem(problem, lang)
    hint = _SCREEN_HINTS.get(problem.code)
    if hint is not None and message.endswith(")") and "--" in message:
        message = f"{message[: message.rindex(' (')]} ({words[hint]})"
    return re.sub(r"[\r\n\t]+", " ", message)


def from_reading(
    reading: Reading,
    text: str,
    year: str,
    catalogue: list[Service],
    lang: Lang,
    words: dict[str, str],
) -> ImportForm:
    """The review's form as the reader left it (the warnings that concern no row and the
    reader's errors in it, said in the UI's language)."""
    tz = zone(reading.timezone)
    by_slug = {s.slug: s for s in catalogue}
    lines = text.splitlines()
    rows: list[ImportRow] = []
    placed: set[int] = set()
    for item in reading.interruptions:
        known = by_slug.get(item.slug or "")
        start, start_offset, start_choices = wall_text(item.starts_at, tz)
        end, end_offset, end_choices = wall_text(item.ends_at, tz)
        problems = row_problems(item)
        placed.update(id(p) for p in problems)
        evidence = item.evidence
        window = evidence.window if evidence else None
        match = evidence.match if evidence else None
        read = match.printed if match else (item.service if known is None else "")
        if name_doubted(p.code for p in problems):  # a guess corrected teaches nothing
            read = ""
        rows.append(
            ImportRow(
                service=known.name.get(reading.language) if known else item.service,
                impact=item.impact.value, start=start, end=end, start_offset=start_offset,
                end_offset=end_offset, desc=item.description, line=str(item.line),
                quoted_service=quote(lines, evidence.service if evidence else None),
                quoted_window=quote(lines, window),
                window_line=str(window.line) if window else "",
                rule=evidence.rule if evidence else "",
                warnings="\n".join(dict.fromkeys(said_here(p, lang, words) for p in problems)),
                start_choices=start_choices, end_choices=end_choices, read=read,
                matched=said_here(match.problem(), lang, words) if match else "",
            )
        )  # fmt: skip

    def carried(problems: list[Problem]) -> str:
        return "\n".join(f"{p.line or ''}\t{said_here(p, lang, words)}" for p in problems)

    loose = [p for p in reading.warnings if id(p) not in placed]
    form = ImportForm(
        text=text, year=year, lang=reading.language, title=reading.title or first_line(lines),
        timezone=reading.timezone, rows=rows, refusal=carried(list(reading.errors)),
        loose=carried(loose),
    )  # fmt: skip
    return form.with_blank_rows()


def _count(value: str) -> int:
    return min(int(value), MAX_ROWS) if value.isdigit() and len(value) < 5 else 0


def from_fields(get: dict[str, str]) -> ImportForm:
    """The review's form as posted (checkboxes are present or not)."""
    lang = get.get("lang", "")
    form = ImportForm(
        text=get.get("text", ""), year=get.get("year", "").strip(),
        lang="en" if lang == "en" else "fr", title=get.get("title", "").strip(),
        timezone=get.get("timezone", "").strip(), slug=get.get("slug", "").strip(),
        reason=get.get("reason", "").strip(), refusal=get.get("refusal", ""),
        loose=get.get("loose", ""),
    )  # fmt: skip
    for n in range(_count(get.get("rows", "0"))):
        p = f"r{n}_"
        form.rows.append(
            ImportRow(
                service=get.get(p + "service", "").strip(),
                other_name=get.get(p + "other", "").strip(),
                impact=get.get(p + "impact", Impact.UNAVAILABLE.value),
                start=get.get(p + "start", "").strip(), end=get.get(p + "end", "").strip(),
                start_offset=get.get(p + "start_offset", ""),
                end_offset=get.get(p + "end_offset", ""),
                desc=get.get(p + "desc", "").strip(),
                remove=p + "remove" in get, pick=p + "pick" in get,
                line=get.get(p + "line", ""), quoted_service=get.get(p + "qs", ""),
                quoted_window=get.get(p + "qw", ""), window_line=get.get(p + "wl", ""),
                rule=get.get(p + "rule", ""), warnings=get.get(p + "warn", ""),
                read=get.get(p + "read", ""), matched=get.get(p + "match", ""),
            )
        )  # fmt: skip
    return form


def apply_to_selected(
    form: ImportForm, given: dict[str, str], words: dict[str, str]
) -> dict[str, str]:
    """Give what was typed once (a service, an impact, a window: `given["apply_service"]`,
    `["apply_impact"]`, `["apply_start"]`, `["apply_end"]`) to every selected row; the errors,
    by field, if it cannot be."""
    errors: dict[str, str] = {}
    service, impact = given.get("apply_service", ""), given.get("apply_impact", "")
    start, end = given.get("apply_start", ""), given.get("apply_end", "")
    picked = [r for r in form.rows if r.pick]
    if not picked:
        errors["apply_service"] = words["pick_rows"]
    if not (service or impact or start or end):
        errors.setdefault("apply_service", words["apply_nothing"])
    if start or end:
        for name, value in (("apply_start", start), ("apply_end", end)):
            if not value:
                errors[name] = words["required"]
            elif local_instant(value, "", None, words)[1]:
                errors[name] = words["bad_time"]
        if not errors and end <= start:
            errors["apply_end"] = words["end_before_start"]
    if impact and impact not in (Impact.LIMITED.value, Impact.UNAVAILABLE.value):
        errors["apply_impact"] = words["required"]
    if errors:
        return errors
    for row in picked:
        if service:
            row.service = service
        if impact:
            row.impact = impact
        if start:
            row.start, row.end, row.start_offset, row.end_offset = start, end, "", ""
        row.pick = False
    return errors


@dataclass
class Corrected:
    title: Text
    timezone: str
    interruptions: tuple[Interruption, ...]
    new_services: dict[str, Text]  # slug -> names, for the services the catalogue lacks
    errors: dict[str, str]
    learned: tuple[Alias, ...] = ()  # names the reader read, corrected to a catalogue service


def instants(form: ImportForm, words: dict[str, str]) -> dict[int, tuple[datetime, datetime]]:
    """Each row's window as instants, where its times read (for saying it in words)."""
    try:
        tz = zone(form.timezone)
    except ValidationError:
        return {}
    found = {}
    for n, row in enumerate(form.rows):
        start = local_instant(row.start, row.start_offset, tz, words)[0]
        end = local_instant(row.end, row.end_offset, tz, words)[0]
        if start is not None and end is not None and start < end:
            found[n] = (start, end)
    return found


def known_slug(name: str, catalogue: list[Service]) -> str | None:
    """The catalogue's service a typed name (or slug) stands for."""
    folded = name.casefold()
    for service in catalogue:
        if folded in (service.slug, service.name.fr.casefold(), service.name.en.casefold()):
            return service.slug
    slug = slugify(name, "service")
    return slug if any(s.slug == slug for s in catalogue) else None


def parse(
    form: ImportForm, catalogue: list[Service], words: dict[str, str], lang: Lang
) -> Corrected:
    """What the corrected review says, or its errors by field (in the UI's language)."""
    errors: dict[str, str] = {}
    if not form.title:
        errors["title"] = words["required"]
    tz = None
    try:
        tz = zone(form.timezone)
    except ValidationError:
        errors["timezone"] = words["unknown_zone"].format(name=form.timezone)
    items: list[Interruption] = []
    created: dict[str, Text] = {}
    learned: dict[str, Alias] = {}
    for n, row in enumerate(form.rows):
        if row.blank() or row.remove:
            continue
        p = f"r{n}_"
        slug = ""
        if not row.service:
            errors[p + "service"] = words["required"]
        else:
            slug = known_slug(row.service, catalogue) or ""
            if not slug:
                slug = slugify(row.service, "service")
                other: Lang = "en" if form.lang == "fr" else "fr"
                before = created.get(slug)
                names: dict[str, str] = {form.lang: row.service}
                if before is not None:
                    names = {"fr": before.fr, "en": before.en}
                if row.other_name and not names.get(other):
                    names[other] = row.other_name
                created[slug] = Text(**names)
            taught = correction(row, slug, catalogue)
            if taught is not None:
                learned.setdefault(taught.key, taught)
        when = row_window(row, p, tz, words, errors)
        if when is None:
            continue
        start, end = when
        try:
            items.append(
                Interruption(slug, Impact(row.impact), start, end, Text(**{form.lang: row.desc}))
            )
        except ValidationError as exc:
            errors[p + "service"] = words["refused"].format(message=say_error(exc, lang))
    if not items and not any(k.startswith("r") for k in errors):
        errors["rows"] = words["no_rows"]
    title = Text(**{form.lang: form.title})
    return Corrected(title, form.timezone, tuple(items), created, errors, tuple(learned.values()))


def correction(row: ImportRow, slug: str, catalogue: list[Service]) -> Alias | None:
    """The alias a saved row teaches: the name the reader read (`row.read`: none of the
    catalogue's own names, and not doubted by the reader), changed to another service
    (`slug`: a catalogue service, or one this import creates under the name typed). A row added
    by hand, or whose name was kept as read, teaches nothing."""
    if not (row.read and slug) or len(row.read) > ALIAS_MAX:
        return None
    key = alias_key(row.read)
    if not key or key == alias_key(row.service):
        return None
    if any(key in (alias_key(s.name.fr), alias_key(s.name.en)) for s in catalogue):
        return None
    try:
        return Alias(row.read, slug)
    except ValidationError:  # a name the catalogue could not hold (a control character)
        return None


def field_of(path: str | None, form: ImportForm) -> str:
    """The review's field a domain field path names ("interruptions[2].ends_at" -> "r3_end")."""
    match = re.match(r"interruptions\[(\d+)\](?:\.(\w+))?", path or "")
    if match is None:
        return {"title": "title", "timezone": "timezone", "slug": "slug"}.get(
            (path or "").split(".")[0], "general"
        )
    kept = [n for n, r in enumerate(form.rows) if not (r.blank() or r.remove)]
    index = int(match[1])
    row = kept[index] if index < len(kept) else 0
    leaf = {"starts_at": "start", "ends_at": "end", "impact": "impact", "description": "desc"}
    return f"r{row}_{leaf.get(match[2] or '', 'service')}"
