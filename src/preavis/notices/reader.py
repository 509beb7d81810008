"""Reading a notice: text or PDF in, a checked list of interruptions out, with every doubt noted.

`read_notice` never guesses silently: each decision it had to make is a warning with its line,
and each thing it could not make sense of is an error with its line. It raises only NoticeError,
for input that cannot be read at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

from preavis.domain.errors import NoticeError, PreavisError
from preavis.domain.problems import Problem, Severity
from preavis.domain.service import Alias, Service
from preavis.domain.text import Lang
from preavis.domain.zones import zone as get_zone
from preavis.notices import anaphora, naming, places, ranking, shared, vague
from preavis.notices import impact as impacts
from preavis.notices.checks import check_bounds, check_overlaps
from preavis.notices.dates import Resolver, YearChoice, choose_year
from preavis.notices.during import also_during, listed_action
from preavis.notices.evidence import (
    NO_ROW,
    NOTICE,
    Concerned,
    Evidence,
    Span,
    in_source,
    locate,
    name_doubts,
    narrow,
    row_warnings,
    width,
)
from preavis.notices.layout import Layout, Record, analyse
from preavis.notices.limits import NOTICE_BUDGET_SECONDS, NOTICE_MAX_TEXT, Deadline, too_much_text
from preavis.notices.matching import match_catalogue
from preavis.notices.numeric import numeric_order
from preavis.notices.ocr import Correction, repair_line
from preavis.notices.partial import keep_partial
from preavis.notices.reading import NoticeInterruption, Reading, Translation, as_json
from preavis.notices.schedules import find_schedules
from preavis.notices.scope import Structured, read_structure
from preavis.notices.source import decode
from preavis.notices.text import Line, cancelled_lines, clean
from preavis.notices.translation import join_translation
from preavis.notices.undated import date_intro, date_records, intro_as_record
from preavis.notices.when import PRINTED_YEAR, site_codes, zone_of

__all__ = [
    "NoticeInterruption",
    "Reading",
    "Translation",
    "as_json",
    "detect_language",
    "join_translation",
    "read_notice",
]

NOTICE_MAX_LINES = 20_000
NOTICE_MAX_ROWS = 5_000
DEFAULT_ZONE = "America/Toronto"

_FR = re.compile(
    r"\b(?:le|la|les|des|du|est|pas|une|pour|avec|sur|aux|ne|sera|seront|heure|peut|peuvent|"
    r"être|mise|niveau|jusqu|au|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|"
    r"février|avril|juin|juillet|août|septembre|octobre|novembre|décembre|indisponible)\b"
    r"|\d\s?h\b",
    re.IGNORECASE,
)
_EN = re.compile(
    r"\b(?:the|and|is|not|will|be|from|to|of|for|with|on|at|until|can|cannot|available|"
    r"customers|all|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"april|june|july|august|september|october|november|december|unavailable|times?)\b"
    r"|\d\s?[ap]\.?m\b",
    re.IGNORECASE,
)


_SPACED_DASH = re.compile(r"(?<=\S )[-–—](?= \S|$)")
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")


def _consistent(text: str, apostrophe: str, dash: str) -> str:
    """One apostrophe and one spaced dash throughout: the notice's own majority forms."""
    if "'" in text or "’" in text:
        text = _INNER_APOSTROPHE.sub(apostrophe, text)
    if " -" in text or " –" in text or " —" in text:
        text = _SPACED_DASH.sub(dash, text)
    return text


def detect_language(text: str) -> Lang:
    return "en" if len(_EN.findall(text)) > len(_FR.findall(text)) else "fr"


