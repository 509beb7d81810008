"""Layouts: from a notice's lines to records (service name, description, window).

Understood: the three-column table as PDF text (cells stacked, names and descriptions wrapped,
page breaks and repeated headers), pipe or tab tables, bullet lists, prose sentences, and a
service heading followed by several windows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from preavis.domain.interruption import Impact
from preavis.notices import impact as impacts
from preavis.notices.datelines import undateline
from preavis.notices.limits import Deadline
from preavis.notices.pieces import find_windows
from preavis.notices.reported import unreport
from preavis.notices.text import (
    _COLUMNS,
    _INTRO_WORDS,
    _SENTENCE_END,
    _SHORT_LINE,
    BULLET,
    FIELD_LINE,
    OPENING,
    TITLE_MAX,
    Line,
    _clean_description,
    _context_is_empty,
    _flat,
    _header_blocks,
    _header_terms,
    _is_label_only,
    _name_only,
    _split_name,
    _split_one_line,
    join_lines,
    split_subject,
)
from preavis.notices.when import ZONE_MENTION, WindowMatch, unknown_zone_after


@dataclass(slots=True)
class Record:
    """One printed window and what it applies to."""

    name: str
    description: str
    window: WindowMatch
    line: int
    window_line: int
    hint: Impact | None = None
    context: str = ""
    unknown_zone: str | None = None
    rule: str = "same row"  # the scope rule that tied the name to the window (docs/notices.md)
    weak: str | None = None  # why that tie is a guess, said as a warning on the row
    window_span: tuple[int, int, int, int] | None = None  # line, column, end line, end column
    # doubts about the name beyond its rule's (notices/ranking.py): catalogue ids and params
    doubts: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


@dataclass(slots=True)
class Layout:
    title: str | None
    intro: list[WindowMatch] = field(default_factory=list)
    intro_line: int | None = None
    records: list[Record] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # errors
    zone_words: str | None = None
    zone_line: int | None = None


class _Text:
    """The notice body as one string, with a map from offsets back to line numbers."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.starts: list[int] = []
        offset = 0
        for line in lines:
            self.starts.append(offset)
            offset += len(line.text) + 1
        self.text = "\n".join(line.text for line in lines)
        self._columns: dict[int, re.Match[str] | None] = {}
        self.owners: dict[int, str] = {}  # line number -> its heading's service (the tree)

    def columns_before(self, index: int, offset: int) -> bool:
        """Whether the line holds a cell boundary before `offset`, as `_COLUMNS.search` on the
        line up to `offset` would say; the line is searched once, whatever its windows."""
        if index not in self._columns:
            line = self.lines[index].text
            self._columns[index] = _COLUMNS.search(line)
        found = self._columns[index]
        start = self.starts[index]
        if found is None or start + found.start() >= offset:
            return False
        if start + found.end() < offset:
            return True
        return _COLUMNS.search(self.text[start:offset]) is not None

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def span(self, begin: int, finish: int) -> tuple[int, int, int, int]:
        """Line and 1-based column of `begin`, and of `finish` (exclusive), in the notice."""
        first, last = self.index(begin), self.index(max(begin, finish - 1))
        return (
            self.lines[first].number,
            begin - self.starts[first] + 1,
            self.lines[last].number,
            finish - self.starts[last] + 1,
        )

    def line_end(self, index: int) -> int:
        return self.starts[index] + len(self.lines[index].text)


def analyse(
    lines: list[Line],
    max_rows: int,
    deadline: Deadline | None = None,
    whole_notice: list[Line] | None = None,
    headings: dict[int, str] | None = None,
) -> Layout:
    """Find the title, the introduction's window and every record. `lines` may have the lines
    of blocks read elsewhere blanked; `whole_notice` (default: `lines`) gives title and zone;
    `headings` the service that the heading owning a line names (notices/blocks.py), the
    weak "heading" rule's last resort."""
    everything = lines if whole_notice is None else whole_notice
    title = next((ln.text.strip() for ln in everything if ln.text.strip()), None)
    blocks = _header_blocks(everything)  # the same indexes: read lines are blanked, not cut
    body_start = 0
    intro_lines: list[Line] = []
    if blocks:
        first_start, body_start = blocks[0]
        intro_lines = lines[:first_start]
        drop = {n for a, b in blocks[1:] for n in range(a, b)}
        body = [ln for n, ln in enumerate(lines[body_start:], start=body_start) if n not in drop]
    else:
        body = list(lines)
    layout = Layout(title=title)
    whole = "\n".join(ln.text for ln in everything)
    mention = next((m for m in ZONE_MENTION.finditer(whole) if _credible_zone(whole, m)), None)
    if mention:
        layout.zone_words = mention.group("z")
        layout.zone_line = _line_of(everything, whole, mention.start())
    # A first line that holds a window, or that is a paragraph (a notice on one line), is not a
    # title; the length test also spares reading a one-line notice twice.
    if title is not None and (len(title) > TITLE_MAX or find_windows(title)):
        layout.title = None
    if intro_lines:
        intro = _Text(intro_lines)
        layout.intro = find_windows(intro.text)
        if layout.intro:
            layout.intro_line = intro_lines[intro.index(layout.intro[0].begin)].number
    text = _Text(body)
    text.owners = headings or {}
    windows = find_windows(text.text)
    floor = -1  # index of the last body line that belongs to no record
    if not blocks and len(windows) > 1 and _looks_like_intro(text, windows[0], windows[1]):
        layout.intro = [windows[0]]
        layout.intro_line = body[text.index(windows[0].begin)].number
        windows = windows[1:]
        floor = text.index(layout.intro[0].finish)
    if len(windows) > max_rows:
        layout.problems.append((None, f"too many rows: {len(windows)} (at most {max_rows})"))
        windows = windows[:max_rows]
    _records(layout, text, windows, floor, deadline or Deadline(None))
    return layout


