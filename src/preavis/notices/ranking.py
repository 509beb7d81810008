"""Naming by ranked candidates: every name the notice offers for a window, scored by its evidence.

The naming steps of notices/naming.py and notices/reader.py each take the first name a rule
offers. A rule can offer a poor one: a cut at the wrong word ("vrait durer environ 6 heures"),
a lead-in ("Accordingly", "From"), a date ("July 2014", "September long weekend"), a sentence
taken whole. Here, once those steps are done, each window named in prose gets every candidate
the notice offers for it — the name it has (with the rule that gave it), the catalogue names
printed in its clause, every name its clause's chunker finds (subjects, examples, objects,
what an event is of: notices/subjects.py), the names printed inside the window itself, the
subject of the lead-in above a list of dates, the names of its paragraph, the service its kind
of notice implies, the notice's title — and, when its name shows a flaw, the best-scored one
names it.

The score (docs/notices.md, "Naming by ranked candidates") is the sum of:

- a **prior** for where the candidate comes from (`PRIOR`): a catalogue name printed in the
  clause, a table's service column or a fields block count most; the title least;
- its **quality** as a service name (`quality`), from general linguistic evidence: a noun
  phrase of two to five words, a specific word (an acronym, a proper noun, a domain name)
  count for it; a first word that is a function word or a sentence adverb (a lead-in), a date
  or a duration, a verb, a cut end, an event word, a sentence count against it;
- its **agreement** with the rest of the notice: a name printed again elsewhere in the notice
  counts for it.

A name is replaced only when a candidate scores `MARGIN` more than it. The name kept or chosen
carries a warning (a catalogue id, so it is said in French too) when its score is weak (under
`WEAK`) or when a different candidate comes within `CLOSE` of it: never silently wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from preavis.notices import kinds, naming, shared, subjects, widening
from preavis.notices.evidence import index_of
from preavis.notices.layout import Record
from preavis.notices.limits import Deadline
from preavis.notices.ocr import fold
from preavis.notices.text import BULLET, Line
from preavis.notices.when import MONTHS, WEEKDAYS

# Where a candidate comes from → how much that source counts (its prior). Set by hand in
# session 5, then fitted on part 0 of the development half (bench/fit_ranking.py, objective:
# exact rows − 2 × silently wrong − 0.5 × right rows warned). Kept from the fit: CLOSE 0.5 →
# 0.25 (two right rows of part 0 lose a needless warning). Refused, each checked against the
# unit tests and our own corpus (tests/corpus): WEAK 1.5 → 2.0 or 2.5 (a one-word name in its
# clause, "Messagerie", 1.6, would always warn), the title 0.7 → 2.5 with MARGIN 1.0 (a
# lead-in's subject would lose to the title), the clause 2.0 → 0.8 (below the paragraph):
# one to three rows of 72 notices decided them (docs/notices.md, "Round 2").
PRIOR: dict[str, float] = {
    "catalogue": 3.0,
    "same row": 2.5,
    "fields": 2.0,
    "lead-in": 2.0,
    "service block": 2.0,
    "same item": 2.0,
    "same clause": 2.0,  # the subject of the clause's impact predicate
    "example": 1.5,  # "including A and B"
    "object": 1.5,  # "access to A"
    "by reference": 1.5,
    "event": 1.0,  # "maintenance of A"
    "paragraph": 1.0,  # a name the window's paragraph offers, outside its sentence
    "heading": 1.0,  # a heading above the window (notices/widening.py)
    "sentence before": 0.8,  # the sentence before the window's paragraph
    "document window": 1.0,
    "kind of notice": 0.8,
    "title": 0.7,
}
MARGIN = 0.5  # a candidate must beat the name a rule gave by this much to replace it
WEAK = 1.5  # a chosen name scoring under this carries a warning
CLOSE = 0.25  # a runner-up within this of the chosen name is a warning too (fitted: was 0.5)
# Rules that read a name from the notice's structure (a service column, a fields block, a
# lead-in's list): their names are kept as printed, unless the rule itself is a guess (weak).
STRUCTURED = frozenset({"same row", "fields", "lead-in", "service block"})
FLAWED = -0.5  # a name whose quality is under this is re-ranked (one plain word is not)


Wider = tuple[tuple[str, str], ...]  # texts beyond the window's paragraph, with their source


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name offered for a window, where it comes from, and its score."""

    name: str
    source: str  # a key of PRIOR
    score: float = 0.0
    cue: str = ""  # the words that imply it, for a service implied by the kind of notice


