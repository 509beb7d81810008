"""Scope rules over the block tree (notices/blocks.py): which window applies to which service.

Read here, each tie recorded as the row's `rule` (docs/notices.md, "Scope rules"):

- **same row**: a table row's service cell and the windows of its window cells (a Start and an
  End column, a date column and a time column, or one window column). Several services in one
  service cell ("A; B", "A, B") are one row each. A table with no service column names its rows
  by their place column (an address), else by the heading above it or the notice's title:
  both weak, said on each row.
- **fields**: the services of a fields block ("Services affected:", "System:") and the window
  its fields give (Start/End, Date/Time, Start/Duration, or one window field).
- **lead-in**: the windows of a list's lead-in sentence ("The following services will be
  unavailable on June 14 between 10:00 and 15:00:") cover every item of the list; a bulleted
  list right under a sentence that announces it ("the following", "ci-dessous") too.

The lines of every block read here are taken: the rest of the notice is read by layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preavis.domain.interruption import Impact
from preavis.notices import impact as impacts
from preavis.notices.blocks import Block, Fields, Heading, ListBlock, Paragraph, Table, build
from preavis.notices.grids import read_grids
from preavis.notices.layout import Record
from preavis.notices.pieces import find_windows
from preavis.notices.text import (
    _SENTENCE_END,
    Line,
    _clean_description,
    _flat,
    _name_only,
    join_lines,
    split_subject,
)
from preavis.notices.when import _WD, WindowMatch, unknown_zone_after

_SEVERAL = re.compile(r"\s*[;,]\s*(?![^()]*\))")  # a separator outside brackets
_NAME_WORDS = 6  # a part longer than this is a phrase with a comma, not a list of services


@dataclass(frozen=True, slots=True)
class Structured:
    records: list[Record]
    used: frozenset[int]  # indexes of the lines read here
    kept: dict[int, str]  # of those, the part of a line that was not read (before a lead-in)
    headings: dict[int, str]  # line number -> the service named by the heading that owns it


def read_structure(lines: list[Line], max_rows: int) -> Structured:
    """The records that tables and fields blocks give, and the lines they took."""
    tree = build(lines)
    title = next((ln.text.strip() for ln in lines if ln.text.strip()), None)
    previous: Block | None = None
    owners: dict[int, str] = {}
    kept: dict[int, str] = {}
    names: dict[int, str | None] = {}  # heading line -> the service it names
    records, used = read_grids(lines)  # services by days (notices/grids.py)
    for block, headings in tree.blocks():
        if used.intersection(range(block.first, block.last + 1)):
            continue
        for h in headings:
            if h.first not in names:
                names[h.first] = heading_name(h.text)
        owner = next((n for h in reversed(headings) if (n := names[h.first])), None)
        if owner is not None:
            owners.update((lines[k].number, owner) for k in range(block.first, block.last + 1))
        found: list[Record] | None = None
        if isinstance(block, Table):
            found = _table(lines, block, headings, title)
        elif isinstance(block, Fields):
            found = _fields(lines, block)
        elif isinstance(block, ListBlock):
            lead = block.lead or _announcing(previous, block)
            found = _lead_in(lines, lead, block) if lead is not None else None
            if found and lead is not None:
                used.update(range(lead.first, lead.last + 1))
                kept.update(_before_sentence(lines, lead))
        previous = block
        if found:
            records.extend(found[: max(0, max_rows - len(records))])
            used.update(range(block.first, block.last + 1))
    return Structured(records, frozenset(used), kept, owners)


_EVENT = re.compile(
    r"(?:\s*[-–—:|]?\s*(?:(?:scheduled|planned|upcoming|emergency|urgent|prévue?|planifiée?)\s+)?"
    r"(?:maintenance|outages?|upgrades?|updates?|downtime|notice|work|interruptions?|coupures?"
    r"|travaux|mise\s+à\s+(?:jour|niveau)|resolved|completed|terminée?)\b\.?)+\s*$",
    re.IGNORECASE,
)


def heading_name(text: str) -> str | None:
    """The service a heading names: "eManifest Portal Maintenance" -> "eManifest Portal";
    None when it names only an event ("Scheduled Maintenance — Resolved") or holds a window."""
    if text.rstrip(" *_").endswith("?") or find_windows(text):  # "What is happening?"
        return None
    name = _name_only(_EVENT.sub("", text))
    if not name or _EVENT.fullmatch(name) or len(name.split()) > _NAME_WORDS:
        return None
    return name


_WRAPPED = re.compile(r"(?:[-–&/,(]|\b(?:and|or|of|for|the|to|et|ou|de|des|du|la|le|les|à))$", re.I)


def _lines(cell: str) -> list[str]:
    """A service cell's lines: one service a line, unless a line is a name wrapped onto the
    next ("Employee Self-Service &" / "Manager Self-Service", "portail" / "des clients")."""
    out: list[str] = []
    for line in (ln.strip() for ln in cell.split("\n")):
        if not line:
            continue
        if out and (_WRAPPED.search(out[-1]) or line[:1].islower() or line[:1] in ")&-"):
            out[-1] = join_lines([out[-1], line])
        else:
            out.append(line)
    return out


def services(cell: str) -> list[str]:
    """ "Webmail; Calendar" -> two services; "EvoSuite (EvoOrder, EvoPlan)" stays one; one
    service a line when the cell has several lines."""
    if "\n" in cell:
        return [n for line in _lines(cell) for n in services(line)]
    parts = [p.strip(" .") for p in _SEVERAL.split(cell) if p.strip(" .")]
    if len(parts) < 2 or any(len(p.split()) > _NAME_WORDS for p in parts):
        return [cell]
    return parts


def _span(lines: list[Line], first: int, last: int) -> tuple[int, int, int, int]:
    return (lines[first].number, 1, lines[last].number, len(lines[last].text) + 1)


def _window_text(
    start: list[str], end: list[str], date: list[str], time: list[str], rest: list[str]
) -> str:
    """One text for the window grammar from a row's (or a fields block's) temporal cells."""
    day = ", ".join(date)
    start, end = [_instant(s) for s in start], [_instant(e) for e in end]
    if start and end:
        lead = f"{day}, " if day and not _has_date(start[0]) else ""
        return f"{lead}from {start[0]} to {end[0]}"
    if start and rest:  # a start and a duration
        return f"{day + ', ' if day else ''}{start[0]} for {rest[0]}"
    return ", ".join([*date, *time, *start, *end, *rest])


_DASH_BEFORE_TIME = re.compile(
    r"\s+[-–—]\s+(?=\d{1,2}(?:[:.h]\d\d|\s*[ap]\.?\s?m\b|\s*h\b))", re.IGNORECASE
)


def _instant(text: str) -> str:
    """A start or an end cell holds one instant: "June 14, 2025 - 8:00am" is a date and its
    time, not a range."""
    return _DASH_BEFORE_TIME.sub(", ", text)


def _has_date(text: str) -> bool:
    return bool(re.search(r"\d{4}|[^\W\d_]{3,}\.?\s+\d|\d\s+[^\W\d_]{3,}", text))


def _table(
    lines: list[Line], table: Table, headings: list[Heading], title: str | None
) -> list[Record]:
    roles = set(table.roles)
    weak: str | None = None
    rule = "same row"
    fallback = None
    if "service" not in roles:
        if "place" in roles:
            weak = "the table has no service column: the row is named by its place"
        else:
            fallback = headings[-1].text if headings else title
            if fallback is None:
                return []
            rule = "heading" if headings else "document window"
            weak = "the table has no service column: the service is " + (
                "the heading above it" if headings else "the notice's title"
            )
    out: list[Record] = []
    for row in table.rows:
        if fallback is not None:
            names = [_name_only(fallback)]
        else:
            cell = "\n".join(table.cells(row, "service") or table.cells(row, "place"))
            names = [_name_only(n) for n in services(cell)] if cell else []
        if not names:
            continue
        windows, description, hint = _row_windows(table, row.cells)
        number = lines[row.first].number
        for window in windows:
            for name in names:
                out.append(
                    Record(
                        name, description, window, number, number, hint, description,
                        rule=rule, weak=weak, window_span=_span(lines, row.first, row.last),
                    )
                )  # fmt: skip
    return out


_WEEKDAY_ONLY = re.compile(rf"^\s*{_WD}\.?\s*$", re.IGNORECASE)


def _row_windows(
    table: Table, cells: tuple[str, ...]
) -> tuple[list[WindowMatch], str, Impact | None]:
    """The windows of a row, its description (the cells that are neither name nor window) and
    its impact label."""
    by_role: dict[str, list[str]] = {}
    described: list[str] = []
    for wrapped, kind in zip(cells, table.roles, strict=False):
        cell = join_lines(wrapped.split("\n"))
        if not cell or kind in ("service", "place", "hours"):
            continue
        if kind in ("window", "duration") and not re.search(r"\d", cell):
            described.append(cell)  # "Unavailable: the portal is closed."
            continue
        if kind is None or kind in ("impact", "description"):
            described.append(cell)
            continue
        by_role.setdefault(kind, []).append(cell)
    # "07/08/2014 | Tuesday | 9:00 - 10:00PM": the weekday is read before its date
    by_role["date"] = sorted(by_role.get("date", []), key=lambda c: not _WEEKDAY_ONLY.match(c))
    rest = by_role.get("window", []) + by_role.get("duration", [])
    text = _window_text(
        by_role.get("start", []), by_role.get("end", []), by_role.get("date", []),
        by_role.get("time", []), rest,
    )  # fmt: skip
    hint = _impact(" ".join(c for c, k in zip(cells, table.roles, strict=False) if k == "impact"))

    description = " ".join(described)
    label, description = impacts.label(description)
    windows = find_windows(text) if text else []
    if len(windows) == 1 and len(find_windows(" ".join(rest))) > 1:
        windows = find_windows(" ".join(rest))
    return windows, " ".join(description.split()), hint or label


def _impact(said: str) -> Impact | None:
    """What an impact cell or field says ("Degraded", "Going to be down"), when it says it."""
    if not said.strip():
        return None
    hint, _ = impacts.label(said)
    verdict = impacts.classify(said)
    return hint or (verdict.impact if verdict.sure else None)


def _fields(lines: list[Line], block: Fields) -> list[Record]:
    """A fields block that names its services and gives a window."""
    named = [n for e in block.values("service") for n in services(e.value)]
    if not named:
        return []
    values = {kind: [join_lines(e.value.split("\n")) for e in block.values(kind)] for kind in
              ("start", "end", "date", "time", "window", "duration")}  # fmt: skip
    text = _window_text(
        values["start"], values["end"], values["date"], values["time"],
        values["duration"] if values["start"] else values["window"] + values["duration"],
    )  # fmt: skip
    windows = find_windows(text) if text else []
    if not windows:
        return []
    said = [e.value for e in block.entries if e.role in ("impact", "description", None)]
    description = " ".join(" ".join(said).split())
    hint = _impact(" ".join(e.value for e in block.values("impact")))
    first = next(e for e in block.entries if e.role == "service")
    window_entries = [e for e in block.entries if e.role in values]
    span = _span(lines, window_entries[0].first, window_entries[-1].last)
    return [
        Record(
            _name_only(name), "", window, _line_of(lines, first.first, first.last, name),
            lines[window_entries[0].first].number, hint, description, rule="fields",
            window_span=span,
        )
        for window in windows
        for name in named
    ]  # fmt: skip


def _line_of(lines: list[Line], first: int, last: int, name: str) -> int:
    """The line that prints `name` among a field's lines (one a listed service)."""
    return next((lines[k].number for k in range(first, last + 1) if name in lines[k].text),
                lines[first].number)  # fmt: skip


