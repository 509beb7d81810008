"""Notices with one window shared by several services, as operations teams write them:

    Start: Tuesday, March 10, 2026 at 02:00 UTC
    End: Tuesday, March 10, 2026 at 04:00 UTC
    Affected services: REST API, Webhooks
    During this window, the dashboard will remain available in read-only mode.

Labelled start and end lines (or date and time lines) are joined into one window; the services
come from an "affected services" list and from sentences that say what happens to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from preavis.domain.text import Lang
from preavis.notices import affected, clauses, idle, leadins
from preavis.notices import impact as impacts
from preavis.notices import subjects as chunker
from preavis.notices.blocks import role
from preavis.notices.datelines import undateline
from preavis.notices.layout import Record
from preavis.notices.text import BULLET, FIELD_LINE, OPENING, Line, split_subject
from preavis.notices.when import WindowMatch

_COLON = r"\s*[:：]\s*"
_START = re.compile(
    rf"^\s*(?:start(?:s|ing)?|begins?|beginning|from|début|debut|commence(?:ment)?|de)"
    rf"(?:\s+(?:time|date|at))?{_COLON}(?P<v>\S.*)$",
    re.IGNORECASE,
)
_END = re.compile(
    rf"^\s*(?:end(?:s|ing)?|until|to|fin|jusqu['’]?à|au)(?:\s+(?:time|date|at))?{_COLON}(?P<v>\S.*)$",
    re.IGNORECASE,
)
_DATE = re.compile(rf"^\s*(?:date|jour|day){_COLON}(?P<v>\S.*)$", re.IGNORECASE)
_TIME = re.compile(
    rf"^\s*(?:time|times|heure|heures|hours|window|fenêtre|plage\s+horaire){_COLON}(?P<v>\S.*)$",
    re.IGNORECASE,
)
_AFFECTED = re.compile(
    r"^\s*(?:(?:affected|impacted)\s+(?:services?|applications?|systems?|components?)"
    r"|(?:services?|applications?|systèmes?|systemes?)\s+(?:touchée?s?|concernée?s?|visée?s?"
    rf"|affectée?s?|interrompue?s?)){_COLON}(?P<v>.*)$"
    # "The following systems will be affected:", « Les services suivants seront touchés : »
    r"|^\s*(?:the\s+)?following\s+(?:services?|systems?|applications?|sites?|tools?)\s+"
    r"(?:will|may|are|could|might)\s+(?:be\s+)?(?:affected|impacted|unavailable|offline|down"
    r"|interrupted)\b[^:]{0,60}:\s*$"
    r"|^\s*(?:les\s+)?(?:services?|systèmes?|applications?|outils?)\s+suivante?s\s+(?:seront|sont"
    r"|pourraient\s+être)\s+(?:touchée?s|affectée?s|indisponibles|interrompue?s)\b[^:]{0,60}:\s*$",
    re.IGNORECASE,
)
_SUCH_AS = re.compile(
    r"\b(?:such\s+as|including|notamment|tels?\s+que|telles?\s+que|comme|y\s+compris)\s+",
    re.IGNORECASE,
)
# Only these words say it still works: the sentence names what is NOT interrupted.
_STAYS = re.compile(
    r"\b(?:remains?|will\s+remain|stays?|will\s+stay|still\s+be|continues?\s+to\s+be|restera"
    r"|resteront|demeurera|demeureront|reste|restent)\s+(?:fully\s+)?(?:available|accessible"
    r"|open|online|disponibles?|accessibles?|ouverte?s?|en\s+ligne)\b"
    r"|\bstill\s+be\s+able\s+to\b|\bpourr(?:a|ont)\s+(?:toujours|encore)\b",  # still able
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
_PRONOUNS = {
    "we", "you", "it", "this", "that", "they", "customers", "users", "clients", "nous", "vous",
    "il", "elle", "ils", "elles", "ce", "cela", "ceci", "on", "utilisateurs", "everything",
    "nothing", "tout", "rien", "all", "some", "certains", "certaines", "autres", "other",
    "others", "remaining", "those", "these", "ceux", "celles",
}  # fmt: skip
_UNAFFECTED = re.compile(
    r"\b(?:pas\s+touchée?s?|non\s+touchée?s?|pas\s+concernée?s?|not\s+(?:be\s+)?affected"
    r"|unaffected|not\s+(?:be\s+)?impacted|ne\s+sera\s+pas\s+touchée?|ne\s+seront\s+pas\s+touchée?s)\b",
    re.IGNORECASE,
)


# "During this window, the REST API …": the sentence points at the notice's window.
BY_REFERENCE = re.compile(
    r"\b(?:during|throughout|for)\s+(?:this|that|these|those|the\s+same|the\s+maintenance|the)"
    r"(?:\s+\d+[\s-]hours?)?\s+(?:window|times?|period|maintenance|outage|upgrade|shutdown|work"
    r"|downtime|hours)"
    r"|\b(?:pendant|durant|au\s+cours\s+de)\s+(?:cette|la\s+même|ce|la)\s+"
    r"(?:période|fenêtre|plage|temps|maintenance|intervention|mise\s+à\s+niveau|interruption)",
    re.IGNORECASE,
)


def _window_between(start: str, end: str, lang: Lang) -> str:
    return f"Du {start} au {end}" if lang == "fr" else f"From {start} to {end}"


def _date_and_time(date: str, time: str, lang: Lang) -> str:
    return f"{date}, {time}"


@dataclass(frozen=True, slots=True)
class Joined:
    """Lines after joining, and the line numbers that now hold a joined window."""

    lines: list[Line]
    windows: frozenset[int]
    ends: dict[int, int] = field(default_factory=dict)  # window line -> its last labelled line

    def without(self, taken: set[int]) -> Joined:
        """Labelled lines read as a fields block of the tree are not shared again."""
        return replace(self, windows=self.windows - taken) if taken else self


_KEYED = re.compile(rf"^\s*(?P<k>[^:：\n]{{1,40}}?){_COLON}(?P<v>\S.*)$")
_FR_KEY = re.compile(r"^(?:date|heure|jour)\s+(?:de\s+|d['’])?(?P<w>début|debut|fin)\b", re.I)


def _labelled(pattern: re.Pattern[str], wanted: str, text: str) -> str | None:
    """The value of a `wanted` (start or end) labelled line: the usual labels, or any key a
    field block reads with that role ("Issue start:", "Service Restored:", "start_date:",
    « Heure de fin : »)."""
    found = pattern.match(text)
    if found is not None:
        return found["v"]
    if wanted not in ("start", "end"):
        return None
    keyed = _KEYED.match(text)
    if keyed is None:
        return None
    key = keyed["k"].replace("_", " ").strip()
    french = _FR_KEY.match(key)
    if french is not None:
        said = "end" if french["w"].casefold() == "fin" else "start"
    else:
        said = role(key) or ""
    return keyed["v"] if said == wanted else None


def join_labelled(lines: list[Line], lang: Lang) -> Joined:
    """'Start: X' and 'End: Y' (or 'Date: X' and 'Time: A – B') become one window line."""
    out = list(lines)
    joined: set[int] = set()
    ends: dict[int, int] = {}
    for i, line in enumerate(out):
        for (first, role_a), (second, role_b), build in (
            ((_START, "start"), (_END, "end"), _window_between),
            ((_DATE, "date"), (_TIME, "time"), _date_and_time),
        ):
            start = _labelled(first, role_a, line.text)
            if start is None:
                continue
            for j in range(i + 1, min(i + 3, len(out))):
                end = _labelled(second, role_b, out[j].text)
                if end is not None:
                    out[i] = Line(line.number, build(start.strip(), end.strip(), lang))
                    out[j] = Line(out[j].number, "")
                    joined.add(line.number)
                    ends[line.number] = out[j].number
                    break
                if out[j].text.strip():
                    break
    return Joined(out, frozenset(joined), ends)


def _names(text: str) -> list[str]:
    parts = re.split(r",|;|\s+(?:and|et)\s+", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


@dataclass(frozen=True, slots=True)
class Named:
    """A service the notice names around its shared windows, and where."""

    name: str
    description: str
    line: int
    from_sentence: bool  # said in a sentence (not on the window's own line), not listed


def named(lines: list[Line]) -> list[Named]:
    """The services listed as affected, then the subjects of sentences that say what happens to
    them, in order; read once per notice, whatever the number of windows.

    A name is kept at most twice: its first mention, and for a sentence its first mention on
    another line (the window's own line does not count for sentences)."""
    out: list[Named] = []
    listed: set[str] = set()
    said: dict[str, int] = {}  # key -> the line of its first mention in a sentence
    item_lines: set[int] = set()  # a listed item is not read again as a sentence

    def add(name: str, description: str, line: int, from_sentence: bool) -> None:
        key = name.casefold()
        words = key.split()
        if not words or words[0] in _PRONOUNS or key in listed:
            return
        if not from_sentence:
            listed.add(key)
            item_lines.add(line)
        elif key in said:
            if said[key] == line or said[key] < 0:
                return
            said[key] = -1  # two lines seen: no later mention can be needed
        else:
            said[key] = line
        out.append(Named(name, description, line, from_sentence))

    for n, line in enumerate(lines):
        listed_here = affected.front_matter(line.text)  # affectedsystems = ["A", "B"]
        if listed_here is not None:
            for name in listed_here:
                add(name, "", line.number, False)
            continue
        for name, number in affected.label_items(lines, n) or ():  # "Services affected ⬇️"
            add(name, "", number, False)
        match = _AFFECTED.match(line.text)
        if match is None:
            if down_lead_in(line.text):  # "During this period you will not be able to use:"
                lead = leadins.last_sentence(line.text)
                for follower in leadins.items(lines, n):
                    item = BULLET.sub("", follower.text, count=1).strip(" .;")
                    add(affected.without_aside(item), lead, follower.number, False)
            continue
        value = (match["v"] or "").strip()
        if value and not (impacts.DOWN.search(value) or impacts.STRONG_LIMITED.search(value)):
            for name in _names(value):
                add(name, "", line.number, False)
        for follower in lines[n + 1 :]:  # a bulleted list under the label
            if not BULLET.match(follower.text):
                break
            add(BULLET.sub("", follower.text, count=1).strip(" .;"), "", follower.number, False)
    items = frozenset(item_lines)  # the lines of listed items, not of sentences listing names
    for number, sentence in _sentences(lines):
        if number in items:
            continue
        for name in affected.sentence(sentence) or ():  # "Affected systems are A and B."
            add(name, "", number, False)
        for name in affected.pointing_back(sentence) or ():  # "This applies to A and B."
            add(name, sentence.strip(), number, False)
        if not (
            impacts.DOWN.search(sentence)
            or impacts.STRONG_LIMITED.search(sentence)
            or _CUT.search(sentence)
            or _TOUCHED.search(sentence)
        ):
            continue
        lead_in = _AFFECTED.match(sentence) and sentence.rstrip().endswith(":")
        if _UNAFFECTED.search(sentence) or _stays(sentence) or lead_in:
            continue
        if sentence.lstrip()[:1] in '“«"':  # someone quoted, not the notice speaking
            continue
        for name in _sentence_names(sentence):
            add(name, sentence.strip(), number, True)
    return out


def _sentence_names(sentence: str) -> list[str]:
    """The subjects a sentence says are cut: each coordinated clause's, else the simple
    subject; not a clause ("que la nécessité …"), not a subject whose verb cuts nothing."""
    found = clauses.coordinated(sentence, generic) or subjects(sentence)
    return [
        name
        for name in found
        if not clauses.CLAUSE_WORD.match(name) and not idle.idle_subject(name, sentence)
    ]


def down_lead_in(text: str) -> bool:
    """A lead-in that ends with a colon and says what follows is down: "Residents will not be
    able to use:", « Vous ne pourrez pas utiliser : ». Its list items are the services."""
    text = leadins.last_sentence(text)
    return (
        text.endswith(":")
        and len(text) <= _LEAD_IN_MAX
        and leadins.says_cut(text)
        and not _UNAFFECTED.search(text)
        and not _stays(text)
    )


_LEAD_IN_MAX = 200


def _sentences(lines: list[Line]) -> list[tuple[int, str]]:
    """The sentences of the notice's paragraphs (wrapped lines joined), each with its line."""
    out: list[tuple[int, str]] = []
    paragraph: list[Line] = []

    def flush() -> None:
        if not paragraph:
            return
        text, starts = "", []
        for line in paragraph:
            starts.append((len(text), line.number))
            text += line.text.strip() + " "
        at = 0
        for piece in _SENTENCE.split(text):
            offset = text.find(piece, at)
            at = max(at, offset)
            number = next(n for start, n in reversed(starts) if start <= max(offset, 0))
            if piece.strip():
                out.append((number, piece))
        paragraph.clear()

    for line in lines:
        if (
            not line.text.strip()
            or BULLET.match(line.text)
            or _AFFECTED.match(line.text)
            or FIELD_LINE.match(line.text)
        ):
            flush()
            if line.text.strip():
                paragraph.append(line)
                flush()
            continue
        paragraph.append(line)
    flush()
    return out


_LABEL = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,3}[^\W\d_]+\s*:\s+(?=\S)")
_NOT_A_NAME = re.compile(
    r"\b(?:we|you|i|us|nous|vous|je|they|ils|elles|our|notre|nos|please|veuillez|note|notez"
    r"|people|personnes|staff|employees|residents|citizens|visitors|résidents|citoyens|where|où"
    r"|if|si|when|quand|lorsque|there|it|this|that|these|ceci|cela|il|following|suivante?s)\b",
    re.IGNORECASE,
)