def read_notice(
    source: bytes | str,
    *,
    year: int | None = None,
    timezone: str | None = None,
    lang: Literal["auto", "fr", "en"] = "auto",
    reference: date | None = None,
    catalogue: Sequence[Service] = (),
    budget: float | None = NOTICE_BUDGET_SECONDS,
    aliases: Sequence[Alias] = (),
) -> Reading:
    """Read a notice (text or PDF bytes, or text); NoticeError only for unreadable input.

    `aliases` are names printed for catalogue services that staff corrected before (the
    import review remembers them): a row printing one is read as its service, and its
    evidence says so (`Evidence.match`).

    The reading stops with NoticeError once it has taken `budget` seconds (None: no limit),
    or when the notice is beyond the caps of `preavis.notices.limits`.
    """
    deadline = Deadline(budget)
    text = decode(source, deadline) if isinstance(source, bytes) else source
    if len(text) > NOTICE_MAX_TEXT:
        raise too_much_text(len(text))
    if year is not None and not 1900 <= year <= 2200:
        raise NoticeError.said("notice.year_range", year=year)
    lines = clean(text)
    if len(lines) > NOTICE_MAX_LINES:
        raise NoticeError.said("notice.too_many_lines", lines=len(lines), limit=NOTICE_MAX_LINES)
    if not any(line.text.strip() for line in lines):
        raise NoticeError.said("notice.empty")
    language: Lang = detect_language(text) if lang == "auto" else lang
    apostrophe = "’" if text.count("’") >= text.count("'") else "'"
    dashes = Counter(m.group(0) for m in _SPACED_DASH.finditer(text))
    dash = dashes.most_common(1)[0][0] if dashes else "—"
    repaired: list[Line] = []
    corrections: list[Correction] = []
    for line in lines:
        deadline.check()
        fixed, found = repair_line(line.text, line.number, language, apostrophe)
        fixed = _consistent(fixed, apostrophe, dash)
        repaired.append(Line(line.number, fixed))
        corrections.extend(found)
    reader = _Reader(language, year, timezone, reference, catalogue, deadline, tuple(aliases))
    reader.source = text.splitlines()  # spans are said in the notice's own text
    return reader.read(repaired, corrections)


