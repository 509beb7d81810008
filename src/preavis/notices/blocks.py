"""Blocks: a notice's lines as a tree of typed blocks (issue 12, design step 1).

    Maintenance window                          <- heading (owns what follows)
    The following services will be down:       <- list: its lead-in sentence …
    - Online store                              <- … and its items
    Service        Start            End         <- table: header mapped to column roles
    Start: June 3, 10 p.m.                      <- fields: "key: value" lines
    End: June 4, 6 a.m.

Kinds: heading (a short line in capitals, title case, ending with ":" or marked "#", followed
by content), paragraph, list (a lead-in and its items: bullets "-", "•", "*", "1)", "a.", or short
lines after a line ending with ":"), table (pipes, tabs, or gaps of two spaces or more aligned
across rows; a pipe table flattened one cell per line is read as a stream of cells) and fields
("Key: value" lines, or a key alone on its line and its value under it). A heading owns the
blocks under it until the next heading of the same or a higher rank.

Every block knows the indexes of its lines in the list it was built from; building is linear in
the number of lines (each line is looked at a bounded number of times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from preavis.notices.pieces import find_windows
from preavis.notices.text import BULLET, Line, join_lines, listed_after

# Column and field roles, tried in order on a header cell or a field's key.
ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.IGNORECASE))
    for role, pattern in (
        ("service", r"\b(?:resources?|ressources?|services?|systems?|systèmes?|applications?)"
         r"\s+(?:affected|impacted|touchée?s|concernée?s|visée?s)\b|^\s*(?:affected|impacted)\b"),
        ("hours", r"regular|normal\s+hours|opening|availability|business\s+hours"
         r"|heures\s+(?:normales|d['’]ouverture)|disponibilité\s+habituelle"),
        ("start", r"^\s*(?:\w+\s+){0,4}?(?:start(?:s|ing)?|begins?|beginning|début|debut"
         r"|commence\w*)\b"
         r"|^\s*(?:from|de|du)\s*$"),
        ("end", r"^\s*(?:\w+\s+){0,4}?(?:end|ends|ending|fin|until|jusqu|completed?|resolution"
         r"|restored"
         r"|rétablissement|terminée?)\b|^\s*(?:to|au|à)\s*$"),
        ("duration", r"^\s*(?:\w+\s+)?(?:duration|durée|length)\b"),
        ("date", r"^\s*(?:dates?|jours?|days?)\s*$"),
        ("time", r"^\s*(?:times?|heures?|hours|horaires?|plage\s+horaire)\s*$"),
        ("window", r"outage|interruption|window|fenêtre|period|période|when|quand|downtime"
         r"|maintenance|planned|prévue?s?|date|time|heure|schedule|horaire"),
        ("service", r"service|application|system|système|component|composant|name|nom|platform"
         r"|plateforme|site|product|produit|outil|tool"),
        ("place", r"address|adresse|location|lieu|secteur|sector|area|street|rue|quartier"
         r"|neighbou?rhood|building|bâtiment|region|région|municipalit"),
        ("impact", r"impact|incidence|status|statut|effect|effet"),
        ("description", r"description|details?|détails?|notes?|comment|what|quoi"),
    )
)  # fmt: skip

TEMPORAL = frozenset({"start", "end", "duration", "date", "time", "window"})


@lru_cache(maxsize=4096)
def role(text: str) -> str | None:
    """The role of a header cell or a field key ("Start Date/Time" -> start), or None."""
    key = text.strip(" *_#:|").strip()
    if not key or len(key.split()) > 5:
        return None
    return next((name for name, pattern in ROLES if pattern.search(key)), None)


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    rank: int  # 1-6 for "#" marks, 7 capitals, 8 title case, 9 ending with ":" (1 is highest)
    first: int  # index of its line
    last: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Item:
    text: str  # without its bullet
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class ListBlock:
    lead: Paragraph | None  # the sentence that introduces the items
    items: tuple[Item, ...]
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    roles: tuple[str | None, ...]
    rows: tuple[Row, ...]
    first: int
    last: int

    def cells(self, row: Row, wanted: str) -> list[str]:
        """The non-empty cells of `row` in columns of role `wanted`."""
        return [c for c, r in zip(row.cells, self.roles, strict=False) if r == wanted and c]


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    role: str | None
    value: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Fields:
    entries: tuple[Entry, ...]
    first: int
    last: int

    def values(self, wanted: str) -> list[Entry]:
        return [e for e in self.entries if e.role == wanted and e.value]


Block = Paragraph | ListBlock | Table | Fields


@dataclass(slots=True)
class Section:
    """A heading (None for the notice's top) and the blocks and sections it owns."""

    heading: Heading | None
    children: list[Block | Section] = field(default_factory=list)

    def blocks(self) -> list[tuple[Block, list[Heading]]]:
        """Every block of the tree in reading order, with the headings above it (outermost
        first)."""
        out: list[tuple[Block, list[Heading]]] = []
        stack: list[tuple[Section, list[Heading]]] = [(self, [])]
        while stack:
            section, above = stack.pop()
            here = [*above, section.heading] if section.heading is not None else above
            pending: list[tuple[Section, list[Heading]]] = []
            for child in section.children:
                if isinstance(child, Section):
                    pending.append((child, here))
                else:
                    out.append((child, here))
            stack.extend(reversed(pending))
        return sorted(out, key=lambda pair: pair[0].first)


def build(lines: list[Line]) -> Section:
    """The tree of `lines`: headings own the blocks under them."""
    root = Section(None)
    stack = [root]
    for block in flat(lines):
        if isinstance(block, Heading):
            while len(stack) > 1 and (h := stack[-1].heading) is not None and h.rank >= block.rank:
                stack.pop()
            section = Section(block)
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].children.append(block)
    return root