# What an event is called, not a service: "Our first weekly system downtime will be …".
_EVENT = re.compile(
    r"^(?:(?:une?|the|a|an|la|le|les|our|notre|this|these|those|cette|ce|cet|ces|des|nos)\s+)?"
    r"(?:(?:scheduled|planned|brief|temporary|weekly|nightly|prévue?s?|planifiée?s?"
    r"|programmée?s?|temporaires?)\s+)?(?:maintenances?|mises?\s+à\s+(?:jour|niveau)|updates?"
    r"|upgrades?|coupures?|interruptions?|outages?|downtimes?|migrations?|travaux|works?"
    r"|changes?|interventions?|pannes?|closures?|fermetures?)\b"
    r"|\b(?:downtime|maintenance|outage|interruption|work|works|travaux|changes?|upgrade|update"
    r"|mise\s+à\s+(?:jour|niveau)|coupure|panne|intervention|migration|session|window|period"
    r"|data|données|jobs?|users?|customers?|clients?|utilisateurs?|access|accès|notice|avis)\s*$",
    re.IGNORECASE,
)


def generic(name: str) -> bool:
    """A subject that is not a service: a pronoun, an event ("the maintenance"), a sentence."""
    return bool(
        _NOT_A_NAME.search(name)
        or _EVENT.search(name)
        or len(name.split()) > GENERIC_WORDS
        or _DATED.search(name)
    )