# --- quality: is it a service name? -------------------------------------------------------

# Closed-class words that begin a clause or a circumstance, never a name (prepositions,
# conjunctions, complementisers, pronouns, sentence adverbs), English and French.
_FUNCTION = re.compile(
    r"^(?:from|to|at|on|in|by|with|for|of|until|till|through|between|during|after|before|since"
    r"|within|across|over|under|via|per|and|or|but|nor|so|yet|that|which|who|whom|whose|if"
    r"|when|whenever|while|as|because|although|though|then|there|here|it|its|they|we|you|he"
    r"|she|our|your|their|please|due|also|thus|hence|therefore|however|moreover|meanwhile"
    r"|de|du|des|à|au|aux|en|dans|sur|par|pour|avec|sans|dès|depuis|pendant|durant|jusqu['’]?"
    r"|entre|avant|après|vers|chez|que|qu['’]|qui|dont|où|si|quand|lorsque|lorsqu['’]|et|ou"
    r"|mais|donc|or|ni|car|ainsi|puis|alors|il|elle|ils|elles|nous|vous|on|y|ne|n['’]|c['’]"
    r"|ça|cela|ceci|toutefois|cependant|néanmoins|pourtant|enfin|tous|toutes|tout|toute|all"
    r"|some|certains|certaines|plusieurs|aucun|aucune|chaque|each|every|any)(?=\s|$|[,.;:])",
    re.IGNORECASE,
)
# A sentence adverb first ("Accordingly", "Unfortunately", "Additionally").
_ADVERB = re.compile(r"^[^\W\d_]{4,}(?<![mp][bp])ly\b(?!\s+[A-Z])", re.IGNORECASE)
# Words of time: a date, a weekday, a month, a year, a part of the day, a duration.
_TIME = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche|january|february|march|april|june|july|august|september|october"
    r"|november|december|janvier|février|avril|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre|(?:19|20)\d\d|weekends?|week-ends?|fin\s+de\s+semaine|tonight|today|tomorrow"
    r"|overnight|aujourd['’]hui|demain|soir(?:ée)?|matin(?:ée)?|nuit|morning|evening|night"
    r"|afternoon|après-midi|periods?|périodes?|hours?|heures?|minutes?|jours?|days?|semaines?|weeks?|mois|months?"
    r"|année|years?|début|fin)\b|\d\s*(?:h|:)\s*\d|\d\s*[ap]\.?m\b",
    re.IGNORECASE,
)
# A finite verb or an infinitive after a modal: the name is (part of) a clause.
_VERB = re.compile(
    r"\b(?:will|would|shall|should|could|can|cannot|may|might|must|is|are|was|were|been|being"
    r"|has|have|had|does|did|sera|seront|serait|est|sont|était|devrait|devraient|doit|doivent"
    r"|peut|peuvent|pourra|pourront|va|vont|ont|aura|auront|durer|être|avoir"
    r"|unavailable|inaccessible|indisponibles?|hors\s+service)\b",
    re.IGNORECASE,
)
_CUT_END = re.compile(
    r"(?:^|\s)(?:the|a|an|of|to|for|on|at|in|by|with|and|or|from|le|la|les|de|du|des|d['’]|l['’]|à|au"
    r"|aux|et|ou|en|sur|par|pour|vers)\s*$",
    re.IGNORECASE,
)
# A specific word: an acronym ("CRA", "NYC3"), a mixed-case word ("eManifest", "MILogin"), a
# domain ("bct.gov.tn", "Lynda.com"), letters and digits ("E-MACS", "K2"), or a capital inside
# the name (a proper noun: "Canada Revenue Agency", "Pont Jacques-Cartier").
_SPECIFIC = re.compile(
    r"\b[A-Z]{2,}\d*\b|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*|\w\.\w{2,}|\b(?=\w*\d)(?=\w*[^\W\d_])\w+"
    r"|(?<=\s)[A-ZÀ-Þ][\w’'-]+",
)
_FOR_PEOPLE = re.compile(r"(?:clients?|customers?|users?|utilisateurs?|usagers?|membres?)", re.I)
_SEPARATORS = re.compile(r"\s[–—/|]\s|:\s")


