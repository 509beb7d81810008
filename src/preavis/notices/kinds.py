"""Services implied by the kind of notice.

A water cut, a power outage, a network shutdown or a bridge closure often never prints the
name of what is interrupted as a subject: « Il y aura une coupure d’eau le 3 mai … », "A power
outage is planned Saturday from 7 a.m. to 3 p.m.", « le pont X sera fermé ». The kind of
notice says it: the utility (water, power, gas, the network, the Internet) or the thing a
closure names (a bridge, a road, a line). This module holds that small bilingual lexicon; a
name found here is inferred, so the reader marks its rows weak (a warning) and never uses it
over a service name printed in the clause (notices/naming.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_D = r"(?:d['’]\s*|de\s+l['’]\s*|de\s+la\s+|du\s+|de\s+|des\s+|en\s+)"  # « d’ », « de l’ », « du »
_CUT_FR = r"(?:coupures?|interruptions?|pannes?|arrêts?|fermetures?|suspensions?|privée?s?)"
_CUT_EN = r"(?:outages?|shut-?downs?|shut-?offs?|interruptions?|disruptions?|cuts?|failures?)"
_SERVICE_FR = r"(?:(?:volontaires?|temporaires?|planifiée?s?|prévues?|complète?s?)\s+)?"
_SERVICE_FR += r"(?:(?:du|de)\s+(?:service|réseau)\s+)?"


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of interruption: the words that announce it and what it interrupts."""

    what: str  # "water", "power", "gas", "network", "internet"
    fr: str  # the name a French notice's row takes
    en: str  # the name an English notice's row takes
    cues_fr: re.Pattern[str]
    cues_en: re.Pattern[str]