_DATED = re.compile(r"\b(?:19|20)\d\d\b|^(?:ainsi|also|then|puis|and|et|or|ou)\b", re.IGNORECASE)


GENERIC_WORDS = 8


def _stays(sentence: str) -> bool:
    """ "Timetable Builder (Student) will remain available.": nothing is interrupted."""
    if _STAYS.search(sentence) is None or impacts.DOWN.search(sentence):
        return False
    rest = _STAYS.sub(" ", sentence)
    return impacts.STRONG_LIMITED.search(rest) is None


# What is cut: "Une coupure des services A et B", "interruption de l'alimentation en électricité",
# "Temporary closure of A and part of B", "take our mailcluster X offline", "couper l'accès au
# service X".
_CUT = re.compile(
    r"\b(?:coupure|interruption|fermeture|arrêt|closure|shutdown|outage|disruption)s?"
    r"(?:\s+(?:temporaire|planifiée|programmée|prévue|complète|totale|partielle|temporary"
    r"|planned|scheduled|complete|brief|full))?\s+(?:of|to|de\s+la|de\s+l['’]|des|du|de|d['’])\s*"
    r"(?:(?:the|our|l['’]accès\s+(?:au|à\s+la|aux))\s+)?(?P<a>(?:[^.;:!?]|\.(?=\w)){2,120})"
    r"|\b(?:take|taking|put|putting|bring|bringing)\s+(?!place\b)(?P<b>(?:[^.;:!?]|\.(?=\w)){2,120}?)\s+(?:offline|down)\b"
    r"|\bcouper(?:ai|a|ons|ont)?\s+(?:l['’]accès\s+(?:au|à\s+la|aux)\s+)?(?P<c>(?:[^.;:!?]|\.(?=\w)){2,120})"
    # "no payments will be taken via X or Y": what is refused, and the means named after it
    r"|\b(?:no|aucune?)\s+\w+\s+(?:will|can|shall|could|ne)\s+(?:be\s+|sera\s+|seront\s+|pourra\s+)?"
    r"(?:\w+\s+){0,2}?(?:via|through|par\s+l['’]intermédiaire\s+d[eu']s?)\s+"
    r"(?P<d>(?:[^.;:!?]|\.(?=\w)){2,120})",
    re.IGNORECASE,
)
_OBJECT_END = re.compile(
    r"\s+(?:est|sont|sera|seront|will|is|are|should|may|might|could|can|must|pourrai(?:en)?t|as\s+of|from|on|le|ce|cette|du\s+\d|pour|sur|for"
    r"|at|à|dès|between|entre|until|jusqu|starting|beginning|due|en\s+raison|afin|in\s+order"
    r"|so\s+that|during|pendant|ainsi|today|tomorrow|tonight|aujourd|demain|this|next)\b|\s*[,(]",
    re.IGNORECASE,
)
_SERVICE_WORD = re.compile(
    r"^(?:(?:le|la|les)\s+)?(?:services?|sites?|serveurs?|applications?)\s+(?=\S)", re.I
)