def quality(name: str) -> float:
    """How much `name` reads as a service name, from its form alone (positive: a good name).

    Against it: no letters or not nameable (-3), a function word or sentence adverb first
    (-2), an event word ("Emergency maintenance": -2), a word of time (-1.5), a verb or a
    predicate ("… Unavailable": -1.5), a sentence (more than eight words: -1.5), a cut end or
    an unclosed bracket (-1), a title's separators (-0.5), one word with nothing specific
    about it (-0.4). For it: two to five words (+0.3), a specific word (+0.6)."""
    name = " ".join(name.split())
    if not name or not re.search(r"[^\W\d_]{2}", name):
        return -3.0
    words = name.split()
    q = 0.0
    # "Portail client", "Espace usagers": a head noun before the word for people is a name
    compound = len(words) > 1 and _FOR_PEOPLE.fullmatch(words[-1]) is not None
    if not subjects.nameable(name) and len(words) <= subjects.MAX_NAME_WORDS and not compound:
        q -= 3.0
    if _FUNCTION.match(name) or _ADVERB.match(name):
        q -= 2.0
    if naming.EVENT_ONLY.match(name) or (shared.generic(name) and len(words) <= 8 and not compound):
        q -= 2.0
    if _TIME.search(name) or subjects.DATE_LIKE.search(name):
        q -= 1.5
    if _VERB.search(name):
        q -= 1.5
    if len(words) > 8:
        q -= 1.5
    if _CUT_END.search(name) or name.count("(") != name.count(")"):
        q -= 1.0
    if _SEPARATORS.search(name):
        q -= 0.5
    specific = _SPECIFIC.search(name) is not None
    if 2 <= len(words) <= 5:
        q += 0.3
    elif len(words) == 1 and not specific:
        q -= 0.4
    if specific:
        q += 0.6
    return q


def agreement(name: str, notice: str) -> float:
    """+0.3 when the name is printed twice in the notice, +0.6 from three times."""
    key = _folded(name)
    if len(key) < 3:
        return 0.0
    count = f" {notice} ".count(f" {key} ")
    return 0.6 if count >= 3 else 0.3 if count == 2 else 0.0


def score(name: str, source: str, notice: str) -> float:
    return PRIOR.get(source, 1.0) + quality(name) + agreement(name, notice)


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


# --- candidates for a window ----------------------------------------------------------------


def candidates(
    clause: str,
    known: dict[str, str],
    title: str | None,
    notice: str,
    inside: str = "",
    paragraph: str = "",
    above: str = "",
    wider: Wider = (),
) -> list[Candidate]:
    """Every name the clause, the words printed inside the window ("at noon on Friday, the
    portal will be unavailable until Monday"), the catalogue, the kind of notice, the window's
    paragraph and the title offer for a window, each scored; best first (ties keep the order
    found)."""
    found: list[tuple[str, str]] = []
    cues: dict[str, str] = {}
    text = clause.replace(subjects.WINDOW, " ")
    if known and clause:
        found += [(name, "catalogue") for name in naming.in_catalogue(clause, known)]
    for said, where in ((clause, ""), (inside, ""), (paragraph, "paragraph"), (above, "lead-in")):
        for one in subjects.every_name(said) if said else ():
            if not one.negated:
                how = "same clause" if one.how == "subject" else one.how
                found.append((one.name, where or how))
    for said, where in wider:
        if where == "heading":
            named = naming.title_subject(said)
            if named:
                found.append((named, where))
        found += [(one.name, where) for one in subjects.every_name(said) if not one.negated]
    if clause:
        implied = kinds.closed(text) or kinds.implied(text)
        if implied is not None:
            found.append((implied.name, "kind of notice"))
            cues.setdefault(implied.name, implied.cue)
    if title:
        named = naming.title_subject(title)
        if named:
            found.append((named, "title"))
        implied = kinds.closed(title) or kinds.implied(title)
        if implied is not None:
            found.append((implied.name, "kind of notice"))
            cues.setdefault(implied.name, implied.cue)
    # a name cut one word too far ("Electrical power to"): also offered without that word
    found += [(_CUT_END.sub("", n).strip(" ,"), src) for n, src in found if _CUT_END.search(n)]
    out: dict[str, Candidate] = {}
    for name, source in found:
        if not name:
            continue
        key = fold(name)
        offered = Candidate(name, source, score(name, source, notice), cues.get(name, ""))
        if key not in out or offered.score > out[key].score:
            out[key] = offered
    return sorted(out.values(), key=lambda c: -c.score)


