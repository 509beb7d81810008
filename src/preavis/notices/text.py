"""The notice's text: lines cleaned of page furniture and markup, and the words that tell a
service name from a sentence (subjects, determiners, header terms, wrapped names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preavis.notices import impact as impacts
from preavis.notices.when import ZONE_MENTION

HEADER_TERMS = {
    "application", "applications", "service", "services", "système", "systeme", "system",
    "interruption de service", "interruptions de service", "interruption de services",
    "interruption des services", "service interruption", "service interruptions",
    "interruption", "interruptions", "durée", "duree", "duration", "période", "periode",
    "period", "date", "dates", "heure", "heures", "time", "times", "window", "fenêtre",
    "impact", "incidence", "description", "détails", "details", "what is affected",
    "ce qui est touché", "statut", "status", "outage", "unavailability", "indisponibilité",
    "dates et heures", "date et heure", "dates and times", "date and time", "when", "quand",
}  # fmt: skip

TITLE_MAX = 200  # characters

_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+\d+(?:\s*(?:of|de|sur|/)\s*\d+)?|\d+\s*(?:/|of|de|sur)\s*\d+|[-–—]\s*\d+\s*[-–—])\s*$",
    re.IGNORECASE,
)

_RULE = re.compile(r"^\s*+\|?\s*+:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$|^\s*[-=_*]{4,}\s*$")

BULLET = re.compile(r"^\s*(?:[•●▪◦○■□►▸‣⁃*·]|[-–—](?=\s)|\d{1,2}[.)](?=\s)|[a-z][)](?=\s))\s*")

_SENTENCE_END = re.compile(
    r"(?<!\bSt)(?<!\bSte)(?<!\bMt)(?<!\bDr)(?<!\bNo)(?<!\bM)"
    r"[.!?;](?:\s+(?=[A-ZÀ-ÖØ-Þ«\"“(])|\s*$)"
)

# The verb that ends a subject: "La boutique sera…", "L’application fonctionnera…", "X will…".
_VERB = re.compile(
    r"(?<!\s)\s++(?:ne\s+|n['’])?(?:sera|seront|est|sont|peut|peuvent|pourra|pourront"
    r"|fonctionnera|fonctionneront|restera|resteront|demeurera|demeureront|subira|subiront"
    r"|connaîtra|connaîtront|passera|passeront|will|won['’]t|would|is|are|was|were|may|might"
    r"|could|can(?:not|['’]t)?|remains?|operates?|experiences?|be)\b"
    # a closure said in the present: "The library closes on …", « La Poste ferme ses bureaux »
    # (« la ferme », "the closes" are nouns)
    r"|(?<!\s)(?<!\bla)(?<!\bune)(?<!\bles)(?<!\bleur)(?<!\bsa)(?<!\bma)(?<!\bthe)"
    r"\s++(?:closes|ferme|ferment)\b(?!\s*[-–—:])",
    re.IGNORECASE,
)

# Cell boundaries of a row laid out in columns: pipes, tabs, or runs of three spaces or more.
# Every whitespace run is matched from its first character only ("(?<!\s)") and possessively:
# tried from each character of a long run, these patterns would be quadratic.
_COLUMNS = re.compile(r"(?:(?<!\s)\s*+)?\|\s*+|\t+|(?<=\S) {3,}(?=\S)")

_SEPARATOR = re.compile(
    r"(?<!\s)\s++[—–-]\s+|(?:(?<!\s)\s*+)?:\s+|(?<!\s)\s*?\t\s*+|(?:(?<!\s)\s*+)?:$"
)

_HEADER_CELLS = re.compile(r"(?:(?<!\s)\s*+)?\|\s*+|\t+|\s{2,}")

_DETERMINER = re.compile(
    r"^(?:(?:les|le|la|the|our|notre|nos|votre|your)\b|l['’])\s*", re.IGNORECASE
)

# "L’application Colis clic" is "Colis clic", but "Le service de paiement" stays a service.
_GENERIC = re.compile(
    r"^(?:services?|applications?|app|plateforme|platform|outil|tool)\s+(?-i:(?=[A-ZÀ-ÖØ-Þ0-9]))",
    re.IGNORECASE,
)

_SENTENCE_STARTERS = {
    "le", "la", "les", "l", "il", "elle", "ils", "elles", "cette", "ce", "ces", "cet", "aucun",
    "aucune", "vous", "nous", "on", "un", "une", "des", "seul", "seuls", "seules", "impossible",
    "pas", "tous", "toutes", "the", "this", "these", "those", "it", "you", "we", "customers",
    "clients", "users", "no", "all", "only", "there", "during", "pendant", "durant", "a", "an",
    "business", "businesses", "requests", "certaines", "certains", "some", "partners",
}  # fmt: skip

_CONNECTORS = {
    "et", "de", "des", "du", "d", "ou", "pour", "en", "la", "le", "les", "à", "au", "aux",
    "and", "of", "or", "for", "the", "to", "in", "on", "with", "&", "sur", "par",
}  # fmt: skip

_INTRO_WORDS = re.compile(
    r"\b(?:services|applications|systèmes?|systemes?|systems?|maintenance|mise\s+à\s+niveau"
    r"|mise\s+a\s+niveau|upgrade|certain(?:e?s)?|some|following|suivants|plusieurs|several)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    text: str


def clean(raw: str) -> list[Line]:
    """The notice's lines with page numbers, rules and invisible characters removed."""
    lines = []
    for number, raw_line in enumerate(raw.splitlines(), start=1):
        text = (
            raw_line.replace("\u00a0", " ")
            .replace("\u202f", " ")
            .replace("\u00ad", "")
            .replace("\u200b", "")
            .replace("ﬁ", "fi")
            .replace("ﬂ", "fl")
            .rstrip()
        )
        if "\f" in text:
            text = text.replace("\f", "")
        if "*" in text or "_" in text or "[" in text or "<" in text or "{" in text:
            text = _markup(text)
        if _PAGE_NUMBER.match(text) or _RULE.match(text):
            continue
        lines.append(Line(number, text))
    return lines