_TOUCHED = re.compile(
    r"\b(?:will|may|might|could)\s+(?:also\s+)?be\s+(?:affected|impacted|down|offline)\b"
    r"|\b(?:seront|sera|pourraient\s+être|pourrait\s+être)\s+(?:aussi\s+|également\s+)?"
    r"(?:touchée?s?|affectée?s?|perturbée?s?)\b",
    re.IGNORECASE,
)


_OF = re.compile(r"\s+(?:of|on|to|for|du|de\s+la|de\s+l['’]|des|de|d['’])\s*(?P<x>\S.*)$", re.I)


def event_object(name: str) -> str | None:
    """ "Une mise à jour du serveur" is about "serveur"; None when it names nothing else."""
    if _EVENT.search(name) is None:
        return None
    found = _OF.search(name)
    if found is None:
        return None
    rest = _strip_determiner(found["x"]).strip(" .")
    return rest if rest and not generic(rest) and len(rest.split()) <= 6 else None


_MAINTAINED = re.compile(
    r"\b(?:maintenance|upgrades?|updates?|mises?\s+à\s+(?:jour|niveau))(?:\s+and\s+\w+)?\s+"
    r"(?:to|on|of|for|sur|de|du|des)\s+(?P<x>[^.;:,!?\n]{2,80})",
    re.IGNORECASE,
)