_AFTER_TIME = re.compile(
    r"(?:\d|\d\s?h|[ap]\.?\s?m\.?|midi|minuit|noon|midnight)\s*[,(]?\s*$", re.I
)


_ZONE_LEAD = re.compile(
    r"\b(?:times?|heures?|hours?|zone|fuseau)\s*(?:are\s+|sont\s+|is\s+)?(?:in\s+|en\s+)?[:(]?\s*$",
    re.IGNORECASE,
)


def _credible_zone(whole: str, mention: re.Match[str]) -> bool:
    """Zone words that say a zone: in brackets, spelled out ("Eastern Time", "heure de l’Est"),
    or right after a time. "HR" (human resources) or "Central Services Building" is not one."""
    words = mention.group("z")
    if "(" in mention.group(0) or re.search(r"\b(?:time|heure|daylight|standard)\b", words, re.I):
        return True
    before = whole[max(0, mention.start() - 24) : mention.start()]
    return bool(_AFTER_TIME.search(before) or _ZONE_LEAD.search(before))


def _line_of(lines: list[Line], whole: str, offset: int) -> int:
    index = whole.count("\n", 0, offset)
    return lines[index].number if index < len(lines) else index + 1


def _looks_like_intro(text: _Text, window: WindowMatch, following: WindowMatch) -> bool:
    index = text.index(window.begin)
    line = text.lines[index].text
    if BULLET.match(line):
        return False
    between = text.text[window.finish : following.begin]
    if len(between) < 120 and _SENTENCE_END.search(between) is None and "\n\n" not in between:
        return False  # "on May 3 from 22:00 to 22:10, and on May 4 from …": two windows
    pre = text.text[text.starts[index] : window.begin]
    post = text.text[window.finish : text.line_end(text.index(window.finish))]
    if _context_is_empty(pre) and _context_is_empty(post):
        return False
    # Only the sentence that holds the window: "Some services will be unavailable from …".
    start = text.starts[max(0, index - 3)]
    lead = text.text[start : window.begin]
    ends = [*_SENTENCE_END.finditer(lead), *re.finditer(r"\n\s*\n", lead)]
    sentence = lead[max(m.end() for m in ends) :] if ends else lead
    return bool(_INTRO_WORDS.search(sentence))


def _records(
    layout: Layout, text: _Text, windows: list[WindowMatch], floor: int, deadline: Deadline
) -> None:
    """One record per window. A window's context runs from the previous window on its line (or
    the line's start) to the next one (or the line's end): no text is read for more than two
    windows, so a line holding thousands of windows costs linear time."""
    previous: Record | None = None
    prev_last = floor  # index of the last line already used
    row: tuple[int, list[str]] | None = None  # a line's cells before its first window
    for n, window in enumerate(windows):
        deadline.check()
        first = text.index(window.begin)
        last = text.index(max(window.begin, window.finish - 1))
        stop = text.line_end(last)
        if n + 1 < len(windows) and windows[n + 1].begin < stop:
            stop = windows[n + 1].begin  # without the punctuation that separates the two
            while stop > window.finish and text.text[stop - 1] in _BETWEEN:
                stop -= 1
        same_line = (
            first <= prev_last
            and previous is not None
            and previous.window_line == text.lines[first].number
        )
        pre = text.text[text.starts[first] : window.begin]
        post = text.text[window.finish : stop]
        if same_line and previous is not None:
            pre = text.text[previous.window.finish : window.begin]
        if text.columns_before(first, window.begin):
            if not (same_line and previous is not None and row is not None and row[0] == first):
                row = (first, _split_cells(text.text[text.starts[first] : window.begin]))
                cells = row[1]
            else:  # the row's cells, then those between the previous window and this one
                cells = row[1] + [c for c in _split_cells(pre) if c.strip(_BETWEEN)]
            record = _cells(text, window, first, stop, cells, previous)
        elif _context_is_empty(pre) and _context_is_empty(post):
            record = _stacked(text, window, first, prev_last, pre + " " + post, previous)
        else:
            record = _inline(text, window, first, prev_last, previous, stop)
        if record is not None:
            record.unknown_zone = unknown_zone_after(text.text, window.finish)
            record.window_span = text.span(window.begin, window.finish)
        if record is None:  # the reader looks for its services elsewhere, or says so
            line_number = text.lines[first].number
            record = Record(
                "", "", window, line_number, line_number, rule="same clause",
                unknown_zone=unknown_zone_after(text.text, window.finish),
                window_span=text.span(window.begin, window.finish),
            )  # fmt: skip
            layout.records.append(record)
        else:
            for one in _subjects(record):
                layout.records.append(one)
                previous = one
        prev_last = max(prev_last, last)


