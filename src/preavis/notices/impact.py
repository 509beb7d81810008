"""Reading the impact of a row: unavailable, or limited where the row says part still works."""

from __future__ import annotations

import re
from dataclasses import dataclass

from preavis.domain.interruption import Impact

_A = "['’]"
LABELS: dict[str, Impact] = {
    "indisponible": Impact.UNAVAILABLE,
    "non disponible": Impact.UNAVAILABLE,
    "hors service": Impact.UNAVAILABLE,
    "inaccessible": Impact.UNAVAILABLE,
    "fermé": Impact.UNAVAILABLE,
    "unavailable": Impact.UNAVAILABLE,
    "not available": Impact.UNAVAILABLE,
    "out of service": Impact.UNAVAILABLE,
    "offline": Impact.UNAVAILABLE,
    "down": Impact.UNAVAILABLE,
    "limité": Impact.LIMITED,
    "service limité": Impact.LIMITED,
    "partiellement disponible": Impact.LIMITED,
    "partiel": Impact.LIMITED,
    "dégradé": Impact.LIMITED,
    "limited": Impact.LIMITED,
    "limited service": Impact.LIMITED,
    "partially available": Impact.LIMITED,
    "partial": Impact.LIMITED,
    "degraded": Impact.LIMITED,
}
LABEL = re.compile(
    r"^\s*+[\(\[]?\s*+(?P<label>"
    + "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
    + r")e?s?\s*(?:[\)\]]\s*[:—–\-.,;]?\s*|[:—–\-.,;]\s*|$)",
    re.IGNORECASE,
)

STRONG_LIMITED = re.compile(
    r"\b(?:limitée?s?|partiel(?:le)?s?|partiellement|toujours|reste(?:nt)?\s+(?:disponibles?|"
    r"accessibles?|possibles?|ouverte?s?)|lecture\s+seule|ralentie?s?|dégradée?s?|"
    r"certaines\s+fonction|fonctions\s+réduites|"
    r"limited|partial(?:ly)?|degraded|reduced|still|read-only|read\s+only|remains?\s+"
    r"(?:available|accessible|open)|some\s+features|slower|intermittent(?:ly)?"
    r"|stays?\s+open|may\s+be\s+slow|impaired|(?:issues?|problems?|difficult(?:y|ies))\s+"
    r"(?:logging|signing|accessing|connecting|reaching|using)\b|(?:possible|potential|brief|some)\s+(?:degradation|slowness"
    r"|delays?|disruptions?|interruptions?)|(?:dégradation|lenteurs?|ralentissements?)\s+possibles?"
    r"|possibles?\s+(?:lenteurs?|ralentissements?|perturbations?)"
    r"|only\s+(?:\w+\s+){1,6}(?:will\s+be|is|are|remains?)\s+available"
    r"|seule?s?\s+(?:\w+\s+){1,6}(?:sera|seront|est|sont|resteront|restera)\s+(?:disponibles?"
    r"|accessibles?|offerte?s?))\b",
    re.IGNORECASE,
)
# Words that look limited but say nothing about the impact.
NOT_IMPACT = re.compile(
    r"\bincluding,?\s+but\s+not\s+limited\s+to\b|\bwithout\s+limitation\b"
    r"|\bsans\s+s['’]y\s+limiter\b|\bsans\s+toutefois\s+s['’]y\s+limiter\b"
    r"|\blimited\s+(?:to|number|time)\b|\bstill\s+(?:be\s+)?(?:unavailable|down|offline|closed)\b",
    re.IGNORECASE,
)
_BUT = re.compile(r"\b(?:mais|cependant|toutefois|but|however|although|though)\b", re.IGNORECASE)
_CAN = re.compile(
    rf"(?<!ne\s)(?<!n{_A})\b(?:peut|peuvent|pourra|pourront|est\s+possible|sont\s+possibles|"
    r"can|may|is\s+possible|are\s+possible|will\s+be\s+able)\b(?!\s+(?:pas|not|no)\b)",
    re.IGNORECASE,
)
DOWN = re.compile(
    rf"\b(?:indisponibles?|inaccessibles?|hors\s+(?:service|ligne)|fermée?s?|interrompue?s?|"
    rf"pas\s+(?:disponibles?|accessibles?|offerte?s?|possibles?)|ne\s+\w+\s+pas|n{_A}\w+\s+pas|"
    r"unavailable|not\s+available|inaccessible|offline|closed|out\s+of\s+service|cannot|can't|"
    r"unable|not\s+(?:be\s+)?(?:possible|accessible|offered)|will\s+not|won't|suspended|"
    r"(?:be|is|are|go|goes)\s+down|taken\s+offline|"
    r"suspendue?s?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Verdict:
    impact: Impact
    sure: bool
    reason: str


def label(text: str) -> tuple[Impact | None, str]:
    """An explicit impact label at the start of `text` ("Limité : …"), and the text after it."""
    match = LABEL.match(text)
    if match is None:
        return None, text
    word = match.group("label").lower()
    return LABELS[word], text[match.end() :]


def classify(text: str, hint: Impact | None = None) -> Verdict:
    """Unavailable unless the text says part of the service still works."""
    if hint is not None:
        return Verdict(hint, True, "explicit label")
    text = NOT_IMPACT.sub(" ", text)
    strong = STRONG_LIMITED.search(text)
    if strong:
        return Verdict(Impact.LIMITED, True, f"“{strong.group(0)}”")
    but = _BUT.search(text)
    if but:
        can = _CAN.search(text, but.end())
        if can:
            return Verdict(
                Impact.LIMITED, False, f"“{but.group(0)} … {can.group(0)}” (part still works)"
            )
    if not text.strip():
        return Verdict(Impact.UNAVAILABLE, False, "no description says what still works")
    if DOWN.search(text):
        return Verdict(Impact.UNAVAILABLE, True, "")
    return Verdict(Impact.UNAVAILABLE, False, "no word says it is limited")


def doubt(verdict: Verdict) -> tuple[str, dict[str, str]]:
    """The catalogue id (and quoted words) of an unsure verdict, to say it in any language."""
    if verdict.impact == Impact.LIMITED:
        return "notice.impact_part_works", {
            "words": verdict.reason.partition("“")[2].partition("”")[0]
        }
    if verdict.reason.startswith("no description"):
        return "notice.impact_no_description", {}
    return "notice.impact_no_limited_word", {}
