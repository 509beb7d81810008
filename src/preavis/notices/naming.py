"""Naming the services of prose windows: the catalogue first, then the clause's chunker
(notices/subjects.py), and as a last resort the notice's title, weakly.

Rows read from a table, a service block, a lead-in's list or a fields block keep their names;
a window read in a sentence or a bullet is named from the clause that holds it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from preavis.domain.service import Service
from preavis.notices import datelist, idle, kinds, subjects
from preavis.notices import impact as impacts
from preavis.notices.datelines import publication_line
from preavis.notices.layout import Record
from preavis.notices.ocr import fold
from preavis.notices.shared import generic as is_generic
from preavis.notices.text import Line

PROSE_RULES = frozenset({"same clause", "same item", "heading"})
TITLE_RULE = "title"
TITLE_WEAK = "no sentence names a service for this window: the notice's title does"
KIND_RULE = "kind of notice"


def catalogue_names(catalogue: Sequence[Service]) -> dict[str, str]:
    """Each printed form of a catalogue service (French and English) → its name as printed."""
    out: dict[str, str] = {}
    for service in catalogue:
        for name in (service.name.fr, service.name.en):
            if name:
                out[name] = name
    return out


def by_clause(
    records: list[Record], lines: list[Line], known: dict[str, str], last_resort: bool = False
) -> list[Record]:
    """Rename the records of prose windows from the clause that holds each window: catalogue
    names printed in it win; then the subjects of its impact predicates; then the object of its
    lost access, when the layout's name is doubtful. A clause that only says its subjects are
    not affected ("will not be affected", "remains available") gives no row.

    With `last_resort`, only records still unnamed (or named doubtfully) are renamed, and what
    the clause's event is of ("maintenance on the database") counts too: it comes after the
    names the notice lists elsewhere."""
    out: list[Record] = []
    done: dict[tuple[int, int, int, int], bool] = {}  # window → renamed (its records replaced)
    elsewhere = {  # windows whose services the notice names in another sentence or list
        (r.window.begin, r.window.text)
        for r in records
        if r.rule in ("document window", "by reference") and not doubtful_name(r.name)
    }
    for record in records:
        span = record.window_span
        if record.rule not in PROSE_RULES or span is None:
            out.append(record)
            continue
        if last_resort and _key(record) in elsewhere and _summary(record, lines):
            continue  # "Most services, including A, will be down …" and the list naming them
        if span in done:  # the layout split this window's subject already
            if not done[span]:
                out.append(record)
            continue
        renamed = _rename(record, subjects.clause_at(lines, span), known, last_resort)
        done[span] = renamed is not None
        out.extend([record] if renamed is None else renamed)
    return out


def _rename(
    record: Record, clause: str, known: dict[str, str], last_resort: bool
) -> list[Record] | None:
    """The records that replace `record` once its clause is read; None to keep it as it is."""
    if not clause:
        return None
    hits = in_catalogue(clause, known) if known else []
    if hits:
        return _renamed(record, hits, clause)
    if record.rule == "heading" and not doubtful_name(record.name):
        return None  # the heading above names it; the clause says what it does
    found = subjects.chunk(clause)
    doubtful = doubtful_name(record.name)
    if not last_resort:  # examples, objects and events come after the names said elsewhere
        found = [s for s in found if s.how == "subject"]
    elif not doubtful:  # "The current system, including A and B, …": its examples
        found = [s for s in found if s.how == "example"]
    named = [s for s in found if not s.negated and not is_generic(s.name)]
    if found and not named and all(s.negated for s in found):
        return []  # "Email will not be affected …": no row
    if named and (
        named[0].how in ("subject", "example")
        or doubtful
        or not _printed_before(record.name, clause)
    ):
        return _renamed(record, [s.name for s in named], clause)
    if record.name and subjects.DATE_LIKE.search(record.name):  # a date is never a service
        rest = subjects.undate(record.name).strip(" ,")
        return [replace(record, name="" if subjects.DATE_LIKE.search(rest) else rest)]
    if not last_resort and idle.idle_subject(record.name, clause):
        return [replace(record, name="")]  # "Messages were sent out …": not what is cut
    return None


def doubtful_name(name: str) -> bool:
    """No name, a generic one ("the maintenance"), a question ("What is happening?"), a date,
    a circumstance ("Beginning tomorrow", "Sat at"), a clause ("Hydro-Québec prévoit une
    interruption du courant"), a pronoun or people."""
    return (
        not name
        or is_generic(name)
        or name.rstrip().endswith("?")
        or subjects.DATE_LIKE.search(name) is not None
        or _CIRCUMSTANTIAL.search(name) is not None
        or subjects.OF_EVENT.search(name) is not None
        or not subjects.nameable(name)
    )


_CIRCUMSTANTIAL = re.compile(
    r"^(?:beginning|starting|effective|as\s+of|from|until|through|between|after|before|during"
    r"|tomorrow|tonight|today|this|next|on|at|by|dès|[àa]\s+partir|[àa]\s+compter|depuis|pendant"
    r"|durant|entre|demain|ce\s+soir|aujourd['’]hui|because|due|par|moreover|however|furthermore"
    r"|additionally|also|in\s+addition|toutefois|cependant|néanmoins|par\s+ailleurs|de\s+plus"
    r"|enfin|ainsi|donc|espérons|hopefully|(?:the\s+)?following|(?:les\s+)?suivante?s"
    r"|(?:la\s+|le\s+|the\s+)?(?:nuit|matin|soir|soirée|après-midi|night|morning|evening"
    r"|afternoon|overnight))\b"
    r"|^(?:au|aux|à|dans|sur|in|at|near|près)\s|^(?-i:d['’])"  # « d’eau »: a cut fragment
    r"|^(?-i:A\s+(?=[A-ZÀ-Ö]))"  # « A Lyon, … »: a capital À printed without its accent
    r"|(?:^|\s)(?:at|on|from|to|until|by|for|since|à|au|le|du|de|dès|entre|pour)\s*$"
    # the window's own label ("Start time:", "Dates", « Heure de début »), not a service
    r"|^(?:(?:start|end|begin|beginning|finish|outage|maintenance|expected|estimated)\s+)?"
    r"(?:date|time|dates|times|hours?|when)$"
    r"|^(?:heures?|dates?|horaires?|début|fin|quand)(?:\s+(?:de\s+)?(?:début|fin))?$"
    r"|^(?:scheduled|planned|upcoming|prévue?s?|planifiée?s?|programmée?s?)$",
    re.IGNORECASE,
)


def _summary(record: Record, lines: list[Line]) -> bool:
    """A doubtful name, or a category given with examples: the notice's list says it better."""
    if doubtful_name(record.name):
        return True
    clause = subjects.clause_at(lines, record.window_span) if record.window_span else ""
    return any(s.how == "example" for s in subjects.chunk(clause))


def _key(record: Record) -> tuple[int, str]:
    return (record.window.begin, record.window.text)


def _printed_before(name: str, clause: str) -> bool:
    """Whether the layout's name is printed in the clause, before its window."""
    head = fold(clause.split(subjects.WINDOW, 1)[0])
    return bool(name) and fold(name) in head


def _renamed(record: Record, names: list[str], clause: str) -> list[Record]:
    rule = "same clause" if record.rule == "heading" else record.rule
    same = len(names) == 1 and fold(names[0]) == fold(record.name)
    contexts = [record.context] if same else contexts_of(names, clause)
    return [
        replace(record, name=name, rule=rule, context=context)
        for name, context in zip(names, contexts, strict=True)
    ]


def contexts_of(names: list[str], clause: str) -> list[str]:
    """Where each name's impact is read: from the name to the end of the predicate that follows
    it, or to the next name said after that predicate ("The portal will be unavailable and the
    wiki read-only": the wiki alone is limited); the whole clause when a name is not found."""
    text = clause.replace(subjects.WINDOW, " ")
    folded = fold(text)
    at = [folded.find(fold(name)) for name in names]
    if any(p < 0 for p in at):
        return [text] * len(names)
    out = []
    first = min(at)
    for start in at:
        said = subjects.predicate_end(text, start)
        later = [p for p in at if p >= said]
        # the first name also reads what is said before it ("issues logging into X")
        out.append(text[0 if start == first else start : min(later) if later else len(text)])
    return out


# --- the title, the last resort ------------------------------------------------------------

_FRONT_TITLE = re.compile(r"^\s*title\s*[:=]\s*[\"']?(?P<t>[^\"'\n]{3,200})[\"']?\s*$", re.I)
_NOT_TITLE = re.compile(r"^\s*(?:[-+=*_#]{3,}|[a-z_][\w-]*[:=]\s.*|\W*)\s*$")
_GENERIC_TITLE = re.compile(
    r"\b(?:interruptions?|coupures?|arrêts?|disruptions?|interruptions?)\s+(?:de|of)\s+services?\b|\b(?:(?:scheduled|planned|unplanned|emergency|upcoming|routine|important|urgent|temporary"
    r"|brief|short|weekend|nightly)\s+)*(?:maintenance|outages?|downtime"
    r"|interruptions?|disruptions?|upgrades?|updates?|works?|notice|alert|service\s+alert"
    r"|announcement|reminder|closure|shutdown|migration)(?:\s+(?:notice|window|period|alert"
    r"|schedule|work))?\b"
    r"|\b(?:avis|rappel|annonce|communiqué|important|urgent)\b(?:\s+(?:d['’]|de\s+|du\s+))?"
    r"|\b(?:(?:interruptions?|maintenance|mises?\s+à\s+(?:jour|niveau)|pannes?|coupures?"
    r"|travaux|arrêts?)(?:\s+(?:de\s+service|planifiée?s?|prévue?s?|temporaires?|programmée?s?"
    r"|d['’]entretien))*)\b"
    r"|\[[^\]]{0,30}\]|\((?:resolved|update|updated|completed|résolu|terminé)\)",
    re.IGNORECASE,
)
_DATES = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tues?|wed|thu(?:rs)?|fri|sat|sun)\b|\b(?:lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
    r"[a-z]*\.?(?=\s|\d|$|,)|\b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre)\b|\b\d{1,4}(?:(?:st|nd|rd|th|er|e)\b|[-/:h.]\d{1,2})*"
    r"(?:\s*[ap]\.?m\.?)?|\b(?:on|le|du|au|the|from|to|until|jusqu['’]au)\s*(?=[,–—-]|$)",
    re.IGNORECASE,
)


