"""Places where a utility is cut are not services (round 4).

A notice of a power or water cut often lists where it is cut: a table of buildings under
« Pavillons touchés par les interruptions de courant », the sectors under a water-cut title,
the neighbourhood a title names ("Riverside: no power on Sunday"). A row that takes its name
from such a place by a weak rule (the heading above it, the title) is the utility, named as
the kind of notice names it (notices/kinds.py), once per window: the place is said in a
warning (`notice.name_place`). A row named in its own sentence, in a service column or in a
table's place column (rule "same row", already warned) keeps its name."""

from __future__ import annotations

from dataclasses import replace

from preavis.notices import kinds, naming, widening
from preavis.notices.layout import Record
from preavis.notices.text import Line

_UTILITIES = frozenset({"water", "power", "gas"})
# a table's place column keeps its places (rule "same row", weakly): its rows are where
_PLACE_RULES = frozenset({"heading", naming.TITLE_RULE})


def _utility(texts: list[str]) -> kinds.Implied | None:
    """The utility the first of `texts` that names a cut implies (innermost heading first)."""
    for text in texts:
        for kind in kinds.KINDS:
            if kind.what not in _UTILITIES:
                continue
            for pattern, name in ((kind.cues_fr, kind.fr), (kind.cues_en, kind.en)):
                found = pattern.search(text)
                if found is not None:
                    return kinds.Implied(name, " ".join(found.group(0).split()))
    return None


_REACH = 200  # lines looked back for a heading-like line (a table one cell a line is long)


def _short_above(lines: list[Line], number: int) -> list[str]:
    """The heading-like lines above line `number` (short, no full stop), nearest first: what a
    flattened page keeps of its headings (« Pavillons touchés par les interruptions »)."""
    out = []
    for line in reversed(lines):
        if number - _REACH <= line.number < number:
            text = line.text.strip(" #*_")
            if 0 < len(text) <= 80 and not text.endswith((".", ";", ",")):
                out.append(text)
    return out


def _when(record: Record) -> tuple[str, ...]:
    """What tells one window from another: its start and end as read, not its words."""
    window = record.window
    return (repr(window.start), repr(window.end), repr(window.duration), repr(window.until),
            repr(window.weekdays))  # fmt: skip


def _place(record: Record) -> bool:
    if record.rule not in _PLACE_RULES or not record.name:
        return False
    return kinds.implied(record.name) is None and kinds.closed(record.name) is None


def fold(records: list[Record], lines: list[Line]) -> list[Record]:
    """Rows named by the places a utility cut reaches: the utility, one row per window."""
    if not any(_place(r) for r in records):
        return records
    found = naming.title_of(lines)
    title = [found[0]] if found else []
    tree = widening.placed(lines)
    out: list[Record] = []
    seen = {(r.name.casefold(), *_when(r)) for r in records if not _place(r)}
    for record in records:
        if not _place(record):
            out.append(record)
            continue
        line = record.window_span[0] if record.window_span else record.window_line
        utility = _utility(
            [*widening.headings_above(lines, line, tree), *_short_above(lines, line), *title]
        )
        if utility is None:
            out.append(record)
            continue
        key = (utility.name.casefold(), *_when(record))
        if key in seen:
            continue  # the utility's row for this window is there already
        seen.add(key)
        doubt = ("notice.name_place", (("place", record.name),))
        out.append(
            replace(
                record,
                name=utility.name,
                rule=naming.KIND_RULE,
                weak=f"the service is implied by the kind of notice (“{utility.cue}”)",
                doubts=(*record.doubts, doubt),
            )
        )
    return out