def flat(lines: list[Line]) -> list[Heading | Block]:
    """The blocks of `lines` in order, headings included."""
    out: list[Heading | Block] = []
    k = 0
    texts = [ln.text for ln in lines]
    while k < len(texts):
        if not texts[k].strip():
            k += 1
            continue
        if _MARKDOWN.match(texts[k]) and (heading := _heading(texts, k)) is not None:
            out.append(heading)
            k += 1
            continue
        found = _table(texts, k) or _fields(texts, k) or _list(texts, k)
        if found is not None:
            out.append(found)
            k = found.last + 1
            continue
        heading = _heading(texts, k)
        if heading is not None:
            out.append(heading)
            k += 1
            continue
        paragraph = _paragraph(texts, k)
        out.append(paragraph)
        k = paragraph.last + 1
    return out


# --- headings and paragraphs -------------------------------------------------------------

_MARKDOWN = re.compile(r"^\s*(#{1,6})\s+(\S.*)$")
_HEADING_MAX = 80  # characters
_SMALL = {
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "de", "du",
    "des", "la", "le", "les", "et", "en", "à", "au", "aux", "d", "l", "sur", "pour", "par",
}  # fmt: skip


def _next_content(texts: list[str], k: int) -> int | None:
    for j in range(k + 1, min(k + 3, len(texts))):
        if texts[j].strip():
            return j
    return None