_KIND_ADJECTIVE = re.compile(
    r"^(?:(?:scheduled|planned|unplanned|upcoming|emergency|routine)\s+)+(?=\S)", re.IGNORECASE
)
_KIND_ONLY = re.compile(
    r"^(?:scheduled|planned|upcoming|emergency|prévue?s?|planifiée?s?|programmée?s?)"
    r"(?:\s+(?:for|on|at|pour|le|du|au))?$",
    re.IGNORECASE,
)
_BARE = re.compile(r"^(?:services?|systems?|systèmes?|sites?|applications?)$", re.IGNORECASE)


def title_of(lines: list[Line]) -> tuple[str, int] | None:
    """The notice's title and its line: a front matter's `title`, else its first line of
    words (not a front-matter delimiter or a `key: value` line)."""
    for line in lines[:40]:
        found = _FRONT_TITLE.match(line.text)
        if found is not None:
            return found["t"].strip(), line.number
    for line in lines[:20]:
        text = line.text.strip().lstrip("#").strip()
        if publication_line(text):  # "Posted on June 2, 2025": when, not what
            continue
        if text and not _NOT_TITLE.match(line.text) and len(text) <= 200:
            return text, line.number
    return None


def title_subject(title: str) -> str | None:
    """What a title names, without its generic words: the subject of its predicate when it is a
    sentence ("Rouen : le quartier X sera privé d’électricité"), else what is left once
    "Scheduled maintenance:", « Avis : », dates and brackets are dropped. A question ("What is
    happening?", « Qu'est-ce qui change ? ») names nothing."""
    if title.rstrip(" *_").endswith("?"):
        return None
    clause = re.sub(r"^[^:]{1,40}\s:\s", "", title) if " : " in title else title
    for found in (subjects.chunk(clause), subjects.chunk(title)):
        named = [
            s.name for s in found if not s.negated and s.how != "event" and not is_generic(s.name)
        ]
        if named:
            return named[0]
    pieces = re.split(r"\s+[–—|-]\s+|\s*:\s+", title)
    # the piece that says what is interrupted ("EDI/Portal Scheduled Maintenance") first
    pieces.sort(key=lambda piece: _GENERIC_TITLE.search(piece) is None)
    for piece in pieces:
        rest = re.sub(r"\([^()]*\)", " ", piece)  # "(TCC19-012)", "(Pacific Time)"
        rest = subjects.forward(subjects.cut(_GENERIC_TITLE.sub(" ", rest)))
        rest = _DATES.sub(" ", rest)
        rest = re.sub(
            r"^[\s,.;:'’&–—-]*(?:(?:(?:of|on|for|to|des|du|de|sur|la|le|les)\b|d['’]|l['’])"
            r"\s*)*|[\s,.;:&–—-]+$",
            "",
            " ".join(rest.split()),
            flags=re.IGNORECASE,
        )
        rest = " ".join(rest.split()).strip(" ,.;:–—-")
        if _KIND_ONLY.match(rest):  # "Scheduled for Apr 26": no name
            continue
        rest = _KIND_ADJECTIVE.sub("", rest)  # "Scheduled Payment System Outage": the system
        closing = impacts.DOWN.search(rest)  # a headline: « Le tunnel X fermé toutes les nuits »
        if closing is not None and closing.start() > 0:
            rest = rest[: closing.start()].strip(" ,;:–—-")
        elif closing is not None and not rest[closing.end() :].strip(" ,;:–—-"):
            continue  # "Closed: Riverside Pool": the closing word alone names nothing
        if (
            rest
            and re.search(r"[^\W\d_]{2}", rest)
            and len(rest.split()) <= subjects.MAX_NAME_WORDS
            and not is_generic(rest)
            and not _BARE.match(rest)
        ):
            return rest[:1].upper() + rest[1:]
    return None