def maintained(lines: list[Line]) -> str | None:
    """What the notice says its maintenance is of ("routine maintenance and upgrades to
    enterprise systems"), the last resort for a window that names nothing."""
    for _, sentence in _sentences(lines):
        match = _MAINTAINED.search(sentence)
        if match is None:
            continue
        raw = match["x"]
        end = _OBJECT_END.search(raw)
        name = _strip_determiner((raw[: end.start()] if end else raw).strip(" ."))
        if name and not generic(name) and len(name.split()) <= 6:
            return name
    return None


def objects(sentence: str) -> list[str]:
    """What a sentence says is cut (see _CUT), as names."""
    match = _CUT.search(sentence)
    if match is None:
        return []
    raw = match["a"] or match["b"] or match["c"] or ""
    means = match["d"] is not None and not raw
    raw = raw or match["d"] or ""
    end = _OBJECT_END.search(raw)
    raw = raw[: end.start()] if end else raw
    if not means:
        raw = chunker.forward(raw)  # "d’eau nocturnes suite à …": the noun phrase only
    raw = _SERVICE_WORD.sub("", raw.strip())
    if means:  # "via the e-payments or phone payments services": each means is a service
        raw = _TRAILING_SERVICE_WORD.sub("", raw)
    joiner = r"\s*,\s*|\s+(?:and|et|or|ou)\s+" if means else r"\s*,\s*|\s+(?:and|et)\s+"
    parts = [p.strip(" .") for p in re.split(joiner, raw) if p.strip(" .")]
    if means:
        parts = [
            re.sub(r"^(?:(?:du|des|de\s+la|aux?)\s+|de\s+l['’]\s*)", "", p, flags=re.I)
            for p in parts
        ]
    names = [chunker.trim(_strip_determiner(p)) for p in parts]
    if not names or any(len(p.split()) > 6 for p in names):
        return []
    return [n for n in names if not generic(n) and not _BARE.match(n)]