# --- ranking the names of a notice's windows ------------------------------------------------


_CALENDAR = "|".join(sorted((*MONTHS, *WEEKDAYS), key=len, reverse=True))
_TIME_WORDS = re.compile(
    rf"\b(?:{_CALENDAR}|[ap]\.?m|h|le|the|at|à)\b|[\d\W_]",
    re.IGNORECASE,
)


def _only_time(name: str) -> bool:
    """ "December 12, 2025, 9:30 a.m": a date and a time, nothing else."""
    return not _TIME_WORDS.sub("", name).strip()


def _lost_item(record: Record) -> bool:
    """An item of a list that says what users lose ("What we cannot do:" and "Place books on
    hold for you"): named by the list as printed (its row is warned by its rule already)."""
    return record.rule == "document window" and shared.down_lead_in(record.description)


def rank(
    records: list[Record],
    lines: list[Line],
    known: dict[str, str],
    deadline: Deadline | None = None,
) -> list[Record]:
    """Re-name each window whose names show a flaw (`quality` under `FLAWED`) with the best
    candidate the notice offers for it, when that candidate scores `MARGIN` more; warn when
    the name kept or chosen is weak or a different candidate comes close. Names with no flaw,
    and windows with no better candidate, are kept as the rules gave them."""
    if not records:
        return records
    notice = ""  # folded once, when a window needs its candidates
    title: str | None = None
    groups: dict[object, list[int]] = {}
    for k, record in enumerate(records):
        groups.setdefault(_window(record), []).append(k)
    out: list[Record | None] = list(records)
    cache: dict[Context, list[Candidate]] = {}
    tree: widening.Placed | None = None
    printed = sorted({r.window_span[0] for r in records if r.window_span is not None})
    for members in groups.values():
        if deadline is not None:
            deadline.check()
        checked = [
            k
            for k in members
            if records[k].name
            and not _lost_item(records[k])
            and (
                records[k].rule not in STRUCTURED
                or records[k].weak
                or len(records[k].name.split()) > subjects.MAX_NAME_WORDS  # a sentence
                or _only_time(records[k].name)  # a dateline taken as a cell
            )
        ]
        flawed = {k for k in checked if quality(records[k].name) < FLAWED}
        if not checked:
            continue
        if not notice:
            notice = f" {_folded(' '.join(line.text for line in lines))} "
            found_title = naming.title_of(lines)
            title = found_title[0] if found_title else None
        span = records[members[0]].window_span
        if span and tree is None:
            tree = widening.placed(lines)
        key = _context(lines, span, printed, tree or [])
        if key not in cache:
            cache[key] = candidates(key[0], known, title, notice, *key[1:])
        offered = cache[key]
        taken = {fold(records[k].name) for k in members}  # a list's names are not rivals
        for k in checked:
            record = records[k]
            own = score(record.name, record.rule, notice)
            others = [c for c in offered if fold(c.name) not in taken]
            best = others[0] if others else None
            if k in flawed and best is not None and best.score >= own + MARGIN:
                taken.add(fold(best.name))
                runner = next((c for c in others[1:] if fold(c.name) != fold(best.name)), None)
                out[k] = _chosen(record, own, best, runner)
            elif (k in flawed or record.weak is None) and (
                own < WEAK or (best is not None and best.score > own - CLOSE)
            ):
                out[k] = _warned(record, own, best)
        # the same name chosen twice for one window: one row
        seen: set[str] = set()
        for k in members:
            chosen = out[k]
            if chosen is None:
                continue
            folded = fold(chosen.name)
            if folded in seen:
                out[k] = None
            seen.add(folded)
    return [r for r in out if r is not None]


Context = tuple[str, str, str, str, Wider]  # clause, inside, paragraph, lead-in above, wider


def _context(
    lines: list[Line],
    span: tuple[int, int, int, int] | None,
    printed: list[int],
    tree: widening.Placed,
) -> Context:
    """What the notice says around the window printed at `span`, for `candidates`."""
    if not span:
        return ("", "", "", "", ())
    return (
        subjects.clause_at(lines, span),
        _inside(lines, span),
        subjects.clause_at(lines, span, whole=True),
        _lead_in_above(lines, span[0]),
        _wider(lines, span[0], printed, tree),
    )