def by_title(records: list[Record], lines: list[Line]) -> list[Record]:
    """A window that no mention names (or names only doubtfully: "the work", a date) takes the
    service its title names, with a warning: "a notice that names no service but its title uses
    that name". With no such title, it has no name (an error says so)."""
    if not any(_unnamed(r) for r in records):
        return records
    title = title_of(lines)
    name = title_subject(title[0]) if title else None
    weak = TITLE_WEAK
    named = {_key(r) for r in records if not _unnamed(r)}
    out: list[Record] = []
    titled: set[tuple[int, str]] = set()
    for record in records:
        if not _unnamed(record):
            out.append(record)
        elif _key(record) in named or _key(record) in titled:
            continue  # the window has its services already
        elif name is None or title is None:
            out.append(replace(record, name=""))
        else:  # its impact is read in the window's paragraph: no clause names it
            titled.add(_key(record))
            span = record.window_span
            said = subjects.clause_at(lines, span, whole=True) if span else ""
            out.append(
                replace(record, name=name, line=title[1], rule=TITLE_RULE, weak=weak,
                        context=said.replace(subjects.WINDOW, " ") or record.context)
            )  # fmt: skip
    return out


def by_kind(records: list[Record], lines: list[Line]) -> list[Record]:
    """A window that no mention names (or names only doubtfully) takes the service the kind of
    notice implies (notices/kinds.py): the bridge, road or line its clause says is closed, else
    the utility its clause cuts (« coupure d’eau », "power outage"), else the utility its
    title cuts; with a warning, since the name is inferred. A name printed in the clause has
    been tried before, and is kept. The whole days of a list of dates take what the list's
    lead-in implies (notices/datelist.py)."""
    if not any(_unnamed(r) or r.window.note_code == datelist.NOTE_CODE for r in records):
        return records
    title = title_of(lines)
    from_title = (kinds.closed(title[0]) or kinds.implied(title[0])) if title else None
    named = {_key(r) for r in records if not _unnamed(r)}
    out: list[Record] = []
    done: set[tuple[int, str]] = set()
    for record in records:
        listed = record.window.note_code == datelist.NOTE_CODE  # named by its list's lead-in
        if not listed and (not _unnamed(record) or _key(record) in named):
            out.append(record)
            continue
        if _key(record) in done:
            continue  # the window has its implied service already
        span = record.window_span
        clause = subjects.clause_at(lines, span).replace(subjects.WINDOW, " ") if span else ""
        if listed:
            clause = datelist.lead_in(_above(lines, record.window_line))
        found = kinds.closed(clause) or kinds.implied(clause) if clause else None
        if found is None:  # a window long enough to hold its closure (a range of days)
            found = kinds.closed(record.window.text)
        if found is None and span:  # the closure said before it in its paragraph
            found = kinds.closed(
                subjects.clause_at(lines, span, whole=True).split(subjects.WINDOW)[0]
            )
        line = record.window_line
        if found is None and from_title is not None and title is not None:
            found, line = from_title, title[1]
        if found is None:
            out.append(record)
            continue
        done.add(_key(record))
        weak = f"the service is implied by the kind of notice (“{found.cue}”)"
        said = subjects.clause_at(lines, span, whole=True) if span else ""
        out.append(
            replace(record, name=found.name, line=line, rule=KIND_RULE, weak=weak,
                    context=said.replace(subjects.WINDOW, " ") or record.context)
        )  # fmt: skip
    return out