_TRAILING_SERVICE_WORD = re.compile(r"\s+(?:services?|systems?|channels?)\s*$", re.IGNORECASE)
_BARE = re.compile(r"^(?:services?|sites?|systèmes?|systems?|serveurs?|servers?)$", re.IGNORECASE)


def subjects(sentence: str) -> list[str]:
    """The services a sentence is about: its subject, a list of subjects, or the list after
    "such as" ("Online services such as online payments, forms and bookings will be …"), or
    what it says is cut ("Une coupure des services A et B est à prévoir")."""
    found = _subjects(sentence)
    return found or objects(sentence)


_NONE = re.compile(r"^(?:no|aucune?|nul(?:le)?)\s", re.IGNORECASE)
_INSIDE = re.compile(
    r"(?i)\s(?:in|of|for|to|on|at|with|from|by|dans|d[eu]s?|pour|sur|avec|par|à|aux?)\s"
)


def _subjects(sentence: str) -> list[str]:
    clause = undateline(_LABEL.sub("", sentence.strip(), count=1))
    clause = OPENING.sub("", clause, count=1)
    clause = OPENING.sub("", clause, count=1)
    if "(" in clause:
        found = _bracketed(clause)
        if found is not None:
            return found
    name, rest = split_subject(clause)
    if not name or not rest or _NONE.match(name):  # "No payments will be taken …"
        return []
    such = _SUCH_AS.search(name)
    if such is not None:
        name = name[such.end() :]
    elif generic(name):
        return []
    if "," in name or ";" in name or such is not None:
        parts = [
            p.strip(" .") for p in re.split(r"\s*[,;]\s*(?:(?:and|et)\s+)?|\s+(?:and|et)\s+", name)
        ]
        found = [_strip_determiner(p) for p in parts if p]
        if all(len(p.split()) <= 6 for p in found):
            return [p for p in found if not generic(p)]
    name = re.sub(r"^(?:both|à\s+la\s+fois)\s+", "", name, flags=re.IGNORECASE)  # "both A and B"
    pair = re.split(r"\s+(?:and|et|or|ou|as\s+well\s+as|ainsi\s+que)\s+", name)
    # "online banking and mobile banking": two names; "links in A and B" is one phrase
    if (
        len(pair) == 2
        and all(2 <= len(p.split()) <= 6 for p in pair)
        and not _INSIDE.search(pair[0])
    ):
        found = [_strip_determiner(p.strip(" .")) for p in pair]
        return [p[:1].upper() + p[1:] for p in found if p and not generic(p)]
    name = _strip_determiner(name)
    return [] if generic(name) or not name else [name[:1].upper() + name[1:]]


