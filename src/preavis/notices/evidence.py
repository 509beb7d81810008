"""Evidence: where a row's service and window are printed, the scope rule that tied them, and
the doubts that concern the row (docs/notices.md, "JSON shape")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from preavis.domain.messages import english
from preavis.domain.problems import Problem, Severity
from preavis.notices.text import Line
from preavis.notices.when import WindowMatch

if TYPE_CHECKING:
    from preavis.notices.layout import Record
    from preavis.notices.reader import NoticeInterruption


Doubt = tuple[str, str, dict[str, str]]  # English words, catalogue id, its parameters

# Why a rule's tie is a guess (Record.weak, in English) → its catalogue id; a group names a
# parameter of the id's message.
_WEAK: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"no sentence names a service for this window: the notice's title does", "title"),
        (r"the service is implied by the kind of notice \(“(?P<cue>.+)”\)", "kind"),
        (r"the service is what the maintenance is said to be of", "event_object"),
        (
            r"the window is printed in another sentence \(line (?P<line>\d+)\), which names no "
            r"service",
            "window_elsewhere",
        ),
        (r"the list's lead-in prints no window: the notice's one window applies", "lead_in"),
        (r"the table has no service column: the row is named by its place", "place"),
        (r"the table has no service column: the service is the heading above it", "heading"),
        (r"the table has no service column: the service is the notice's title", "table_title"),
        (r"the notice's one window, not said in this sentence", "one_window"),
    )
)


def weak_code(reason: str) -> tuple[str, dict[str, str]]:
    """The catalogue id of a rule's reason for being weak and its parameters; ("", {}) for a
    reason the catalogue does not have."""
    for pattern, code in _WEAK:
        found = pattern.fullmatch(reason)
        if found is not None:
            return f"notice.weak_{code}", {k: v for k, v in found.groupdict().items() if v}
    return "", {}


def name_doubts(record: Record, max_words: int) -> list[Doubt]:
    """What is doubtful about a row's service name: the English words, their catalogue id
    ("" when the catalogue does not have it) and its parameters."""
    name = f"“{record.name}”"
    service = {"service": record.name}
    named: list[Doubt] = []
    if record.weak:
        code, params = weak_code(record.weak)
        said = f"{name} tied to its window by the {record.rule} rule: {record.weak}"
        named.append((said, code, {**service, "rule": record.rule, **params} if code else {}))
    elif record.rule == "heading":
        said = f"{name} is the heading above this window, not on its line"
        named.append((said, "notice.heading_name", service))
    if len(record.name.split()) > max_words or record.name.rstrip().endswith("."):
        said = f"{name} reads as a sentence, not as a service name"
        named.append((said, "notice.name_sentence", service))
    elif record.name.count("(") != record.name.count(")"):
        named.append((f"{name} looks cut short (an unclosed bracket)", "notice.name_cut", service))
    for code, pairs in record.doubts:
        params = {**service, **dict(pairs)}
        named.append((english(code, params), code, params))
    return named


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text is in the notice: line and 1-based column, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


# The reader's doubts about a row's name itself (not its window or impact): the name is a guess
# (a weak rule, a choice among candidates, a generic word, a sentence). A person correcting such
# a name says the guess was wrong, not that the printed words are another name of the service:
# no alias is learned from it (web admin's import review).
NAME_DOUBTS = frozenset(
    {
        "notice.name_sentence", "notice.name_cut", "notice.name_ranked",
        "notice.name_antecedent", "notice.name_generic", "notice.name_place", "notice.name_weak",
        "notice.name_close",
    }
)  # fmt: skip


def name_doubted(codes: Iterable[str]) -> bool:
    """Whether any of these warnings (catalogue ids) doubts a row's name."""
    return any(code in NAME_DOUBTS or code.startswith("notice.weak_") for code in codes)