_LIST_SPLIT = re.compile(r"\s*(?:,|;)\s*(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|&)\s+", re.IGNORECASE)


_NOT_A_LIST = re.compile(
    r"\b(?:including|includes|such\s+as|notamment|y\s+compris|comme|like|namely|incluant)\b",
    re.IGNORECASE,
)


def _subjects(record: Record) -> list[Record]:
    """ "Billing, Shipping and Returns will be unavailable …": one record per subject. A name
    with no comma or semicolon ("Facturation et paiements") stays whole."""
    if record.rule not in ("same clause", "same item") or not re.search(r"[,;]", record.name):
        return [record]
    if _NOT_A_LIST.search(record.name):
        return [replace(record, name=_name_only(re.split(r"\s*,", record.name)[0]))]
    parts = [p.strip(" .") for p in _LIST_SPLIT.split(record.name) if p.strip(" .")]
    if len(parts) < 2 or any(len(p.split()) > 6 for p in parts):
        return [record]
    out = []
    for part in parts:
        one = replace(record, name=_name_only(part))
        out.append(one)
    return out


_BETWEEN = " \t|;,"


def _split_cells(before: str) -> list[str]:
    return [c for c in (c.strip() for c in _COLUMNS.split(before)) if c]


def _cells(
    text: _Text, window: WindowMatch, first: int, stop: int, cells: list[str],
    previous: Record | None,
) -> Record | None:  # fmt: skip
    line = text.lines[first]
    if not cells:
        return _continued(previous, "", window, line.number)
    hint, _ = impacts.label(cells[-1])
    name = _name_only(cells[0])
    description = " ".join(cells[1:])
    hint2, description = impacts.label(description)
    after = text.text[window.finish : stop].strip(" |\t")
    if after and not ZONE_MENTION.fullmatch(after.strip("() ")):
        hint3, after = impacts.label(after)
        hint = hint or hint3
        description = f"{description} {after}".strip()
    if len(cells) == 1 and _is_label_only(cells[0]):
        return _continued(previous, description, window, line.number, hint)
    return Record(
        name, description.strip(), window, line.number, line.number, hint or hint2, description
    )


def _continued(
    previous: Record | None,
    description: str,
    window: WindowMatch,
    line: int,
    hint: Impact | None = None,
) -> Record | None:
    if previous is None:
        return None
    return Record(
        previous.name, description, window, line, line, hint, description, rule="service block"
    )