def _wider(lines: list[Line], number: int, printed: list[int], tree: widening.Placed) -> Wider:
    """The headings above line `number`, the sentences pointing back at its window, the
    sentence before its paragraph: each with its source."""
    found = [(h, "heading") for h in widening.headings_above(lines, number, tree)]
    found += [(s, "by reference") for s in widening.pointing_back(lines, number, printed)]
    before = widening.sentence_before(lines, number)
    if before:
        found.append((before, "sentence before"))
    return tuple(found)


def _inside(lines: list[Line], span: tuple[int, int, int, int]) -> str:
    """The words printed inside a window's span, when it holds a clause ("12:00 p.m. on
    Friday, the filing system will be unavailable until 9:00 a.m. on Monday"); "" else."""
    first, last = index_of(lines, span[0]), index_of(lines, span[2])
    if first is None or last is None or last - first > 3:
        return ""
    if first == last:
        text = lines[first].text[span[1] - 1 : span[3] - 1]
    else:
        parts = [lines[first].text[span[1] - 1 :]]
        parts += [line.text for line in lines[first + 1 : last]]
        parts.append(lines[last].text[: span[3] - 1])
        text = " ".join(parts)
    return text if len(text.split()) >= 8 else ""


def _lead_in_above(lines: list[Line], number: int, reach: int = 8) -> str:
    """The sentence that announces the list holding line `number` ("The depots will be closed
    on the following dates:"), when the lines between are its items; "" else."""
    at = index_of(lines, number)
    if at is None:
        return ""
    for k in range(at - 1, max(-1, at - 1 - reach), -1):
        text = lines[k].text.strip()
        if not text or BULLET.match(lines[k].text):
            continue
        return text if text.endswith(":") and len(text) <= 300 else ""
    return ""


def _window(record: Record) -> object:
    """The printed window a record names: its place in the notice when known."""
    if record.window_span is not None:
        return record.window_span
    return (record.window.begin, record.window.text, record.window_line)


Said = tuple[str, tuple[tuple[str, str], ...]]  # a doubt: catalogue id and parameters
_RULE = {  # the scope rule a chosen candidate's source stands for
    "catalogue": None,  # keeps the record's rule
    "same clause": "same clause",
    "example": "same clause",
    "object": "same clause",
    "event": "same clause",
    "kind of notice": naming.KIND_RULE,
    "title": naming.TITLE_RULE,
    "heading": "heading",  # a heading above the window: a warning on the row (evidence.py)
    "by reference": "by reference",
    "sentence before": "document window",
}


def _chosen(record: Record, own: float, best: Candidate, runner: Candidate | None) -> Record:
    """`record` named by the best candidate; its doubts said when it is weak or close."""
    rule = _RULE.get(best.source) or record.rule
    if rule == naming.TITLE_RULE:
        weak: str | None = naming.TITLE_WEAK
    elif rule == naming.KIND_RULE:
        weak = f"the service is implied by the kind of notice (“{best.cue}”)"
    elif best.source == "sentence before":
        line = record.window_span[0] if record.window_span else record.window_line
        weak = f"the window is printed in another sentence (line {line}), which names no service"
    else:
        weak = record.weak if rule == record.rule else None
    doubts: list[Said] = []
    if best.score < WEAK:
        doubts.append(("notice.name_weak", (("score", f"{best.score:.1f}"),)))
    if runner is not None and best.score - runner.score < CLOSE:
        doubts.append(_close(runner, best.score))
    if doubts or weak or rule == "heading":
        ranked = (
            ("source", best.source),
            ("score", f"{best.score:.1f}"),
            ("other", record.name),
            ("other_source", record.rule),
            ("other_score", f"{own:.1f}"),
        )
        doubts.insert(0, ("notice.name_ranked", ranked))
    return replace(record, name=best.name, rule=rule, weak=weak, doubts=tuple(doubts))


def _close(rival: Candidate, score: float) -> Said:
    said = (
        ("other", rival.name),
        ("other_source", rival.source),
        ("other_score", f"{rival.score:.1f}"),
        ("score", f"{score:.1f}"),
    )
    return ("notice.name_close", said)


def _warned(record: Record, own: float, best: Candidate | None) -> Record:
    """A name kept (nothing scores `MARGIN` better) but weak, or with a close runner-up."""
    doubts = list(record.doubts)
    if own < WEAK:
        doubts.append(("notice.name_weak", (("score", f"{own:.1f}"),)))
    if best is not None and own - best.score < CLOSE:
        doubts.append(_close(best, own))
    return replace(record, doubts=tuple(doubts))