_LINK = re.compile(r"\[([^\]\n]{1,200})\]\([^)\s]{1,500}\)")

_SHORTCODE = re.compile(r"\{\{[<%][^{}]{0,300}[>%]\}\}")  # Hugo: {{< alert-green >}}

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,300})?/?>")

_FORMAT_CODE = re.compile(r"\[/?\.?[BIUSbius]\]")  # [b]bold[/b], [.B]bold[.B]

_EMPHASIS = re.compile(
    r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w])_(?=\S)|(?<=\S)_(?!\w)"
)


def _markup(text: str) -> str:
    """Markup left in copied text: [text](url), **bold**, _em_, <abbr>…</abbr>, [b]…[/b]."""
    text = _LINK.sub(r"\1", text)
    text = _SHORTCODE.sub("", text)
    text = _TAG.sub("", text)
    text = _FORMAT_CODE.sub("", text)
    return _EMPHASIS.sub("", text)


def _header_terms(text: str) -> int:
    """How many header terms make up the whole line (0 when it is not a header line)."""
    cells = [c.strip(" :*#").lower() for c in _HEADER_CELLS.split(text) if c.strip(" :*#")]
    if not cells:
        return 0
    count = 0
    for cell in cells:
        if cell in HEADER_TERMS:
            count += 1
            continue
        words, n = cell.split(), 0
        while n < len(words):  # "Application Interruption de service Durée" on one line
            for size in (4, 3, 2, 1):
                if " ".join(words[n : n + size]) in HEADER_TERMS:
                    n += size
                    count += 1
                    break
            else:
                return 0
    return count


def _header_blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Runs of lines [i, j) that together are a table header of at least two terms."""
    blocks = []
    i = 0
    while i < len(lines):
        if _header_terms(lines[i].text) == 0:
            i += 1
            continue
        j, terms = i, 0
        while j < len(lines) and (not lines[j].text.strip() or _header_terms(lines[j].text)):
            terms += _header_terms(lines[j].text)
            j += 1
        while j > i and not lines[j - 1].text.strip():
            j -= 1
        if terms >= 2:
            blocks.append((i, j))
        i = max(j, i + 1)
    return blocks


def join_lines(parts: list[str]) -> str:
    """Wrapped lines back into one: "Correspondance-" + "réponse" keeps its hyphen."""
    pieces: list[str] = []  # joined once at the end: adding to a string each time is quadratic
    for part in (p.strip() for p in parts):
        if not part:
            continue
        end = "".join(pieces[-2:])
        if pieces and not (end.endswith("-") and not end.endswith(" -") and part[:1].islower()):
            pieces.append(" ")
        pieces.append(part)
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def _first_word(text: str) -> str:
    match = re.match(r"\W*([^\W\d_]+)", text)
    return match.group(1).lower() if match else ""


def _split_name(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split a cell run without blank lines into the service name and its description."""
    if len(lines) == 1:
        return _split_one_line(lines[0])
    name = [lines[0]]
    k = 1
    while k < len(lines):
        prev, cur = name[-1].strip(), lines[k].strip()
        if _first_word(cur) in _SENTENCE_STARTERS and cur[:1].isupper():
            break
        last = prev.split()[-1].lower().strip("’'") if prev.split() else ""
        joins = (
            prev.endswith(("-", "—", "–"))
            or last in _CONNECTORS
            or cur[:1].islower()
            or cur[:1] in "(—–-"
        )
        short_then_sentence = (
            len(cur.split()) <= 4
            and not cur.endswith(".")
            and k + 1 < len(lines)
            and _first_word(lines[k + 1]) in _SENTENCE_STARTERS
        )
        if not (joins or short_then_sentence):
            break
        name.append(lines[k])
        k += 1
    return name, lines[k:]


def _split_one_line(text: str) -> tuple[list[str], list[str]]:
    """ "Boutique en ligne La boutique n’est pas accessible." -> name, description."""
    words = text.split()
    for n in range(1, len(words)):
        word = words[n]
        if word[:1].isupper() and _first_word(word) in _SENTENCE_STARTERS:
            return [" ".join(words[:n])], [" ".join(words[n:])]
    return [text], []