def _fr(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


def _en(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


KINDS: tuple[Kind, ...] = (
    Kind(
        "water",
        "eau",
        "water",
        _fr(
            rf"{_CUT_FR}\s+{_SERVICE_FR}{_D}eau\b",
            rf"(?:distribution|alimentation|approvisionnement|service)\s+{_D}eau\b",
            r"eau\s+potable\b",
            r"(?:réseau|conduite|service)s?\s+d['’]\s*aqueduc\b",
            r"aqueduc\b",
            r"sans\s+eau\b",
        ),
        _en(
            rf"water\s+(?:service\s+|main\s+|supply\s+)?{_CUT_EN}",
            r"water\s+main\s+(?:break|repair|work)s?",
            r"(?:without|no)\s+(?:running\s+)?water",
            r"shut(?:ting)?\s+off\s+(?:the\s+)?water",
            r"water\s+will\s+be\s+(?:shut|turned)\s+off",
        ),
    ),
    Kind(
        "power",
        "électricité",
        "power",
        _fr(
            rf"{_CUT_FR}\s+{_SERVICE_FR}{_D}(?:courant|électricité)\b",
            rf"{_CUT_FR}\s+{_SERVICE_FR}électriques?\b",
            r"(?:alimentation|distribution)\s+électrique\b",
            r"(?:alimentation|distribution)\s+en\s+électricité\b",
            r"hors\s+tension\b",
            r"délestages?\b",
            r"hydro-québec\b",
            r"enedis\b",
        ),
        _en(
            rf"(?:electrical\s+|electric\s+)?power\s+(?:service\s+)?{_CUT_EN}",
            rf"electrical\s+(?:service\s+)?{_CUT_EN}",
            r"electricity\s+(?:will\s+be\s+)?(?:off|cut|interrupted)",
            r"without\s+(?:electrical\s+|electric\s+)?(?:power|electricity)",
            r"power\s+will\s+be\s+(?:shut|turned)\s+off",
            r"de-?energi[sz]ed",
        ),
    ),
    Kind(
        "gas",
        "gaz",
        "gas",
        _fr(rf"{_CUT_FR}\s+{_SERVICE_FR}{_D}gaz\b", r"(?:alimentation|distribution)\s+en\s+gaz\b"),
        _en(rf"(?:natural\s+)?gas\s+(?:service\s+)?{_CUT_EN}", r"without\s+gas"),
    ),
    Kind(
        "internet",
        "Internet",
        "Internet",
        _fr(rf"{_CUT_FR}\s+{_SERVICE_FR}{_D}?internet\b", r"sans\s+internet\b"),
        _en(rf"internet\s+(?:service\s+|access\s+)?{_CUT_EN}", r"without\s+internet"),
    ),
    Kind(
        "network",
        "réseau",
        "network",
        _fr(rf"{_CUT_FR}\s+(?:du\s+|de\s+)?réseau\s+(?:informatique|internet)\b"),
        _en(
            rf"network\s+(?:service\s+)?(?:{_CUT_EN}|downtime)",
            r"network\s+will\s+be\s+(?:shut\s+down|down|unavailable|offline)",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Implied:
    """A service implied by the kind of notice, and the words that imply it."""

    name: str
    cue: str


def implied(text: str) -> Implied | None:
    """The service the kind of notice implies in `text` (a clause or a title), named in the
    language of the words that imply it; the first cue printed wins. None when no kind's words
    are printed."""
    best: tuple[int, Implied] | None = None
    for kind in KINDS:
        for pattern, name in ((kind.cues_fr, kind.fr), (kind.cues_en, kind.en)):
            found = pattern.search(text)
            if found is not None and (best is None or found.start() < best[0]):
                best = (found.start(), Implied(name, " ".join(found.group(0).split())))
    return None if best is None else best[1]


# --- closures: the bridge, road or line a closure names -------------------------------------

_THING_FR = r"(?i:pont|tunnel|bretelle|autoroute|route|rue|boulevard|boul\.|avenue|chemin|ligne)"
_NAME = r"(?:[A-ZÀ-Þ0-9][\w’'.-]*)(?:[\s-](?:de\s+la\s+|du\s+|des\s+|de\s+)?[A-ZÀ-Þ0-9][\w’'.-]*)*"
_VEHICLE_FR = r"(?:trains?|autobus|bus|métros?|tramways?|trams?|navettes?|traversiers?)"
_RUN_FR = r"(?:circulera|circuleront|roulera|rouleront|passera|passeront|desservira)"
_STRETCH_FR = (
    r"(?:(?:le|la|l['’])\s*(?:(?:tronçon|portion|section|partie)(?:\s+(?:principale?|central[e]?"
    r"|ouest|est|nord|sud))?\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*)?|les?\s+|du\s+)"
)
_CLOSURE_FR = re.compile(
    r"\b(?i:(?:fermeture|entrave)s?\s+(?:complètes?\s+|partielles?\s+|totales?\s+)?(?:du|de\s+la"
    rf"|de\s+l['’]|des)\s+)(?P<a>{_THING_FR}\s+{_NAME})"
    rf"|\b(?i:le|la|l['’])\s*(?P<b>{_THING_FR}\s+{_NAME})\s+(?:sera|seront)\s+"
    r"(?:complètement\s+|entièrement\s+|partiellement\s+)?(?:fermée?s?|interrompue?s?)\b"
    rf"|\b(?i:le|la|l['’])\s*(?P<c>{_THING_FR}\s+{_NAME})\s+ne\s+(?:circulera|fonctionnera)\s+pas\b"
    # « aucun train ne circulera sur (le tronçon principal de) la ligne 2 / du RER A »
    rf"|\b(?i:aucun(?:e)?\s+{_VEHICLE_FR}\s+ne\s+{_RUN_FR}\s+(?:sur|dans)\s+{_STRETCH_FR}?)"
    rf"(?P<d>(?:{_THING_FR}\s+)?{_NAME})",
)
_THING_EN = r"(?:Bridge|Tunnel|Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Highway|Line)"
_CLOSURE_EN = re.compile(
    rf"\b(?i:closures?|closing)\s+of\s+(?:the\s+)?(?P<a>{_NAME}\s+{_THING_EN})"
    rf"|\b(?P<b>{_NAME}\s+{_THING_EN})\s+will\s+be\s+(?:fully\s+|completely\s+)?closed\b"
    rf"|\b(?P<c>{_NAME}\s+{_THING_EN})\s+(?:will\s+not|won['’]t)\s+(?:run|operate)\b"
    # "no trains will run on (the main section of) the Blue Line"
    r"|\b(?i:no\s+(?:trains?|buses|streetcars?|subway\s+trains?|ferries|shuttles?)\s+will\s+"
    r"(?:run|operate|serve)\s+(?:on|along)\s+(?:the\s+)?(?:(?:main\s+|central\s+)?(?:section"
    rf"|portion|stretch|part)\s+of\s+(?:the\s+)?)?)(?P<d>{_NAME}(?:\s+{_THING_EN})?)",
)


def closed(text: str) -> Implied | None:
    """The bridge, road or transit line a closure clause names (« le pont X sera fermé »,
    « fermeture complète du pont X », « la ligne 1 ne circulera pas », "the X Bridge will be
    closed"), as printed; None when the clause closes nothing it names."""
    for pattern in (_CLOSURE_FR, _CLOSURE_EN):
        found = pattern.search(text)
        if found is not None:
            name = next(g for g in (found["a"], found["b"], found["c"], found["d"]) if g)
            name = re.sub(r"^(?:The|Le|La|L['’])\s*", "", name)
            return Implied(" ".join(name.split()).rstrip(".,"), " ".join(found.group(0).split()))
    return None