def _heading(texts: list[str], k: int) -> Heading | None:
    text = texts[k].strip()
    if _next_content(texts, k) is None:
        return None
    marked = _MARKDOWN.match(text)
    if marked is not None:
        return Heading(marked.group(2).strip(" #"), len(marked.group(1)), k, k)
    bare = text.strip("*_ ")
    if ": " in bare:  # "Service Type: Production" is a field
        return None
    if len(bare) > _HEADING_MAX or BULLET.match(text) or bare.endswith((".", ",", ";")):
        return None
    words = re.findall(r"[^\W\d_][\w'’-]*", bare)
    if not words or role(bare) in _LABELS:  # "Start Date/Time", "Description:": a label
        return None
    if bare.endswith(":") and len(words) <= 6:
        return Heading(bare.rstrip(": "), 9, k, k)
    letters = [c for c in bare if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return Heading(bare, 7, k, k)
    big = [w for w in words if w.lower() not in _SMALL]
    if len(words) <= 10 and len(big) >= 2 and all(_capital(w) for w in big):
        return Heading(bare, 8, k, k)
    return None


_LABELS = frozenset({"start", "end", "duration", "date", "time", "impact", "description"})


def _capital(word: str) -> bool:
    """ "Portal", "EDI", "eManifest" (a capital inside a name counts)."""
    return word[:1].isupper() or any(c.isupper() for c in word[1:])


def _paragraph(texts: list[str], k: int) -> Paragraph:
    """Lines up to a blank line, or up to a line that begins another block."""
    j = k
    while j + 1 < len(texts) and texts[j + 1].strip() and not _begins_block(texts, j + 1):
        j += 1
    return Paragraph(join_lines(texts[k : j + 1]), k, j)


def _begins_block(texts: list[str], k: int) -> bool:
    text = texts[k]
    if BULLET.match(text):
        return True
    if ("|" in text or "\t" in text or "  " in text.strip()) and _table(texts, k) is not None:
        return True
    return ":" in text and (_fields(texts, k) is not None or _list(texts, k) is not None)


# --- lists -------------------------------------------------------------------------------

_ITEM = re.compile(r"^\s*(?:[•●▪◦○■□►▸‣⁃*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s*")
_ITEM_MAX_WORDS = 12  # an unbulleted item after a lead-in is a short line
_LIST_MIN = 2


def _list(texts: list[str], k: int) -> ListBlock | None:
    """A lead-in ending with ":" and its items, or a run of bullets (with the paragraph line
    just above as lead-in when it ends with ":")."""
    text = texts[k]
    if _ITEM.match(text):
        items, last = _items(texts, k, bulleted=True)
        return ListBlock(None, tuple(items), k, last) if items else None
    lead_end = k
    while lead_end < len(texts) and texts[lead_end].strip() and lead_end - k < 4:
        if _lead_colon(texts[lead_end]):
            break
        if _ITEM.match(texts[lead_end]) or _MARKDOWN.match(texts[lead_end]):
            return None
        if texts[lead_end].rstrip().endswith((".", "!", "?")):  # the lead-in is one sentence
            return None
        lead_end += 1
    else:
        return None
    if lead_end >= len(texts) or not _lead_colon(texts[lead_end]):
        return None
    start = lead_end + 1
    while start < len(texts) and not texts[start].strip() and start - lead_end < 3:
        start += 1
    if start >= len(texts) or not texts[start].strip():
        return None
    bulleted = _ITEM.match(texts[start]) is not None
    items, last = _items(texts, start, bulleted=bulleted)
    if len(items) < (1 if bulleted else _LIST_MIN):
        return None
    lead = Paragraph(join_lines(texts[k : lead_end + 1]), k, lead_end)
    return ListBlock(lead, tuple(items), k, last)


_TRAILING_MARKUP = re.compile(r"(?:\s*(?:\[/?\.?[A-Za-z]{1,2}\]|</?\w{1,6}>|\*+|_+))+\s*$")


def _lead_colon(text: str) -> bool:
    return _TRAILING_MARKUP.sub("", text).rstrip().endswith(":")


def _items(texts: list[str], k: int, *, bulleted: bool) -> tuple[list[Item], int]:
    items: list[Item] = []
    j, last = k, k - 1
    while j < len(texts):
        text = texts[j]
        if not text.strip():
            break
        mark = _ITEM.match(text)
        if bulleted:
            if mark is None:
                if items and text[:1].isspace():  # an item wrapped onto an indented line
                    previous = items[-1]
                    items[-1] = Item(join_lines([previous.text, text]), previous.first, j)
                    last = j
                    j += 1
                    continue
                break
            items.append(Item(text[mark.end() :].strip(), j, j))
        else:
            words = text.split()
            if mark is not None or len(words) > _ITEM_MAX_WORDS or text.rstrip().endswith("."):
                break
            if _lead_colon(text) or find_windows(text):
                break
            items.append(Item(text.strip(), j, j))
        last = j
        j += 1
    return items, last


# --- fields ------------------------------------------------------------------------------

_KEY = re.compile(r"^\s*(?P<key>[^\W\d_][\w'’/ -]{0,40}?)\s*[:：]\s*(?P<value>.*)$")
_FIELDS_MIN = 2
_FIELDS_MAX = 24  # a fields block is short: longer runs of "key: value" lines are split
_VALUE_LINES = 6  # lines a value may run under its key


def _entry(texts: list[str], k: int) -> tuple[Entry, int] | None:
    """A "Key: value" line, or a key alone on its line with its value on the next lines."""
    match = _KEY.match(texts[k].strip("*_ ").replace("*", ""))
    if match is None or len(match["key"].split()) > 4 or BULLET.match(texts[k]):
        return None
    key, value = match["key"].strip(), match["value"].strip()
    kind = role(key)
    if value:
        return Entry(key, kind, value, k, k), k
    j = k + 1
    if kind == "service":  # "Services affected:" and a bulleted list under it
        items = listed_after(texts, j, _FIELDS_MAX)
        if items is not None:
            return Entry(key, kind, "\n".join(items[0]), k, items[1]), items[1]
    parts: list[str] = []
    while j < len(texts) and texts[j].strip() and _KEY.match(texts[j]) is None:
        if BULLET.match(texts[j]) or len(parts) >= _VALUE_LINES:  # a lead-in, or prose
            return None
        parts.append(texts[j])
        j += 1
    if not parts or (kind is None and len(parts) > 3):
        return None
    return Entry(key, kind, "\n".join(p.strip() for p in parts), k, j - 1), j - 1


def _fields(texts: list[str], k: int) -> Fields | None:
    """At least two key-value entries (blank lines between them allowed), one of them giving a
    start, an end, a date, a time or a duration."""
    entries: list[Entry] = []
    j = k
    while j < len(texts) and len(entries) < _FIELDS_MAX:
        if not texts[j].strip():
            if not entries or j + 1 >= len(texts) or not texts[j + 1].strip():
                break
            j += 1
            continue
        found = _entry(texts, j)
        if found is None:
            break
        kind = found[0].role
        if kind is not None and any(e.role == kind for e in entries):
            break  # "Start:" again: the next block
        entries.append(found[0])
        if len(entries) == _FIELDS_MIN * 3 and not any(e.role in TEMPORAL for e in entries):
            return None  # a list of "key: value" lines that says no time
        j = found[1] + 1
    if len(entries) < _FIELDS_MIN or not any(e.role in TEMPORAL for e in entries):
        return None
    return Fields(tuple(entries), k, entries[-1].last)


# --- tables ------------------------------------------------------------------------------

_ROW_LINES = 12  # lines one wrapped table row may run over
_HEADER_MAX = 12  # columns
_GAP = re.compile(r"\S+(?: \S+)*")  # a cell of an aligned row: words separated by single spaces
_RULE_ROW = re.compile(r"^\s*\|?[\s:|-]*\|?\s*$")


def _table(texts: list[str], k: int) -> Table | None:
    return _pipes(texts, k) or _tabs(texts, k) or _aligned(texts, k)


def _header(cells: list[str]) -> tuple[str | None, ...] | None:
    """The roles of a header row, when it has a window column (or start, date…)."""
    roles = tuple(role(c) for c in cells)
    if len(cells) < 2 or not TEMPORAL & set(roles) or sum(r is not None for r in roles) < 2:
        return None
    return roles


def _pipe_cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def _pipes(texts: list[str], k: int) -> Table | None:
    if "|" not in texts[k]:
        return None
    if len(_pipe_cells(texts[k])) >= 2:
        header = _pipe_cells(texts[k])
        roles = _header(header)
        return None if roles is None else _pipe_rows(texts, k, header, roles)
    return _cell_stream(texts, k)


def _pipe_rows(
    texts: list[str], k: int, header: list[str], roles: tuple[str | None, ...]
) -> Table | None:
    """Rows that begin with "|" and run until they have as many cells as the header (an HTML
    table flattened to text wraps a long cell onto the next lines)."""
    rows: list[Row] = []
    j, last = k + 1, k
    while j < len(texts):
        text = texts[j]
        if _RULE_ROW.fullmatch(text) and "-" in text:
            last = j
            j += 1
            continue
        if "|" not in text:
            break
        parts, start = [text], j
        j += 1
        while (
            len(parts) < _ROW_LINES
            and len(_pipe_cells(" ".join(parts))) < len(header)
            and j < len(texts)
        ):
            nxt = texts[j]
            if not nxt.strip() or (
                nxt.lstrip().startswith("|") and len(_pipe_cells(" ".join(parts))) >= 2
            ):
                break
            parts.append(nxt)
            j += 1
        # a cell keeps its line breaks: a service cell may list one service a line
        cells = _pipe_cells("\n".join(p.strip() for p in parts))
        rows.append(Row(tuple(c.strip() for c in cells), start, j - 1))
        last = j - 1
    return Table(tuple(header), roles, tuple(rows), k, last) if rows else None


def _cell_stream(texts: list[str], k: int) -> Table | None:
    """A pipe table flattened one cell per line ("22 avril 2025 8 h à 17 h |"): each pipe
    closes a cell, whatever the lines; the header is the cells before the first that holds a
    window, and the rows follow while the header's first window column holds a figure."""
    values: list[tuple[str, int]] = []
    carry: list[str] = []
    at = -1
    j = k
    while j < len(texts) and texts[j].strip() and ("|" in texts[j] or _continues(texts, j)):
        if len(values) == _HEADER_MAX and not any(_window_cell(c) for c, _ in values):
            return None  # no window within a header's reach: not a table
        pieces = texts[j].split("|")
        for n, piece in enumerate(pieces):
            if piece.strip():
                carry.append(piece)
                at = j if at < 0 else at
            if n < len(pieces) - 1:  # a pipe closes the cell
                if carry:
                    values.append((join_lines(carry), at))
                carry, at = [], -1
        j += 1
    width = next((n for n, (c, _) in enumerate(values) if _window_cell(c)), 0)
    if width < 2 or len(values) < 2 * width:
        return None
    header = [c for c, _ in values[:width]]
    roles = _header(header)
    if roles is None:
        return None
    column = next(n for n, r in enumerate(roles) if r in TEMPORAL)
    rows: list[Row] = []
    for n in range(width, len(values) - width + 1, width):
        group = values[n : n + width]
        if not re.search(r"\d", group[column][0]):
            break
        rows.append(Row(tuple(c for c, _ in group), group[0][1], group[-1][1]))
    if not rows:
        return None
    return Table(tuple(header), roles, tuple(rows), k, rows[-1].last)


_MAYBE_TIME = re.compile(r"\d|noon|midnight|midi|minuit", re.IGNORECASE)


def _window_cell(cell: str) -> bool:
    return _MAYBE_TIME.search(cell) is not None and bool(find_windows(cell))


def _continues(texts: list[str], j: int) -> bool:
    """A line without a pipe inside a one-cell-per-line table: a cell whose pipe is on the
    next line ("Avis" then "|")."""
    return (
        j > 0
        and "|" in texts[j - 1]
        and j + 1 < len(texts)
        and texts[j + 1].strip().startswith("|")
    )


def _tabs(texts: list[str], k: int) -> Table | None:
    if "\t" not in texts[k]:
        return None
    header = [c.strip() for c in texts[k].split("\t")]
    roles = _header(header)
    if roles is None:
        return None
    rows: list[Row] = []
    j = k + 1
    while j < len(texts) and "\t" in texts[j]:
        rows.append(Row(tuple(c.strip() for c in texts[j].split("\t")), j, j))
        j += 1
    return Table(tuple(header), roles, tuple(rows), k, j - 1) if rows else None


def _starts(text: str) -> list[int]:
    """Where each cell of an aligned row begins: after a gap of two spaces or more."""
    return [m.start() for m in re.finditer(r"(?:(?<=\s\s)|^)\S", text)]


def _aligned(texts: list[str], k: int) -> Table | None:
    """A header and rows whose cells, separated by two spaces or more, begin at the header's
    columns."""
    header_text = texts[k].rstrip()
    starts = _starts(header_text)
    if len(starts) < 2 or "  " not in header_text.strip():
        return None
    header = [m.group(0) for m in _GAP.finditer(header_text)]
    if len(header) != len(starts):
        return None
    roles = _header(header)
    if roles is None:
        return None
    rows: list[Row] = []
    j = k + 1
    while j < len(texts) and texts[j].strip():
        text = texts[j].rstrip()
        begins = set(_starts(text))
        if not set(starts[1:]) <= begins:
            break
        bounds = [*starts, len(text) + 1]
        cells = tuple(text[a:b].strip() for a, b in pairwise(bounds))
        rows.append(Row(cells, j, j))
        j += 1
    return Table(tuple(header), roles, tuple(rows), k, j - 1) if rows else None