def _above(lines: list[Line], number: int) -> str:
    """The text of the lines above line `number` (at most 40)."""
    above = [ln.text for ln in lines if number - 40 <= ln.number < number]
    return "\n".join(above)


def _unnamed(record: Record) -> bool:
    """No name, or one that names an event, a question or a date rather than a service."""
    name = record.name
    return record.rule in PROSE_RULES | {"fields", "document window"} and (
        not name
        or _EVENT_ONLY.match(name) is not None
        or name.rstrip().endswith("?")
        or subjects.DATE_LIKE.search(name) is not None
        or _CIRCUMSTANTIAL.search(name) is not None
        or not subjects.nameable(name)
    )


_EVENT_ONLY = re.compile(
    r"^(?:(?:the|a|an|our|this|la|le|les|l['’]|une?|cette|ce|nos|notre)\s*)?(?:(?:scheduled"
    r"|planned|brief|temporary|weekly|nightly|routine|prévue?|planifiée?|programmée?"
    r"|temporaire)\s+)?(?:maintenance|work|works|travaux|outage|downtime|upgrade|update"
    r"|interruption|coupure|panne|intervention|migration|mise\s+à\s+(?:jour|niveau))s?\s*$",
    re.IGNORECASE,
)
EVENT_ONLY = _EVENT_ONLY  # an event named, not a service ("the scheduled maintenance")