@dataclass
class _Reader:
    language: Lang
    year: int | None
    timezone: str | None
    reference: date | None
    catalogue: Sequence[Service]
    deadline: Deadline = field(default_factory=lambda: Deadline(None))
    aliases: tuple[Alias, ...] = ()
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    zone_guessed: bool = False
    # What the warnings said now are about (a record, its window, a row; None: their line).
    about: object | None = None
    concerned: Concerned = field(default_factory=Concerned)
    source: list[str] = field(default_factory=list)  # the notice's lines, as decoded

    def warn(self, line: int | None, message: str, code: str, /, **params: Any) -> None:
        """A warning: `message` in English, its catalogue id `code` and `params` (so each
        interface says it in its language), about what the reader is reading now (`about`)."""
        problem = Problem(Severity.WARNING, message, "", line, code, params)
        self.warnings.append(problem)
        if self.about is not None:
            self.concerned.about(problem, self.about)

    def _about(self, subject: object | None) -> None:
        self.about = subject

    def fail(self, line: int | None, message: str, code: str = "", /, **params: Any) -> None:
        self.errors.append(Problem(Severity.ERROR, message, "", line, code, params))

    def read(self, lines: list[Line], corrections: list[Correction]) -> Reading:
        joined = shared.join_labelled(lines, self.language)
        structure = read_structure(lines, NOTICE_MAX_ROWS)  # tables, fields: the block tree
        joined = joined.without({lines[k].number for k in structure.used})
        layout = self._layout(joined, structure)
        for line, message in layout.problems:
            self.fail(line, message)
        if joined.windows:
            layout.records = self._share(layout.records, joined)
        layout.records, set_aside = self._date_undated(layout, joined)
        layout.intro = date_intro(
            joined.lines, layout.intro, layout.intro_line, self.reference, self.warn
        )
        layout.records = self._name(layout.records, joined, set_aside)
        zone_name = self._zone_name(layout.zone_words, layout.zone_line)
        tz = get_zone(zone_name)
        windows = [*layout.intro[:1], *(r.window for r in layout.records)]
        mentioned = {int(y) for y in PRINTED_YEAR.findall("\n".join(ln.text for ln in lines))}
        order = numeric_order(windows, self.language, zone_name, mentioned)
        choice = choose_year(windows, self.year, self.reference, mentioned, order)
        if choice.warning:
            self._year_guessed(choice, layout)
        resolver = Resolver(choice, tz, self.warn, self.fail, order=order)
        bounds = None
        if layout.intro and layout.intro_line is not None:
            bounds = resolver.window(layout.intro[0], layout.intro_line)
            if bounds is not None:
                resolver.span = (bounds[0].astimezone(tz).date(), bounds[1].astimezone(tz).date())
        found: list[NoticeInterruption] = []
        cancelled = cancelled_lines(lines)
        labels = site_codes(r.unknown_zone for r in layout.records if r.unknown_zone)
        for record in layout.records:
            self.deadline.check()
            if self._skipped(record, cancelled, labels):
                continue
            occurrences = self._occurrences(resolver, record)
            if not occurrences:
                continue
            verdict = impacts.classify(record.context or record.description, record.hint)
            if not verdict.sure:
                code, said = impacts.doubt(verdict)
                self.warn(record.line, f"impact of “{record.name}” read as {verdict.impact} "
                          f"({verdict.reason})", code, service=record.name, **said)  # fmt: skip
            evidence = self._evidence(record, lines, joined)
            self.concerned.records[id(evidence)] = (evidence, record)
            for starts_at, ends_at in occurrences:
                found.append(
                    NoticeInterruption(
                        record.name,
                        verdict.impact,
                        record.description,
                        starts_at,
                        ends_at,
                        record.line,
                        evidence=evidence,
                    )
                )
        self.about = None
        self.errors, self.warnings = keep_partial(self.errors, self.warnings, len(found))
        if not found and not self.errors:
            self.fail(
                None,
                "no interruption found: no row pairs a service with a window",
                "notice.no_interruption",
            )
        found = match_catalogue(
            self, found, corrections, self.catalogue, self.aliases, self.language
        )
        if bounds is not None:
            check_bounds(bounds, found, tz, self.warn, self._about)
        check_overlaps(found, self.warn, self._about)
        self.about = None
        found = row_warnings(found, warnings := tuple(sorted(self.warnings, key=_order)),
                             self.concerned)  # fmt: skip
        return Reading(
            language=self.language,
            timezone=zone_name,
            year=choice.year,
            title=layout.title,
            starts_at=bounds[0] if bounds else None,
            ends_at=bounds[1] if bounds else None,
            interruptions=tuple(found),
            corrections=tuple(corrections),
            warnings=warnings,
            errors=tuple(sorted(self.errors, key=_order)),
        )

    def _skipped(self, record: Record, cancelled: set[int], labels: frozenset[str]) -> bool:
        """A record marked cancelled (a warning about no row), or after an unknown zone."""
        self.about = record
        if {record.line, record.window_line} & cancelled:
            self.about = NO_ROW
            self.warn(
                record.window_line,
                f"“{record.name}” is marked cancelled: no row",
                "notice.cancelled",
                service=record.name,
            )
            return True
        return self._unknown_zone(record, labels)

    def _occurrences(self, resolver: Resolver, record: Record) -> list[tuple[datetime, datetime]]:
        """The record's window as instants; what the resolver says is about that window."""
        self.about = record.window
        occurrences = resolver.windows(record.window, record.window_line)
        self.about = record
        return occurrences

    def _year_guessed(self, choice: YearChoice, layout: Layout) -> None:
        """The year was guessed: a warning about the notice, on each row whose window prints
        no year (row_warnings)."""
        self.about = NOTICE
        self.warn(
            layout.intro_line or (layout.records[0].line if layout.records else None),
            choice.warning or "",
            choice.code,
            **choice.params,
        )
        self.concerned.year, self.about = self.warnings[-1], None

    def _name(
        self, records: list[Record], joined: shared.Joined, set_aside: frozenset[int]
    ) -> list[Record]:
        """Each window's services: its clause (the catalogue first), the names said elsewhere,
        what its event is of, then the notice's title (notices/naming.py); else an error."""
        known = naming.catalogue_names(self.catalogue)
        slugs = {service.slug for service in self.catalogue}
        # A remembered name of two words or more is found in a clause like a catalogue name,
        # and kept as printed: matching then reads it as its service and says so
        # (notices/matching.py). One word ("Poste") would be found in too many sentences.
        known |= {
            a.name: a.name
            for a in self.aliases
            if a.service in slugs and a.name not in known and len(a.key.split()) > 1
        }
        records = naming.by_clause(records, joined.lines, known)
        records = self._by_reference(records, joined, set_aside)
        records = naming.by_clause(records, joined.lines, known, last_resort=True)
        records = naming.by_kind(records, joined.lines)
        records = naming.by_title(records, joined.lines)
        records = ranking.rank(records, joined.lines, known, self.deadline)
        records = anaphora.resolve(records, joined.lines)  # "the sites": named earlier
        records = places.fold(records, joined.lines)  # buildings under a power cut: power
        for record in (r for r in records if not r.name):
            window = " ".join(record.window.text.split())
            if record.window.tentative:
                self.warn(record.window_line, f"“{window}” (whole days, no time) names no "
                          "service: read as no interruption", "notice.whole_days_unnamed",
                          window=window)  # fmt: skip
            elif record.window_line in joined.windows:
                self.fail(record.window_line, "this window names no service: list them after "
                          "“Affected services:” (« Services touchés : »)",
                          "notice.window_names_no_service", window=window)  # fmt: skip
            else:
                self.fail(record.window_line, f"no service name for the window “{window}”",
                          "notice.no_service_name", window=window)  # fmt: skip
        return [r for r in records if r.name]

    def _unknown_zone(self, record: Record, labels: frozenset[str]) -> bool:
        """Capitals in brackets after the window: a site code (a warning) or an unknown zone
        (an error, and no row: True)."""
        code = record.unknown_zone
        if code is None:
            return False
        if code in labels:
            self.warn(
                record.window_line,
                f"“({code})” after the window is read as a place or a code, not a time zone",
                "notice.code_not_zone",
                code=code,
            )
            return False
        self.fail(
            record.window_line, f"unknown time zone “{code}”", "notice.unknown_zone", zone=code
        )
        return True

    def _date_undated(
        self, layout: Layout, joined: shared.Joined
    ) -> tuple[list[Record], frozenset[int]]:
        """ "from 8:00 to 14:00", its date printed above (notices/undated.py); the announced
        period is the record when every other window was set aside."""
        records, set_aside = date_records(
            joined.lines, layout.records, self.reference, self.warn, self._about
        )
        layout.records = records
        intro_as_record(layout, joined.lines)
        return layout.records, set_aside

    def _layout(self, joined: shared.Joined, structure: Structured) -> Layout:
        """Tables, fields blocks and date lists read as blocks, then the rest by layout."""
        schedules = find_schedules(joined.lines)
        body = joined.lines
        if structure.records or schedules:  # their lines are read once, as blocks
            taken = structure.used | {k for d in schedules for k in d.used}
            kept = structure.kept
            body = [
                Line(ln.number, kept.get(k, "")) if k in taken else ln for k, ln in enumerate(body)
            ]
        layout = analyse(body, NOTICE_MAX_ROWS, self.deadline, joined.lines, structure.headings)
        if structure.records or schedules:
            rows = list(structure.records)
            rows += [r for d in schedules for r in d.records]
            layout.records = sorted([*layout.records, *rows], key=lambda r: (r.window_line, r.line))
        return layout

    def _evidence(self, record: Record, lines: list[Line], joined: shared.Joined) -> Evidence:
        """Where the row's service and window are printed and its scope rule; the doubts about
        its name are warnings about the record (their rows' evidence lists them)."""
        for message, code, params in name_doubts(record, NAME_MAX_WORDS):
            self.warn(record.line, message, code, **params)
        if record.window_line in joined.windows:
            end = joined.ends.get(record.window_line, record.window_line)
            place = Span(record.window_line, 1, end, width(lines, end) + 1)
        elif record.window_span is not None:
            place = Span(*record.window_span)
        else:
            place = None
        place = narrow(lines, place, record.window.text)  # its own words, when printed together
        service, pieces = locate(lines, record.name, record.line)
        here = self.source
        return Evidence(
            record.rule,
            in_source(service, lines, here),
            in_source(place, lines, here),
            pieces=tuple(p for p in (in_source(p, lines, here) for p in pieces) if p),
        )

    def _by_reference(
        self, found: list[Record], joined: shared.Joined, set_aside: frozenset[int] = frozenset()
    ) -> list[Record]:
        """A window whose sentence names no service ("We will take the systems offline on …",
        "Our weekly downtime will be …") applies to the services the notice names elsewhere:
        its affected list, or the sentences that say what happens to them."""
        loose = [
            r
            for r in found
            if r.rule in ("same clause", "same item", "heading")
            and (not r.name or shared.generic(r.name) or vague.category(r))
        ]
        if not loose:
            return also_during(found, joined.lines, MAX_SHARED)
        taken = {r.name.casefold() for r in found if r not in loose}
        names = [
            n
            for n in shared.named(joined.lines)
            if n.name.casefold() not in taken
            and (not shared.generic(n.name) or listed_action(n))
            and n.line not in set_aside  # said with a window set aside: it is that window's
        ]
        if not names:
            maintained = shared.maintained(joined.lines)
            for record in loose:  # "Une mise à jour du serveur": the server, weakly
                thing = shared.event_object(record.name) if record.name else maintained
                if thing is not None:
                    if not record.name:
                        record.rule = "document window"
                    record.name = thing[:1].upper() + thing[1:]
                    record.weak = "the service is what the maintenance is said to be of"
            return found
        out = [r for r in found if r not in loose]
        ordered = sorted(loose, key=lambda r: r.window_line)
        for window_record in ordered:
            # Each name goes to the nearest loose window above it (the first one, if none is).
            # Windows listed under one lead-in (a list of dates) share its names.
            # So do the rows of one table with no service column (named by one heading).
            group = {
                r.window_line
                for r in ordered
                if r.line == window_record.line
                or (r.rule == window_record.rule == "heading" and r.name == window_record.name)
            }
            mine = [n for n in names if _nearest(ordered, n.line) in group]
            if not mine and _long_name(window_record.name):
                out.append(window_record)  # a name only too long to be sure of: it stays, warned
            for item in shared.records(mine, window_record.window, -1):
                item.window_line, item.window_span = (
                    window_record.window_line,
                    window_record.window_span,
                )
                item.unknown_zone = window_record.unknown_zone
                if item.rule != "by reference":
                    item.rule = "document window"
                    item.weak = (
                        f"the window is printed in another sentence (line "
                        f"{window_record.window_line}), which names no service"
                    )
                out.append(item)
        return sorted(out, key=lambda r: (r.window_line, r.line))

    def _share(self, found: list[Record], joined: shared.Joined) -> list[Record]:
        """A window from labelled lines applies to the services the notice names around it."""
        out: list[Record] = []
        names = shared.named(joined.lines)
        for record in found:
            self.deadline.check()
            if record.window_line not in joined.windows:
                out.append(record)
                continue
            named = shared.records(names, record.window, record.window_line)
            if not named:  # the title may name it (naming.by_title), else an error
                named = [replace(record, name="", rule="fields")]
            out.extend(named)
            if len(out) > NOTICE_MAX_ROWS:
                self.fail(
                    None,
                    f"too many rows: more than {NOTICE_MAX_ROWS}",
                    "notice.too_many_rows",
                    limit=NOTICE_MAX_ROWS,
                )
                return out[:NOTICE_MAX_ROWS]
        return out

    def _zone_name(self, words: str | None, line: int | None) -> str:
        self.zone_guessed = False
        if self.timezone:
            return get_zone(self.timezone).key
        if words is not None:
            found = zone_of(words)
            if found is not None:
                try:
                    return get_zone(found[0]).key
                except PreavisError:
                    pass
            self.fail(line, f"unknown time zone “{words}”", "notice.unknown_zone", zone=words)
        else:
            self.zone_guessed = True
            self.about = NOTICE  # on each row whose window prints no zone (row_warnings)
            self.warn(
                None,
                f"no time zone is printed: read as {DEFAULT_ZONE} (pass --timezone)",
                "notice.no_zone",
                zone=DEFAULT_ZONE,
            )
            self.concerned.zone, self.about = self.warnings[-1], None
        return DEFAULT_ZONE


MAX_SHARED = 20  # a notice with more rows than this is a table, not prose


def _nearest(records: list[Record], line: int) -> int:
    """The line of the nearest window above `line` (of the first window, if none is)."""
    above = [r.window_line for r in records if r.window_line <= line]
    return above[-1] if above else records[0].window_line


NAME_MAX_WORDS = 10  # a longer "name" is most likely a sentence taken whole


def _order(problem: Problem) -> tuple[int, str]:
    return (problem.line or 0, problem.message)


def _long_name(name: str) -> bool:
    """A name set aside only for its length ("the exit ramp of the X bridge towards A and B"):
    its first words are a name, not an event, a pronoun or a date."""
    words = name.split()
    return len(words) > shared.GENERIC_WORDS and not shared.generic(
        " ".join(words[: shared.GENERIC_WORDS])
    )