_ANNOUNCES = re.compile(
    r"\b(?:following|suivante?s|ci-dessous|below|these|ces|listed|énumérée?s)\b", re.IGNORECASE
)


# A subject that a quantifier makes a group: "All counters", « Tous les comptoirs », "Several
# branches", « Plusieurs services ».
_GROUP = re.compile(
    r"(?:all(?:\s+(?:of\s+)?(?:the|our))?|several|some\s+of\s+(?:the|our)|many\s+of\s+(?:the|our)"
    r"|tous\s+(?:les|nos)|toutes\s+(?:les|nos)|plusieurs|certaine?s\s+(?:de\s+(?:nos|ces)\s+)?)"
    r"\s+[^\W\d_][\w'’/-]*s\b",
    re.IGNORECASE,
)
_CLOSE = re.compile(r"\b(?:close|closes|shut|ferme|fermeront|fermera)\b", re.IGNORECASE)


def _announcing(previous: Block | None, block: ListBlock) -> Paragraph | None:
    """The paragraph right above a bulleted list, when it announces the list: with a word
    that points at it ("the following"), or, with no colon, when its last sentence makes its
    subject a group ("All counters will close from 8 to 9 a.m. on …", « Tous les comptoirs
    seront fermés … ») that is cut in the one window it prints: the items are its members."""
    if not isinstance(previous, Paragraph) or previous.last < block.first - 2:
        return None
    if _ANNOUNCES.search(previous.text):
        return previous
    sentence = _sentence(previous).strip()
    cut = impacts.DOWN.search(sentence) or _CLOSE.search(sentence)
    if _GROUP.match(sentence) and cut and len(find_windows(sentence)) == 1:
        return previous
    return None