@dataclass(frozen=True, slots=True)
class Match:
    """How a row's printed name became a catalogue service other than by one of its own names:
    `reason` "alias", a name staff corrected in an earlier import review (or added by hand) to
    that service (`slug`, named `name` in the notice's language)."""

    reason: str
    printed: str
    slug: str
    name: str

    @property
    def code(self) -> str:
        return f"notice.matched_{self.reason}"

    @property
    def params(self) -> dict[str, str]:
        return {"printed": self.printed, "service": self.name}

    def problem(self) -> Problem:
        """The note as a catalogued message (to be said in any language; not a warning)."""
        return Problem(Severity.WARNING, english(self.code, self.params), "", None, self.code,
                       self.params)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a row says what it says: where its service and window are printed, the scope rule
    that tied them, and the warnings that concern this row (`said`: the reading's own warning
    objects, each with its catalogue id and parameters, so that any interface says them in its
    language and refers to them without comparing sentences)."""

    rule: str
    service: Span | None
    window: Span | None
    said: tuple[Problem, ...] = ()
    # When the name was rebuilt from pieces printed apart ("A" under a heading), each piece's
    # place, in the name's order (`service` is then the first); empty when printed whole.
    pieces: tuple[Span, ...] = ()
    match: Match | None = None  # the name read as a service through a remembered correction

    @property
    def warnings(self) -> tuple[str, ...]:
        """The English sentences of `said` (as `message` says them)."""
        return tuple(p.message for p in self.said)


def window_zone(window: WindowMatch) -> bool:
    return bool(window.start.zone or window.end.zone)


def printed_year(window: WindowMatch) -> bool:
    return any(
        part.date is not None and part.date.year is not None for part in (window.start, window.end)
    )


def width(lines: list[Line], number: int) -> int:
    at = index_of(lines, number)
    return 0 if at is None else len(lines[at].text)


def index_of(lines: list[Line], number: int) -> int | None:
    """The index of the line numbered `number` (lines are in order, numbers increasing)."""
    k = _bisect(lines, number)
    return k if k < len(lines) and lines[k].number == number else None


def _bisect(lines: list[Line], number: int) -> int:
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        if lines[mid].number < number:
            lo = mid + 1
        else:
            hi = mid
    return lo


# Where a name is looked for when it is not on its own line: the lines above it (a heading,
# a lead-in), a few below, and the notice's first lines (its title).
_ABOVE, _BELOW, _TOP = 60, 10, 12
_SCAN = 2_000  # lines: a notice up to this long is searched whole for a name printed whole
# Words that are no piece of a name on their own
_LONE = frozenset(["and", "the", "for", "with", "from", "des", "les", "une", "aux", "sur", "par"])


@lru_cache(maxsize=8192)
def folded(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` folded as names are compared (casefolded, accents dropped, any run of
    punctuation, apostrophes and spaces one space: « l’hôtel de ville » prints « hôtel de
    ville ») and, for each folded character, the index of the character of `text` it comes
    from."""
    out: list[str] = []
    where: list[int] = []
    space = True
    for k, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", ch.casefold()):
            if unicodedata.combining(c):
                continue
            if c.isalnum():
                out.append(c)
                where.append(k)
                space = False
            elif not space:
                out.append(" ")
                where.append(k)
                space = True
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), tuple(where)


def _find(
    lines: list[Line], at: int, words: str, count: int = 1, whole: bool = True
) -> Span | None:
    """Where the folded `words` are printed whole (`whole`; else even inside a word) in the
    `count` lines from index `at` (a name wrapped over lines is found across them)."""
    block = lines[at : at + count]
    text = " ".join(ln.text for ln in block)
    said, where = folded(text)
    start = 0
    while (k := said.find(words, start)) >= 0:
        end = k + len(words)
        bounded = (k == 0 or said[k - 1] == " ") and (end == len(said) or said[end] == " ")
        if bounded or not whole:
            first, last = where[k], where[end - 1]
            return Span(*_place(block, first), *_place(block, last, 2))
        start = k + 1
    return None


def _place(block: list[Line], offset: int, past: int = 1) -> tuple[int, int]:
    """The line and 1-based column of character `offset` of the block's lines joined by one
    space (`past` 2: the column after it)."""
    for ln in block:
        if offset <= len(ln.text):
            return ln.number, offset + past
        offset -= len(ln.text) + 1
    last = block[-1]
    return last.number, len(last.text) + 1


def _near(lines: list[Line], at: int) -> list[int]:
    """The indexes of the lines where a name said about line `at` may be printed, nearest
    first: above it (headings, lead-ins), then below, then the notice's first lines."""
    above = range(at - 1, max(at - _ABOVE, 0) - 1, -1)
    below = range(at + 4, min(at + _BELOW, len(lines)))
    seen = dict.fromkeys([*above, *below, *range(min(_TOP, len(lines)))])
    return [k for k in seen if not at <= k < at + 4]


def locate(lines: list[Line], name: str, number: int) -> tuple[Span | None, tuple[Span, ...]]:
    """Where a service name is printed: its own characters on its line (or across the few
    after it, when wrapped), else on the nearest line that prints it; when no line prints it
    whole (rebuilt: "A" under a heading, a determiner dropped, two names joined), the place of
    each of its pieces, in the name's order (the first is the span). The whole line only when
    no piece of it is printed near."""
    at = index_of(lines, number)
    words = folded(name)[0]
    if at is None or not words:
        return None, ()
    found = _find(lines, at, words, 4)
    if found is not None:
        return _grow(lines, found, name), ()
    near = _near(lines, at)
    searched = {at, *near}
    rest = [k for k in range(len(lines)) if k not in searched] if len(lines) <= _SCAN else []
    for k in [*near, *rest]:
        found = _find(lines, k, words)
        if found is not None:
            return _grow(lines, found, name), ()
    pieces = _pieces(lines, at, near, words.split())
    if pieces:
        return pieces[0], tuple(pieces)
    inside = _find(lines, at, words, 4, whole=False)  # a name cut from a word: "tauban"
    return inside or Span(number, 1, number, len(lines[at].text) + 1), ()


