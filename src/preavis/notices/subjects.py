"""Who a sentence says is affected: a small chunker over the predicates of interruption.

English and French say who an interruption touches in a few ways, whatever the notice:

- the subject of an impact predicate: "<NP> will be unavailable | down | offline | read-only |
  interrupted | affected | taken offline", "<NP> will experience brief interruptions",
  « <GN> sera (temporairement) indisponible | inaccessible | hors service | interrompu »;
- the object of a lost access: "access to <NP> will …", "you will not be able to <verb> <NP>",
  "issues logging into <NP>", « l’accès à <GN> », « il ne sera pas possible d’accéder à <GN> »;
- what an event is of: "maintenance | upgrade | outage (of | on | to | for) <NP>", "we will be
  upgrading | migrating | performing maintenance on <NP>", « (interruption | maintenance | mise à
  jour | panne | coupure) (de | du | des) <GN> ».

A noun phrase is cut at its determiners and possessives, at a relative clause, at "due to",
"for", "while", « pendant », « en raison de » and at the window itself; "A, B and C" is three
names. What is said not to be affected ("will not be affected", "remains available") names no
one. Catalogue names found in the clause win over all of this (`in_catalogue`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from preavis.notices import coordination
from preavis.notices.datelines import undateline
from preavis.notices.ocr import fold
from preavis.notices.reported import unreport
from preavis.notices.text import BULLET, OPENING, Line

WINDOW = "\x01"  # stands for the window's own text inside a clause

_MODS = (
    r"(?:\s+(?:also|temporarily|briefly|likely|still|then|not|be|become|go|goes|remain|remains"
    r"|completely|fully|partially|intermittently|totally|mostly|all|both|expected\s+to|going\s+to"
    r"|aussi|également|temporairement|complètement|totalement|partiellement|momentanément|ainsi"
    r"|donc|alors|être|pas|probablement|[^\W\d_]{4,}ment|[^\W\d_]{4,}ly))*"
)
_DOWN_EN = (
    r"(?:unavailable|down|offline|off-line|inaccessible|unreachable|read-only|read\s+only"
    r"|not\s+(?:be\s+)?(?:available|accessible|working|operational|reachable)|interrupted"
    r"|affected|impacted|impaired|disrupted|suspended|closed|out\s+of\s+service|degraded"
    r"|taken\s+(?:offline|down|out\s+of\s+service)|shut\s+down|(?:brought|turned|switched|cut)\s+off"
    r"|experiencing\b|experience\b|undergo(?:ing)?\b|unable\b|upgraded|migrated|replaced"
    r"|restarted|rebooted|updated|patched)"
)
# The verb group that follows a subject: "will (also) be (temporarily) unavailable".
PREDICATE_EN = re.compile(
    rf"\s+(?:will|would|may|might|could|shall|should|is|are|was|were|can|won['’]t)\b{_MODS}"
    rf"\s+{_DOWN_EN}"
    r"|\s+(?:goes|go|went)\s+(?:down|offline)\b",
    re.IGNORECASE,
)
_DOWN_FR = (
    r"(?:indisponibles?|inaccessibles?|hors\s+(?:service|ligne|d['’]usage)|interrompue?s?"
    r"|non\s+(?:disponibles?|accessibles?|fonctionnel(?:le)?s?)|fermée?s?|suspendue?s?"
    r"|coupée?s?|touchée?s?|affectée?s?|perturbée?s?|impactée?s?"
    r"|en\s+panne|mise?s?\s+(?:hors|à\s+jour|à\s+niveau)|arrêtée?s?|ralentie?s?|dégradée?s?"
    r"|(?P<avail>disponibles?|accessibles?|fonctionnel(?:le)?s?|offerte?s?))"
)
PREDICATE_FR = re.compile(
    rf"\s+(?:ne\s+|n['’]\s*)?(?:sera|seront|est|sont|serait|seraient|pourrait|pourraient|pourra"
    rf"|pourront|va|vont|devrait|devraient|restera|resteront)\b{_MODS}\s+{_DOWN_FR}"
    r"|\s+(?:subira|subiront|connaîtra|connaîtront)\s+(?:une?\s+|des\s+)?(?:\w+\s+)?"
    r"(?:interruptions?|pannes?|coupures?|maintenance|mise\s+à\s+jour)",
    re.IGNORECASE,
)
# Said not to be touched: no one named here is interrupted.
NEGATED = re.compile(
    r"\b(?:not|never|n['’]t)\s+(?:be\s+)?(?:affected|impacted|interrupted|disrupted|impaired)"
    r"|\bunaffected\b|\bne\s+(?:sera|seront|devrait|devraient)\s+pas\s+(?:\w+\s+)?(?:touchée?s?"
    r"|affectée?s?|interrompue?s?|perturbée?s?|impactée?s?)"
    r"|\b(?:remains?|remain|stays?|stay|continues?\s+to\s+be|restera|resteront|demeurera"
    r"|demeureront|reste|restent)\s+(?:fully\s+|pleinement\s+)?(?:available|accessible|open"
    r"|online|operational|disponibles?|accessibles?|ouverte?s?|en\s+ligne)\b"
    r"|\bnot\s+(?:be\s+)?(?:affect|impact|interrupt)\b|\bwill\s+not\s+(?:affect|impact)\b"
    r"|\bn['’](?:affectera|affecteront|aura\s+aucun\s+impact)",
    re.IGNORECASE,
)
# The object of what is lost: "access to X", "unable to log into X", « accéder à X ».
OBJECT = re.compile(
    r"\b(?:access\s+to|accès\s+(?:à\s+la|à\s+l['’]|au|aux|à))\s*"
    r"|\b(?:not\s+be\s+able\s+to|be\s+unable\s+to|unable\s+to|cannot|can['’]t|can\s+not"
    r"|won['’]t\s+be\s+able\s+to|will\s+not\s+be\s+possible\s+to|impossible\s+to)\s+"
    r"(?:(?:log|sign)\s+(?:in|on)(?:\s*to)?|log\s+into|connect\s+to|get\s+(?:in)?to|[a-z]+)\s+"
    r"(?:(?:in|into|to|on|for|with|from)\s+)?"
    r"|\b(?:issues?|problems?|difficult(?:y|ies)|errors?)\s+(?:logging\s+in(?:to)?|signing\s+in(?:to)?"
    r"|logging\s+on\s+to|accessing|using|connecting\s+to|with|reaching)\s+"
    r"|\b(?:ne\s+sera\s+pas\s+possible|ne\s+pourr(?:ez|ont|a|ons)\s+pas|impossible)\s+"
    r"(?:de\s+|d['’]\s*)?(?:(?:se\s+connecter|accéder|avoir\s+accès)\s+(?:à\s+la|à\s+l['’]|au|aux|à"
    r"|sur)\s*|[^\W\d_]+\s+)"
    r"|\b(?:affecting|impacting|touchant|affectant)\s+"
    # "there will be no access to X", "residents will be without water", « privés d’électricité »
    r"|\b(?:be|remain|go)\s+without\s+(?:(?:any|their|the)\s+)?"
    r"|\b(?:privée?s?|sans)\s+(?:d['’]\s*|de\s+(?:la\s+|l['’]\s*)?|du\s+|des\s+)"
    # "we will take X offline": what is taken down, up to the particle
    r"|\b(?:take|taking|took|put|putting|bring|bringing|shut|shutting)\s+(?=[^.;:!?]{2,120}?"
    r"\s+(?:offline|off-line|down|out\s+of\s+service)\b)",
    re.IGNORECASE,
)
# What an event is of: "maintenance on X", « interruption du service d’eau », "upgrading X".
OF_EVENT = re.compile(
    r"\b(?:maintenance|upgrades?|updates?|outages?|downtime|migration|interruptions?"
    r"|disruptions?|shutdown|closure|work|works|changes?|reboot|restart)\s+(?:work\s+)?"
    r"(?:of|on|to|for|affecting)\s+"
    r"|\b(?:upgrading|migrating|updating|patching|rebooting|replacing|restarting|moving"
    r"|performing\s+(?:\w+\s+){0,2}?(?:maintenance|work|upgrades?)\s+(?:on|to|of)"
    r"|(?:carrying\s+out|doing)\s+(?:\w+\s+){0,2}?(?:maintenance|work)\s+on)\s+"
    r"|\b(?:interruptions?|maintenance|mises?\s+à\s+(?:jour|niveau)|pannes?|coupures?|arrêts?"
    r"|fermetures?|travaux|migration|intervention|entretien)\s+(?:temporaire\s+|planifiée?\s+"
    r"|prévue?\s+|complète\s+|totale\s+|partielle\s+|programmée?\s+|majeure\s+|annuel(?:le)?\s+"
    r"|préventi(?:f|ve)\s+|périodique\s+|régulier\s+|mensuel(?:le)?\s+|hebdomadaire\s+)?"
    r"(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*|sur\s+(?:le|la|les|l['’])\s*)",
    re.IGNORECASE,
)
# Where a noun phrase read forward stops.
_NP_END = re.compile(
    r"\s*(?:(?<!\b[A-Z])\.(?!\w)|[;:!?\x01|])|\s+[–—-]\s|\s+(?:s['’]|se\s|ne\s|n['’])|(?<!\bde)(?<!\bà)(?<!\bsur)(?<!\bpar)(?<!\bpour)\s+(?:le|la|les)\s"
    r"|\s+(?:that|which|who|whose|where|qui|dont|où|due\s+to|for|while|during|pendant|durant"
    r"|en\s+raison|because|afin|in\s+order|so\s+that|until|jusqu|from|between|entre|starting"
    r"|suite\s+à|à\s+la\s+suite|following|à\s+compter|à\s+cause"
    r"|beginning|à\s+partir|dès|as\s+of|at|on|in|will|is|are|may|sera|seront|est|sont|pour|ont"
    r"|avait|avaient|has|have|had|was|were|par|by|when|lorsque|quand|if|si|with|avec|sur|dans|et\s+(?:ce|qui|pour)|lors|le\s+\d"
    r"|ce|cette|today|tonight|tomorrow|this|next|aujourd|demain|ainsi|afin)\b",
    re.IGNORECASE,
)
# Where a noun phrase read backward (a subject) starts: after the last of these.
_NP_START = re.compile(
    r"(?<!\bto)(?<!\bof)(?:^|\s)(?:that|which|when|if|while|because|so|then|but|and\s+then|where|once|as"
    r"|after|before|whereas|since|lorsque|quand|si|puisque|car|mais|donc|alors|puis|ainsi"
    r"|où|dont|que|qu['’]|et\s+(?:puis|donc|alors))\s",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:[\s,–—-]+|(?:and|et|also|so|thus|then|hence|therefore|as\s+a\s+result|ainsi|donc"
    r"|alors|puis|de\s+plus|en\s+outre|par\s+conséquent|please\s+note|note|notez|veuillez\s+noter"
    r"|moreover|however|furthermore|additionally|in\s+addition|toutefois|cependant|néanmoins"
    r"|par\s+ailleurs|enfin|besides|meanwhile|finally|a\s+result|such|consequently)"
    r"\b,?\s*|(?:access\s+to|l['’]accès\s+(?:à\s+la|à\s+l['’]|au|aux|à)|parts?\s+of(?:\s+the)?"
    r"|a\s+(?:portion|part"
    r"|number|few)\s+of(?:\s+the)?|une\s+(?:partie|portion)\s+(?:de\s+la|de\s+l['’]|du|des|de)"
    r"|(?:the|a|an|our|your|their|its|his|her|this|these|those|all(?:\s+of)?(?:\s+the)?"
    r"|some(?:\s+of)?(?:\s+the)?|many(?:\s+of)?(?:\s+the)?|most(?:\s+of)?(?:\s+the)?|several"
    r"|certain|each|every|any|both|either|les|le|la|un|une|des|nos|notre|vos|votre|leurs?|ses|sa"
    r"|son|ces|cet|cette|ce|tous\s+les|toutes\s+les|tout\s+le|toute\s+la|certaine?s|plusieurs"
    r"|chaque|l['’]|[A-Z][\w.&-]*['’]s)\b\s*|l['’]\s*))",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"(?:\s+(?:also|too|aussi|également|as\s+well|itself|alone|themselves|ne|n['’]|nocturnes?"
    r"|diurnes?|préventives?|programmée?s?|planifiée?s?|temporaires?|partielles?|totales?"
    r"|momentanée?s?|ponctuelles?|prévue?s?|nightly|overnight|planned|scheduled|temporary))+\s*$"
    r"|[\s,–—-]+$",
    re.IGNORECASE,
)
_EXAMPLES = re.compile(
    r"(?:,\s*|\s+)(?:including|such\s+as|notamment|tels?\s+que|telles?\s+que|y\s+compris|like"
    r"|namely|e\.g\.,?|i\.e\.,?)\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*[,;]\s*(?:(?:and|et|or|ou|&)\s+)?|\s+(?:and|et|or|ou|&)\s+", re.I)
_SOFT_AND = re.compile(r"\s+(?:and|et|&)\s+", re.IGNORECASE)
_PEOPLE = (
    r"(?:users?|customers?|clients?|utilisateurs?|utilisatrices?|people|personnes|staff"
    r"|employees|residents?|résidents?|citoyens?|citizens?|students?|étudiants?|passengers?"
    r"|visitors?|members?|membres?|patrons?|usagers?|abonnés?|subscribers?|clientèle|public"
    r"|population|everyone|tout\s+le\s+monde|crews?|workers?|technicians?|contractors?"
    r"|équipes?|techniciens?|monteurs?|ouvriers?|entrepreneurs?)"
)
_NOT_SERVICE = re.compile(
    r"^(?:we|you|i|us|it|they|he|she|nous|vous|je|il|elle|ils|elles|on|ce|cela|ceci|this|that"
    r"|there|these|those|everything|nothing|tout|rien|other|others|autres?|remaining|rest$|etc"
    r"|no|aucune?|nul(?:le)?|following|suivante?s)\b|\b(?:following|suivante?s)$"
    rf"|(?:^|\s){_PEOPLE}$"
    # a field's label, not a name: "Impact:", "Description", "Ticket Number"
    r"|^(?:impact|description|status|statut|reason|raison|details?|détails?|summary|résumé"
    r"|location|lieu|duration|durée|type|risk|risque|scope|portée|notes?|update|mise\s+à\s+jour"
    r"|ticket(?:\s+number)?|estimated\s+[\w\s]+time|action\s+required|contact|subject|objet"
    r"|date|time|heure|start|end|début|fin)$",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8
EXAMPLE = "\x03"  # marks a name given as an example ("including A and B"), not a list


@dataclass(frozen=True, slots=True)
class Subject:
    """A name a clause says is affected, how it was found, and whether the clause denies it."""

    name: str
    how: str  # "subject", "example" (after "including"), "object", "event"
    negated: bool = False


def chunk(clause: str, generic: Iterable[str] = ()) -> list[Subject]:
    """The names a clause says are affected, in order; the window is `WINDOW` in it.

    The subject of an impact predicate first; then the object of a lost access; then what an
    event is of. The first kind that finds a name wins."""
    skip = {g.casefold() for g in generic}
    for how, finder in (("subject", _subjects), ("object", _objects), ("event", _events)):
        found: list[Subject] = []
        for names, negated in finder(clause):
            for marked in names:
                kind = "example" if marked.startswith(EXAMPLE) else how
                name = marked.removeprefix(EXAMPLE)
                if name and name.casefold() not in skip and nameable(name):
                    found.append(Subject(name, kind, negated))
        if found:
            return _unique(found)
    return []


def every_name(clause: str) -> list[Subject]:
    """Every name the clause offers, of every kind (subjects, examples, objects, events), for
    the ranking of candidates (notices/ranking.py); `chunk` keeps the first kind only. The
    subject of "X is undergoing an upgrade" is offered too, beside what the upgrade is of."""
    found: list[Subject] = []
    for how, finder in (("subject", _both), ("object", _objects), ("event", _events)):
        for names, negated in finder(clause):
            for marked in names:
                kind = "example" if marked.startswith(EXAMPLE) else how
                name = marked.removeprefix(EXAMPLE)
                if name and nameable(name):
                    found.append(Subject(name, kind, negated))
    return _unique(found)


def _both(clause: str) -> Iterable[tuple[list[str], bool]]:
    return _subjects(clause, both=True)


def _unique(found: list[Subject]) -> list[Subject]:
    seen: set[str] = set()
    out = []
    for one in found:
        key = fold(one.name)
        if key not in seen:
            seen.add(key)
            out.append(one)
    return out


def _subjects(clause: str, both: bool = False) -> Iterable[tuple[list[str], bool]]:
    for predicate in (PREDICATE_EN, PREDICATE_FR):
        at = 0
        for match in predicate.finditer(clause):
            before = clause[at : match.start()]
            at = match.end()
            said = match.group(0)
            negated = NEGATED.search(clause[match.start() : match.end() + 40]) is not None
            if match.groupdict().get("avail") and not re.search(r"\bpas\b", said):
                if not re.search(r"\b(?:rest|demeur)", said, re.IGNORECASE):
                    continue  # « sera disponible »: said available, no one is cut
                negated = True
            if _BY.match(clause, match.end()):
                continue  # "your property could be affected by a water interruption": the event
            event = OF_EVENT.search(clause, match.end() - 12, match.end() + 60)
            if event is not None and re.search(r"undergo", said, re.IGNORECASE):
                # "X is undergoing an upgrade to its booking system": what the event is of
                yield _names(forward(clause[event.end() :])), negated
                if not both:
                    continue
            hard = list(_HARD.finditer(before))
            segment = before[hard[-1].end() :] if hard else before
            if _SUBORDINATE.match(segment) and "," not in segment:
                continue  # "When that switch is rebooted": a condition, not an announcement
            starts = list(_NP_START.finditer(segment))
            raw = segment[starts[-1].end() :] if starts else segment
            if starts and _RELATIVE.fullmatch(starts[-1].group(0).strip()) and not _LEAD.match(raw):
                if both:  # "Did you know that X will be …": "that" may open a complement
                    yield _names(_opening(raw)), negated
                # "The API that serves partners will be …": the relative clause's antecedent
                head = segment[: starts[-1].start()]
                inner = list(_NP_START.finditer(head))
                raw = head[inner[-1].end() :] if inner else head
            raw = _opening(raw)
            if _EXAMPLES.search(raw):  # "most services, including A and B": examples only
                yield [f"{EXAMPLE}{n}" for n in _names(raw)], negated
            else:
                yield _names(raw), negated
            also = _AS_WELL.match(clause, match.end())
            if also is not None:  # "X will be down as well as Y and Z"
                yield _names(forward(clause[also.end() :])), negated


def predicate_end(text: str, start: int) -> int:
    """The end of the first impact predicate after `start` (the text's end if none)."""
    ends = [m.end() for p in (PREDICATE_EN, PREDICATE_FR) if (m := p.search(text, start))]
    return min(ends) if ends else len(text)


_RELATIVE = re.compile(r"that|which|who|qui|dont|que|qu['’]", re.IGNORECASE)
_AS_WELL = re.compile(
    r"\s*,?\s*(?:as\s+well\s+as|along\s+with|together\s+with|ainsi\s+que|de\s+même\s+que)\s+",
    re.IGNORECASE,
)
_TAKE = ("take", "taking", "took", "put", "putting", "bring", "bringing", "shut")
_TAKEN = re.compile(r"\s+(?:offline|off-line|down|out\s+of\s+service)\b", re.IGNORECASE)
_BY = re.compile(r"\s+(?:by|par)\b", re.IGNORECASE)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")  # "alpha.example.org": printed as it is
_HARD = re.compile(r"\.(?![^\W_])|[;:!?|\x01]")  # "|": a cell ends there; "bct.gov.tn" does not
_SUBORDINATE = re.compile(
    r"^[\s,]*(?:when|if|once|after|before|while|whereas|since|until|unless|as\s+soon\s+as"
    r"|lorsque|lorsqu['’]|quand|si|s['’]|puisque|dès\s+que|une\s+fois\s+que|pendant\s+que"
    r"|tant\s+que|avant\s+que|après\s+que)\b",
    re.IGNORECASE,
)


def _opening(raw: str) -> str:
    raw = unreport(undateline(raw))  # « Québec, le 3 juin 2025 – », "Officials said the X …"
    for _ in range(3):
        stripped = _BECAUSE.sub("", OPENING.sub("", raw.strip(), count=1), count=1)
        if stripped == raw.strip():
            break
        raw = stripped
    # "On Monday, US:IT Staff …", "In the evening, X …": a leading circumstance with a comma.
    raw = raw.strip()
    lead = _CIRCUMSTANCE.match(raw)
    if lead is not None and (DATE_LIKE.search(lead.group(0)) or re.search(r"[\d\x01]", lead[0])):
        return raw[lead.end() :]
    return raw


_BECAUSE = re.compile(
    r"^(?:because\s+of|since|given|following|owing\s+to|in\s+order\s+to|to\s+ensure|suite\s+à"
    r"|à\s+la\s+suite\s+d|à\s+cause\s+d|en\s+raison\s+d|afin\s+d|pour\s+permettre|compte\s+tenu"
    r"|au\s+lendemain\s+d|as\s+part\s+of|dans\s+le\s+cadre\s+d)[^,]{0,120},\s*",
    re.IGNORECASE,
)
_CIRCUMSTANCE = re.compile(
    r"^(?:on|in|at|le|la|en|au|dès|from|starting|beginning)\b[^,]{0,60},\s*", re.IGNORECASE
)


def _objects(clause: str) -> Iterable[tuple[list[str], bool]]:
    for match in OBJECT.finditer(clause):
        rest = clause[match.end() :]
        taken = _TAKEN.search(rest[:160]) if match.group(0).lower().startswith(_TAKE) else None
        if taken is not None:
            rest = rest[: taken.start()]
        yield _names(forward(rest)), NEGATED.search(clause[: match.start()][-60:]) is not None


def _events(clause: str) -> Iterable[tuple[list[str], bool]]:
    for match in OF_EVENT.finditer(clause):
        yield _names(forward(clause[match.end() :])), False
    for match in MODIFIER.finditer(clause):  # "a water service interruption"
        yield _names(match.group("np")), False


# "<NP> interruption|outage|shutdown": English puts what is cut before the event's noun.
MODIFIER = re.compile(
    r"\b(?:an?|the|any|no|this|our|your)\s+(?P<np>(?:(?!(?:planned|scheduled|brief|short|temporary"
    r"|emergency|unplanned|full|partial|possible|extended|major|minor|routine|weekly|nightly"
    r"|overnight)\b)[\w’'./-]+\s+){1,3}?)(?:interruption|outage|shutdown|shut-off|shutoff"
    r"|disruption|blackout|downtime)s?\b",
    re.IGNORECASE,
)


def forward(rest: str) -> str:
    """A noun phrase read forward: up to the first word that ends it."""
    end = _NP_END.search(rest)
    return rest[: end.start()] if end else rest[:120]


def _names(raw: str) -> list[str]:
    """One name per coordinated part of a noun phrase, cleaned; [] when it is not one."""
    raw = " ".join(raw.split())
    example = _EXAMPLES.search(raw)
    if example is not None:  # "web services, including A, B and C": the examples
        raw = raw[example.end() :]
    raw = cut(raw)
    parts = [undate(p) for p in coordination.members(raw) or _split(raw) if p.strip(" ,.;")]
    dated = [k for k, part in enumerate(parts) if not part or DATE_LIKE.search(part)]
    if dated:  # "June 30, the Banner system": a date before the subject, not a list
        parts = parts[dated[-1] + 1 :]
    out = []
    for part in parts:
        if _OTHER.match(part):  # "Box, Zoom and other SAML services": the rest is unnamed
            break
        name = _clean(part)
        if name:
            out.append(name)
    return out


DATE_LIKE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars|avril|mai"
    r"|juin|juillet|août|septembre|octobre|novembre|décembre)\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:er)?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre|jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?"
    r"|sept(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|^\s*(?:lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche)\b|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\b\d{1,2}\s*h\s*\d{0,2}\b"
    r"|\b\d{1,2}:\d\d\b",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(
    r"^\s*(?:(?:this|next|last|on|ce|cette|le|la)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|today|tonight|tomorrow|aujourd['’]hui"
    r"|demain|ce\s+soir)\b(?:,?\s+(?:\d{1,2}(?:er)?\s+[^\W\d_]+|[^\W\d_]+\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?))?(?:,?\s+\d{4})?\s*,?\s*",
    re.IGNORECASE,
)


def undate(part: str) -> str:
    """A noun phrase without the date said before it: "Saturday the print room" → "the print
    room"; "" when it was only a date."""
    cut = _DATE_PREFIX.sub("", part, count=1)
    return "" if DATE_LIKE.fullmatch(cut.strip(" ,")) else cut


_OTHER = re.compile(r"^\s*(?:(?:and|et|or|ou)\s+)?(?:other|others|autres?|etc)\b", re.IGNORECASE)


_POST = re.compile(
    r"(?<!\bto)(?<!\bof)\s+(?:that|which|who|whose|qui|dont|due\s+to|for\s+(?=(?:about|around|approx|up\s+to|over|more|less|at\s+least|several|a|an|some|all"
    r"|any|this|that|these|those|its|our|your|their|\d|one|two|three|four|five|six|maintenance|upgrades?"
    r"|repairs?|(?:new\s+|existing\s+)?(?:customers|users|clients|members)|staff|students|employees|everyone|the\s+(?:duration|rest"
    r"|time|period|public|next|first|entire|whole))\b|[^\W\d_]+\s+(?:hours?|minutes?|days?|nights?"
    r"|weeks?)\b)|while|during|pendant|durant|en\s+raison|because|afin|in\s+order|so\s+that|until|jusqu"
    r"|between|entre|to\s+the\s+(?:campus|public|community|users?)|to\s+(?:all\s+)?users"
    r"|aux\s+(?:usagers|utilisateurs|clients|citoyens)|pour\s+(?:les|tous|toutes|l['’]ensemble))"
    r"\b.*$",
    re.IGNORECASE,
)


def cut(raw: str) -> str:
    return _POST.sub("", raw)


def _split(raw: str) -> list[str]:
    """ "A, B and C" is three names; "A and B" is two only when B is named like A (a capital, a
    determiner): "Billing and payments" stays one name."""
    depth, pieces, current = 0, [], ""
    for ch in raw:  # commas inside brackets do not split
        depth += ch == "("
        depth -= ch == ")"
        current += "\x02" if ch == "," and depth > 0 else ch
    parts = _SPLIT.split(current) if ("," in current or ";" in current) else None
    if parts is None:
        halves = _SOFT_AND.split(current)
        two = len(halves) == 2 and " for " in halves[0] and len(halves[1].split()) > 1
        if coordination.one_complement(halves):  # « vers l’A-20 et la R-132 »: one name
            parts = [current]
        elif len(halves) > 1 and (
            two or all(h[:1].isupper() or _LEAD.match(h) for h in halves[1:])
        ):
            parts = halves
        else:  # « bureaux de Québec et de Lévis »: two names sharing their head
            parts = coordination.shared_head(halves) or [current]
    for part in parts:
        pieces.append(part.replace("\x02", ","))
    return pieces


def trim(name: str) -> str:
    """A name without the qualifiers of its event after it ("eau nocturnes" → "eau")."""
    return _TRAIL.sub("", name).strip(" .,;:")


def _clean(part: str) -> str:
    name = part.strip(" \t.,;:–—-\"“”«»'")
    for _ in range(4):
        stripped = _LEAD.sub("", name, count=1)
        if stripped == name:
            break
        name = stripped
    name = _TRAIL.sub("", name).strip(" .,;:")
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].strip()
    return name if _DOMAIN.fullmatch(name) else name[:1].upper() + name[1:]