def _sentence(lead: Paragraph) -> str:
    """The lead-in's last sentence: the one that introduces the list."""
    ends = list(_SENTENCE_END.finditer(lead.text.rstrip()))
    sentence = lead.text[ends[-1].end() :] if ends and ends[-1].end() < len(lead.text) else ""
    return sentence or lead.text


def _before_sentence(lines: list[Line], lead: Paragraph) -> dict[int, str]:
    """What the lead-in's lines hold before its last sentence, left for the rest of the reader
    ("… will be suspended from 9pm on March 28. Moreover, the following services …:")."""
    probe = _sentence(lead)[:24]
    for k in range(lead.first, lead.last + 1):
        at = " ".join(lines[k].text.split()).find(probe)
        if at >= 0:
            text = lines[k].text
            cut = text.find(probe) if text.find(probe) >= 0 else 0
            kept = {j: lines[j].text for j in range(lead.first, k)}
            if text[:cut].strip():
                kept[k] = text[:cut]
            return kept
    return {}


_ITEM_END = re.compile(r"\s*(?:[;,.]\s*(?:and|or|et|ou)?|\s(?:and|or|et|ou))\s*$", re.IGNORECASE)


def _lead_in(lines: list[Line], lead: Paragraph, block: ListBlock) -> list[Record]:
    """Every window of the lead-in's sentence, for every item of its list."""
    sentence = _sentence(lead)
    windows = find_windows(sentence)
    if not windows:
        return []
    span = _span(lines, lead.first, lead.last)
    out: list[Record] = []
    for item in block.items:
        said = _ITEM_END.sub("", item.text)  # "A;", "B; and"
        bracket = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<rest>[^()]*)\)[\s.;,]*", said)
        if bracket is not None:  # "Online store (read-only)"
            name, rest = _name_only(bracket["name"]), bracket["rest"]
        else:
            name, rest = split_subject(said)
        if not name:
            continue
        hint, rest = impacts.label(rest)
        for window in windows:
            out.append(
                Record(
                    name, _clean_description(rest), window, lines[item.first].number,
                    lines[lead.first].number, hint, f"{rest} {_flat(sentence)}", rule="lead-in",
                    unknown_zone=unknown_zone_after(sentence, window.finish), window_span=span,
                )
            )  # fmt: skip
    return out