# --- catalogue names in a clause ----------------------------------------------------------


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def variants(name: str) -> list[str]:
    """A catalogue name's folded forms: itself, without its bracket, the bracket's acronym."""
    out = [_folded(name)]
    bracket = re.search(r"\(([^()]{2,20})\)", name)
    if bracket is not None:
        out.append(_folded(name[: bracket.start()] + name[bracket.end() :]))
        out.append(_folded(bracket.group(1)))
    return [v for v in out if v]


def in_catalogue(clause: str, names: dict[str, str], fuzzy: int = 92) -> list[str]:
    """The catalogue names (keys of `names`, each a printed name to its catalogue name) found in
    `clause`: exactly (casefolded, accents and punctuation folded), as the acronym printed with
    its expansion ("Canada Revenue Agency (CRA)"), or nearly (rapidfuzz partial ratio)."""
    text = f" {_folded(clause.replace(subjects.WINDOW, ' '))} "
    acronyms = _acronyms(clause)
    found: list[tuple[int, str]] = []
    for printed, target in names.items():
        best = -1
        for form in variants(printed):
            at = text.find(f" {form} ")
            if at >= 0:
                best = at
                break
            if form in acronyms:
                best = acronyms[form]
                break
            if len(form) >= 6 and fuzz.partial_ratio(form, text) >= fuzzy:
                best = len(text)
                break
        expansion = _expansion(printed)
        if best < 0 and expansion and expansion in acronyms:
            best = acronyms[expansion]
        if best >= 0 and target not in (t for _, t in found):
            found.append((best, target))
    return [t for _, t in sorted(found)]


def _acronyms(clause: str) -> dict[str, int]:
    """ "Canada Revenue Agency (CRA)": both the acronym and the expansion, folded."""
    out: dict[str, int] = {}
    for match in re.finditer(
        r"((?:[A-ZÀ-Þ][\w’'-]*\s+(?:(?:of|de|du|des|and|et)\s+)?){2,8})\(([A-Z]{2,8})\)", clause
    ):
        out[_folded(match.group(2))] = match.start()
        out[_folded(match.group(1))] = match.start()
    return out


def _expansion(name: str) -> str:
    """The acronym of a multi-word catalogue name ("Canada Revenue Agency" → "cra")."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return fold("".join(w[0] for w in words)) if len(words) >= 2 else ""