def _grow(lines: list[Line], found: Span, text: str) -> Span:
    """A span found folded, grown over the punctuation `text` begins or ends with when the
    line prints it there ("(ET)", "(beta)", "« Portail »")."""
    said = text.strip()
    lead = len(said) - len(re.sub(r"^[^\w]+", "", said))
    trail = len(said) - len(re.sub(r"[^\w]+$", "", said))
    column, end = found.column, found.end_column
    first, last = index_of(lines, found.line), index_of(lines, found.end_line)
    if first is not None and lead:
        head = lines[first].text[: column - 1]
        while lead and head.endswith(said[lead - 1]):
            head, column, lead = head[:-1], column - 1, lead - 1
    if last is not None and trail:
        tail = lines[last].text[end - 1 :]
        wanted = said[len(said) - trail :]
        k = 0
        while k < len(wanted) and k < len(tail) and tail[k] == wanted[k]:
            k += 1
        end += k
    return Span(found.line, column, found.end_line, end)


def narrow(lines: list[Line], place: Span | None, text: str) -> Span | None:
    """A window's span narrowed to the window's own words when they are printed together
    inside it (a table row's window cell, a fields block's value); else as it is."""
    if place is None or not (words := folded(text)[0]):
        return place
    at = index_of(lines, place.line)
    end = index_of(lines, place.end_line)
    if at is None or end is None or end - at > 12:
        return place
    found = _find(lines, at, words, end - at + 1)
    if found is None:
        return place
    found = _grow(lines, found, text)
    if (found.line, found.column) < (place.line, place.column):
        return place
    if (found.end_line, found.end_column) > (place.end_line, place.end_column):
        return place
    return found


def _pieces(lines: list[Line], at: int, near: list[int], words: list[str]) -> list[Span]:
    """The longest runs of the name's words printed whole, from its first word on: the name's
    own line first, then the lines near it; a word printed nowhere near is skipped, and a
    lone word only counts when it has three letters or more and is not a linking word."""
    order = [at, *near]
    out: list[Span] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            run = " ".join(words[i:j])
            if j - i == 1 and (len(run) < 3 or run in _LONE):
                continue
            hit = next((h for k in order if (h := _find(lines, k, run, 1)) is not None), None)
            if hit is not None:
                out.append(hit)
                i = j
                break
        else:
            i += 1
    return out


def in_source(place: Span | None, lines: list[Line], source: Sequence[str]) -> Span | None:
    """A span of the reader's lines (cleaned of markup, OCR repaired) as the same characters'
    place in the notice's own text (`source`, its lines as decoded), so that quoting the
    notice at that span gives what was printed."""
    if place is None or not source:
        return place
    line, column = _source_column(place.line, place.column - 1, lines, source, False)
    end_line, end = _source_column(place.end_line, place.end_column - 2, lines, source, True)
    return Span(line, column, end_line, end)


_MAP_MAX = 5_000  # characters: a longer repaired line keeps the reader's columns


@lru_cache(maxsize=1024)
def _aligned(fixed: str, raw: str) -> list[tuple[int, int, int]]:
    """The stretches a repaired line shares with its source line: (at, in source, length)."""
    blocks = SequenceMatcher(None, fixed, raw, autojunk=False).get_matching_blocks()
    return [(b.a, b.b, b.size) for b in blocks]


def _source_column(
    number: int, offset: int, lines: list[Line], source: Sequence[str], last: bool
) -> tuple[int, int]:
    """The 1-based column in the source line of the reader's character `offset` of line
    `number` (`last`: the column after it)."""
    at = index_of(lines, number)
    if at is None or not 1 <= number <= len(source):
        return number, offset + (2 if last else 1)
    fixed, raw = lines[at].text, source[number - 1]
    if len(fixed) == len(raw) or len(fixed) > _MAP_MAX or len(raw) > _MAP_MAX:
        return number, offset + (2 if last else 1)  # same length: characters replaced in place
    blocks = _aligned(fixed, raw)
    for a, b, size in blocks:
        if a <= offset < a + size:
            return number, b + (offset - a) + (2 if last else 1)
    if last:  # in a stretch the repair rewrote: up to the end of that stretch in the source
        after = next(((a, b) for a, b, n in blocks if a > offset), (len(fixed), len(raw)))
        return number, after[1] + 1
    before = [(a + n, b + n) for a, b, n in blocks if a + n <= offset]
    return number, (before[-1][1] if before else 0) + 1