def _paragraphs(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _stacked(
    text: _Text,
    window: WindowMatch,
    first: int,
    prev_last: int,
    around: str,
    previous: Record | None,
) -> Record | None:
    """A window on its own line(s): name and description are the lines above it."""
    lead = text.lines[prev_last + 1 : first]
    hint, _ = impacts.label(BULLET.sub("", around.strip(), count=1).strip(" \t:;,.|"))
    number = text.lines[first].number
    paragraphs = _paragraphs([ln.text for ln in lead])
    if not paragraphs:
        return _continued(previous, "", window, number, hint)
    if len(paragraphs) == 1 and len(paragraphs[0]) == 1 and _is_label_only(paragraphs[0][0]):
        label_hint, _ = impacts.label(BULLET.sub("", paragraphs[0][0], count=1))
        return _continued(previous, "", window, number, label_hint)
    start_line = next(ln.number for ln in lead if ln.text.strip())
    if len(paragraphs) >= 2:
        name_lines, rest = paragraphs[0], [line for p in paragraphs[1:] for line in p]
    else:
        name_lines, rest = _split_name(paragraphs[0])
    name = _name_only(join_lines(name_lines))
    description = join_lines(rest)
    label_hint, description = impacts.label(description)
    return Record(name, description, window, start_line, number, hint or label_hint, description)


def _inline(
    text: _Text, window: WindowMatch, first: int, prev_last: int, previous: Record | None,
    stop: int,
) -> Record | None:  # fmt: skip
    """A window inside a bullet or a sentence: the name is the subject before it."""
    start = first
    while (
        start - 1 > prev_last
        and text.lines[start - 1].text.strip()
        and not BULLET.match(text.lines[start].text)
        and not text.lines[start - 1].text.rstrip().endswith((".", ":", ";", "!", "?", ","))
        and not FIELD_LINE.match(text.lines[start - 1].text)
        and not (
            text.lines[start].text.lstrip()[:1].isupper()
            and len(text.lines[start - 1].text.strip()) < _SHORT_LINE
        )
    ):
        start -= 1
    lead_from = text.starts[start]
    if previous is not None and previous.window.finish > lead_from:
        lead_from = previous.window.finish
    lead = text.text[lead_from : window.begin]
    ends = list(_SENTENCE_END.finditer(lead))
    row = None
    if ends:
        if not lead[ends[-1].end() :].strip(" \t\n:;,—–-•*"):
            # "Online shop The shop is closed. From June 22 …": a table row on one line.
            row = _flat(BULLET.sub("", lead.strip(), count=1))
        lead = lead[ends[-1].end() :]
    if row is not None:
        name_part, rest_part = _split_one_line(row)
        if rest_part:
            description = _clean_description(" ".join(rest_part))
            label_hint, description = impacts.label(description)
            number = text.lines[start].number
            return Record(
                _name_only(" ".join(name_part)), description, window, number,
                text.lines[first].number, label_hint, description,
            )  # fmt: skip
    tail = text.text[window.finish : stop]
    end = _SENTENCE_END.search(tail)
    if end:
        tail = tail[: end.start() + 1]
    flat_lead = _flat(BULLET.sub("", lead.strip(), count=1))
    number = text.lines[start].number
    if previous is not None and lead_from == previous.window.finish and _JOINS.fullmatch(lead):
        # "from 5:00 to 5:30 and from 6:00 to 7:00: …": the second window is the first's
        return replace(previous, window=window, window_line=text.lines[first].number)
    after = _NAME_AFTER.match(text.text, window.finish, text.line_end(text.index(window.finish)))
    if after is not None and not flat_lead.strip(" \t:;,—–-•*|"):
        # "Saturday, June 7 (5-10 p.m.): Payroll portal": the window heads its service
        name = _name_only(after["name"].strip())
        if name and len(name.split()) <= _SHORT_NAME:
            return Record(name, "", window, number, number, None, name, rule="same row")
    hint, after_label = impacts.label(flat_lead)
    if hint is not None and not after_label.strip():
        heading = _heading(text, start, prev_last)
        name = heading or (previous.name if previous is not None else "")
        if not name:
            return None
        description = _clean_description(tail)
        return Record(
            name, description, window, number, text.lines[first].number, hint,
            f"{flat_lead} {description}", rule="service block",
        )  # fmt: skip
    name, rest = split_subject(OPENING.sub("", unreport(undateline(flat_lead)), count=1))
    rule = "same item" if BULLET.match(text.lines[start].text) else "same clause"
    if not name:
        heading = _heading(text, start, prev_last)
        owner = text.owners.get(text.lines[first].number)
        if heading is None and owner is None:
            return None
        if heading is None and owner is not None:  # the tree's heading: its whole paragraph
            tail = text.text[window.finish : text.line_end(text.index(window.finish))]
        name, rule = heading or owner or "", "heading"
    description = _clean_description(f"{rest} {tail}")
    hint, description = impacts.label(description)
    return Record(
        name, description, window, number, text.lines[first].number, hint,
        f"{rest} {tail}", rule=rule,
    )  # fmt: skip


_NAME_AFTER = re.compile(r"[ \t]*+[:–—][ \t]*+(?P<name>[^.!?\n:]{2,80}?)[ \t]*+$")
_SHORT_NAME = 8  # words: a longer text after the window is a sentence, not a name
_JOINS = re.compile(r"[\s,;&]*(?:(?:and|et|puis|then|or|ou|also|aussi)\b[\s,;&]*)?", re.IGNORECASE)


def _heading(text: _Text, start: int, prev_last: int) -> str | None:
    """The nearest line above `start` that names a service (a heading over bullet lines)."""
    k = start - 1
    while k >= 0:
        line = text.lines[k].text.strip()
        if line:
            if find_windows(line) or len(line.split()) > 12 or line.endswith((".", "?")):
                return None
            if _is_label_only(line):
                k -= 1
                continue
            if _header_terms(line):  # "Description": a field's label, not a name
                return None
            return _name_only(line.rstrip(":"))
        k -= 1
    return None