_BRACKET = re.compile(r"\s*\(([^()]{1,300})\)")
_CATEGORY = re.compile(
    r"\b(?:systems?|interfaces?|services?|applications?|tools?|platforms?|sites?|systèmes?"
    r"|outils?|plateformes?)(?:\s+[^\W\d_]+){0,2}\s*$",
    re.IGNORECASE,
)
_LISTING = re.compile(r",|;|\s(?:and|et|or|ou)\s", re.IGNORECASE)
_ALL_OF = re.compile(r"^(?:all\s+of\s+(?:the\s+)?|(?:the|our)\s+)", re.IGNORECASE)
_ASIDE = re.compile(r"^\s*(?:i\.\s?e\.|e\.\s?g\.|c\.-à-d\.|p\.\s?ex\.)\s*:?\s*", re.IGNORECASE)


def _bracketed(clause: str) -> list[str] | None:
    """ "Banner (i.e.: pages, SSB) and ancillary interfaces (TouchNet, Canvas, etc.) will be
    unavailable": a bracket after a category ("interfaces", « outils ») lists its members, each
    a service; a bracket after a name explains it and is dropped. None when no subject has one."""
    inside: list[str] = []

    def hold(match: re.Match[str]) -> str:
        inside.append(match.group(1))
        return f" \x00{len(inside) - 1}\x00"

    masked = _BRACKET.sub(hold, clause)
    name, rest = split_subject(masked)
    if not name or not rest or "\x00" not in name or _NONE.match(name):
        return None
    if not any(_LISTING.search(inside[int(n)]) for n in re.findall(r"\x00(\d+)\x00", name)):
        return None  # "(ET)", "(version 2)": a bracket that lists nothing
    out: list[str] = []
    for part in re.split(r"\s*[,;]\s*(?:(?:and|et)\s+)?|\s+(?:and|et)\s+", name):
        held = re.search(r"\x00(\d+)\x00", part)
        head = re.sub(r"\s*\x00\d+\x00", "", part).strip(" .")
        if held is not None and (not head or _CATEGORY.search(head) or generic(head)):
            members = _ASIDE.sub("", inside[int(held.group(1))])
            for raw in re.split(r"\s*[,;]\s*|\s+(?:and|et|or|ou)\s+", members):
                item = raw.strip(" .")
                if item and not re.fullmatch(r"etc|and\s+so\s+on|…", item, re.IGNORECASE):
                    out.append(_strip_determiner(item))
        elif head and not generic(head):
            out.append(_ALL_OF.sub("", head) if held else _strip_determiner(head))
    if not out or any(len(p.split()) > NAME_WORDS for p in out):
        return None
    return out


NAME_WORDS = 8


def _strip_determiner(name: str) -> str:
    return re.sub(
        r"^(?:(?:the|les|le|la|our|notre|nos|your|votre|vos|its|their|all|tous\s+les)\s+|l['’]\s*)",
        "",
        name,
        flags=re.IGNORECASE,
    ).strip()


def records(names: list[Named], window: WindowMatch, window_line: int) -> list[Record]:
    """The services a shared window applies to: listed as affected, or subjects of sentences
    that say what happens to them (not in the sentence that holds the window)."""
    found: list[Record] = []
    seen: set[str] = set()
    for item in names:
        if item.from_sentence and item.line == window_line:
            continue
        key = item.name.casefold()
        if key in seen:
            continue
        seen.add(key)
        if not item.from_sentence and affected.pointing_back(item.description) is not None:
            rule, weak = "by reference", None  # "This applies in particular to A, B."
        elif not item.from_sentence:
            rule, weak = "fields", None
        elif BY_REFERENCE.search(item.description):
            rule, weak = "by reference", None
        else:
            rule, weak = "document window", "the notice's one window, not said in this sentence"
        found.append(
            Record(item.name, item.description, window, item.line, window_line, None,
                   item.description, rule=rule, weak=weak)
        )  # fmt: skip
    return found