class Whole:
    """A subject that is no row: the notice as a whole, or a record that gave no row."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


NOTICE = Whole("the notice")  # said on a row only by the rule that makes it concern the row
NO_ROW = Whole("no row")  # a record that gave no row ("[CANCELLED]"): on no row


@dataclass
class Concerned:
    """What each warning of a reading is about, as the reader said it (`subjects`, by the id of
    the warning: a Record, its window, a row, NOTICE or NO_ROW; none: its line), the record each
    row's evidence comes from, and the notice-wide guesses that concern a row whose window does
    not print them (the zone, the year)."""

    subjects: dict[int, tuple[Problem, object]] = field(default_factory=dict)
    records: dict[int, tuple[Evidence, Record]] = field(default_factory=dict)
    zone: Problem | None = None
    year: Problem | None = None

    def about(self, problem: Problem, subject: object) -> None:
        self.subjects[id(problem)] = (problem, subject)


def row_warnings(
    found: list[NoticeInterruption], warnings: Sequence[Problem], concerned: Concerned
) -> list[NoticeInterruption]:
    """Each row's evidence lists the warnings about it: about its record (its name, its impact),
    its window, or the row itself; the guessed zone or year when its window prints none; and a
    warning about nothing the reader could point at (or about a record that gave no row) by its
    line, when it is said on the row's name's or window's line."""
    keys: list[set[int]] = []
    for item in found:
        mine = {id(item)}
        tied = concerned.records.get(id(item.evidence)) if item.evidence else None
        if tied is not None:
            mine |= {id(tied[1]), id(tied[1].window)}
        keys.append(mine)
    rows = set().union(*keys) if keys else set()
    by_subject: dict[int, list[Problem]] = {}
    by_line: dict[int, list[Problem]] = {}
    for problem in warnings:
        entry = concerned.subjects.get(id(problem))
        subject = entry[1] if entry is not None else None
        if isinstance(subject, Whole):
            continue
        if subject is not None and id(subject) in rows:
            by_subject.setdefault(id(subject), []).append(problem)
        elif problem.line is not None:
            by_line.setdefault(problem.line, []).append(problem)
    position = {id(p): k for k, p in enumerate(warnings)}
    out = []
    for item, mine in zip(found, keys, strict=True):
        evidence = item.evidence
        if evidence is None:
            out.append(item)
            continue
        said = [p for key in mine for p in by_subject.get(key, ())]
        lines = {item.line}
        if evidence.window is not None:
            lines.add(evidence.window.line)
        said += [p for n in lines for p in by_line.get(n, ())]
        tied = concerned.records.get(id(evidence))
        window = tied[1].window if tied is not None else None
        if concerned.zone is not None and window is not None and not window_zone(window):
            said.append(concerned.zone)
        if concerned.year is not None and window is not None and not printed_year(window):
            said.append(concerned.year)
        said.sort(key=lambda p: position.get(id(p), -1))
        merged = tuple(dict.fromkeys(said))
        out.append(replace(item, evidence=replace(evidence, said=merged)))
    return out


def _span(place: Span | None) -> dict[str, int] | None:
    if place is None:
        return None
    return {
        "line": place.line,
        "column": place.column,
        "end_line": place.end_line,
        "end_column": place.end_column,
    }


def param_json(value: Any) -> Any:
    """A message parameter as JSON: numbers, text and booleans as they are, dates in ISO."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def problem_json(problem: Problem, say: Callable[[Problem], str] | None = None) -> dict[str, Any]:
    """A warning or an error: its line, its catalogue id and parameters (stable keys), its
    English `message` (as before ids were given), and `said`: the same in the language of
    the interface (`say`), English without one."""
    return {
        "line": problem.line,
        "code": problem.code,
        "params": {k: param_json(v) for k, v in problem.params.items()},
        "message": problem.message,
        "said": say(problem) if say is not None else problem.message,
    }


def evidence_json(
    evidence: Evidence,
    index: Mapping[int, int] | None = None,
    say: Callable[[Problem], str] | None = None,
) -> dict[str, Any]:
    """A row's evidence as JSON; each warning names its place in the reading's top-level
    `warnings` (`index`, by the warning's id) besides its id, parameters and message."""
    places = index or {}
    return {
        "rule": evidence.rule,
        "service": _span(evidence.service),
        "service_pieces": [_span(p) for p in evidence.pieces],
        "window": _span(evidence.window),
        "warnings": [{"warning": places.get(id(p)), **problem_json(p, say)} for p in evidence.said],
        "match": _match_json(evidence.match, say),
    }


def _match_json(match: Match | None, say: Callable[[Problem], str] | None) -> dict[str, Any] | None:
    if match is None:
        return None
    note = match.problem()
    return {
        "reason": match.reason,
        "printed": match.printed,
        "slug": match.slug,
        "code": note.code,
        "params": dict(note.params),
        "message": note.message,
        "said": say(note) if say is not None else note.message,
    }