def nameable(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and not _NOT_SERVICE.match(name)
        and re.search(r"[^\W\d_]{2}", name) is not None
        and WINDOW not in name
        and _EVENT_HEAD.match(name) is None
        and not (name.startswith("(") and name.endswith(")"))  # "(ET)": an aside
    )


_EVENT_HEAD = re.compile(
    r"^(?:maintenance|entretien|travaux|works?|upgrades?|updates?|outages?|downtime|interruptions?"
    r"|coupures?|pannes?|mises?\s+à\s+(?:jour|niveau)|intervention)\b(?!\s+(?:portal|portail"
    r"|system|système|app|application|site|request|requests))",
    re.IGNORECASE,
)


# --- the clause that holds a window (initials, "N.M. X", end no sentence) --------------


_BREAK = re.compile(r"(?<=[.!?;])(?<![\s.(][A-Z]\.)\s+(?=[^\W\d_]|[«\"“(*])|\n\s*\n|(?<=:)\s*\n")


_LINE_MAX = 1500


def clause_at(
    lines: list[Line], span: tuple[int, int, int, int], limit: int = 12, whole: bool = False
) -> str:
    """The sentence holding the window printed at `span` (line, column, end line, end column),
    with the window replaced by `WINDOW`; "" when the span is not in `lines`. With `whole`, the
    paragraph that holds it."""
    first, last = _index(lines, span[0]), _index(lines, span[2])
    if first is None or last is None:
        return ""
    top = first
    while (
        top > 0
        and first - top < limit
        and lines[top - 1].text.strip()
        and not BULLET.match(lines[top].text)
        and not _heading_above(lines[top - 1].text, lines[top].text)
    ):
        top -= 1
    bottom = last
    while (
        bottom + 1 < len(lines)
        and bottom - last < limit
        and lines[bottom + 1].text.strip()
        and not BULLET.match(lines[bottom + 1].text)
    ):
        bottom += 1
    while bottom > last and _heading_above(
        lines[bottom].text, lines[bottom + 1].text if bottom + 1 < len(lines) else "X"
    ):
        bottom -= 1
    parts: list[str] = []  # each line clipped to _LINE_MAX characters around the window
    begin = 0
    for k in range(top, bottom + 1):
        line = lines[k].text
        if k < first:
            parts.append(line[-_LINE_MAX:])
        elif k == first:
            parts.append(line[max(0, span[1] - 1 - _LINE_MAX) : span[1] - 1])
            begin = sum(len(p) + 1 for p in parts) - 1
            parts[-1] += WINDOW
            if _stop_inside(lines, last, span[3]):  # the window took its sentence's full stop
                parts[-1] += "."
            if k == last:
                parts[-1] += line[span[3] - 1 : span[3] - 1 + _LINE_MAX]
        elif k == last:
            parts.append(line[span[3] - 1 : span[3] - 1 + _LINE_MAX])
        elif k > last:
            parts.append(line[:_LINE_MAX])
    text = "\n".join(parts)
    if whole:
        return " ".join(text.split())
    start = 0
    for brk in _BREAK.finditer(text, 0, begin):
        start = brk.end()
    end = _BREAK.search(text, begin + 1)
    sentence = text[start : end.start() if end else len(text)]
    return BULLET.sub("", " ".join(sentence.split()), count=1)


def _stop_inside(lines: list[Line], last: int, end: int) -> bool:
    """Whether a window ending at column `end` of line `last` ends its sentence with the stop it
    took ("… to 4/6/2025 @ 5pm." and a new sentence or line after), unlike "5 p.m. the portal"."""
    text = lines[last].text
    if end < 2 or text[end - 2 : end - 1] not in (".", "!", "?"):
        return False
    rest = text[end - 1 :].strip()
    if not rest and last + 1 < len(lines):
        rest = lines[last + 1].text.strip()
    return not rest or rest[0].isupper() or rest[0].isdigit()


def _index(lines: list[Line], number: int) -> int | None:
    """The index of the line numbered `number` (numbers increase): a binary search."""
    k = bisect_left(lines, number, key=lambda line: line.number)
    return k if k < len(lines) and lines[k].number == number else None


def _heading_above(above: str, line: str) -> bool:
    """A short line with no closing punctuation over a line that starts with a capital: a
    heading ("Description") or a label, not the start of the sentence."""
    above = above.strip()
    return (
        len(above) < _SHORT
        and not above.endswith((",", ";", "-", "–"))
        and line.lstrip()[:1].isupper()
    )


_SHORT = 40