def _name_only(text: str) -> str:
    text = BULLET.sub("", text, count=1).strip()
    text = text.strip(" :;,.–—-*_#\t")
    stripped = _DETERMINER.sub("", text, count=1)
    stripped = _GENERIC.sub("", stripped, count=1)
    if stripped and stripped != text:
        text = stripped[:1].upper() + stripped[1:]
    return re.sub(r"\s+", " ", text)


def _is_label_only(text: str) -> bool:
    hint, rest = impacts.label(BULLET.sub("", text, count=1))
    return hint is not None and not rest.strip(" .:;,")


def _context_is_empty(text: str) -> bool:
    """Only punctuation, bullets, zone words or an impact label around a window."""
    rest = BULLET.sub("", text, count=1)
    rest = ZONE_MENTION.sub("", rest)
    _, rest = impacts.label(rest.strip(" \t:;,.()[]|"))
    rest = re.sub(r"^(?:durée|duration|période|period|quand|when)\b", "", rest.strip(), flags=re.I)
    return not rest.strip(" \t:;,.()[]|–—-*")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# A sentence that opens on a circumstance: "During this window, the REST API …".
OPENING = re.compile(
    r"^\s*(?:during|throughout|pendant|durant)\s+(?:the|this|that|cette|la|le|ce)\s+"
    r"(?:(?:maintenance|window|period|outage|upgrade|work|période|fenêtre|interruption|travaux"
    r"|de\s+maintenance|d['’]entretien)\s*+){1,3},?\s*"  # "the maintenance window,"
    r"|^\s*(?:during|while|whereas|if|when|in\s+addition|for|due\s+to|as|after|before|also|however|pendant|durant"
    r"|en\s+raison|afin|pour|lors|dans|de\s+plus|par\s+ailleurs|toutefois|cependant|alors\s+que"
    r"|tandis\s+que|si|lorsque|quand)\b[^,]{0,80},\s*"
    # a discourse word alone before the subject: « Ainsi, les centres … seront fermés »
    r"|^\s*(?:ainsi|enfin|en\s+outre|de\s+même|thus|finally|moreover|furthermore|likewise)"
    r"\s*,\s*",
    re.IGNORECASE,
)

FIELD_LINE = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*:\s+\S")

_SHORT_LINE = 40  # a line this short, before one that starts with a capital, ends its paragraph


def _clean_description(text: str) -> str:
    text = re.sub(r"\s+([,.)])", r"\1", _flat(text))
    text = re.sub(r"^[\s:;,.–—-]+", "", text)
    text = ZONE_MENTION.sub(lambda m: m.group(0) if len(m.group(0)) > 8 else "", text, count=1)
    return text.strip(" ,;").strip()


def split_subject(lead: str) -> tuple[str, str]:
    """Split a lead such as "Online shop will be unavailable" into name and the rest."""
    separator = _SEPARATOR.search(lead)
    verb = _VERB.search(lead)
    cut = None
    if separator and (verb is None or separator.start() <= verb.start()):
        cut = (separator.start(), separator.end())
    elif verb:
        cut = (verb.start(), verb.start())
    if cut is None:
        words = lead.split()
        if words and words[-1].lower() in ("du", "de", "from", "between", "entre", "le", "on"):
            lead = " ".join(words[:-1])
        return _name_only(lead), ""
    name, rest = lead[: cut[0]], lead[cut[1] :]
    rest = re.sub(r"\b(?:du|de|from|between|entre|le|on|à\s+partir\s+du)\s*$", "", rest, flags=re.I)
    return _name_only(name), rest.strip()


_CANCELLED = re.compile(
    r"\[\s*(?:cancell?ed|annulée?s?|postponed|reportée?s?)\s*\]|\b(?:CANCELL?ED|ANNULÉE?S?)\b"
    r"|\b(?:has|have)\s+been\s+(?:cancell?ed|postponed)\b|\ba\s+été\s+(?:annulée?|reportée?)\b"
    # "Friday, June 6: cancelled", « Vendredi 6 juin : opérations annulées », "(postponed)"
    r"|(?i:[:–—]\s*+(?:[^\W\d_]+\s+){0,2}(?:cancell?ed|annulée?s?|postponed|reportée?s?)"
    r"\s*+[.!]?\s*+$|\(\s*+(?:cancell?ed|annulée?s?|postponed|reportée?s?)\s*+\))",
)


def cancelled_lines(lines: list[Line]) -> set[int]:
    """The lines of struck plans ("[CANCELLED] June 3 …"): no interruption; searched once."""
    return {line.number for line in lines if _CANCELLED.search(line.text)}


def listed_after(texts: list[str], j: int, most: int) -> tuple[list[str], int] | None:
    """The bulleted items from line `j` (one blank line before them allowed), at most `most`,
    and the index of the last one."""
    if j < len(texts) and not texts[j].strip():
        j += 1
    items: list[str] = []
    while j < len(texts) and BULLET.match(texts[j]) and len(items) < most:
        items.append(BULLET.sub("", texts[j], count=1).strip())
        j += 1
    return (items, j - 1) if items else None
