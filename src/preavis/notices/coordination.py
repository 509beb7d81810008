"""Lists that share a head or a complement (round 4): how "A and B" is split into names.

- A head with two complements, each with its own preposition, is two names sharing the head:
  « les bureaux de Québec et de Lévis » → « bureaux de Québec », « bureaux de Lévis »; "the
  offices in Ashford and in Brook" → "offices in Ashford", "offices in Brook".
- Two places after "towards" / « vers » are one name's complement, not two services: « la
  bretelle vers l’A-20 et la R-132 », "the ramp towards Route 7 and the bypass"."""

from __future__ import annotations

import re

_PREPOSITION = r"(?:de\s+la|de\s+l['’]|du|des|de|d['’]|à\s+la|à\s+l['’]|au|aux|à|of|in|at|on|for)"
_SECOND = re.compile(rf"^(?P<p>{_PREPOSITION})\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
_FRENCH_DE = {"de", "du", "des", "d'", "d’", "de la", "de l'", "de l’"}
_TOWARDS = re.compile(r"\b(?:vers|towards?|en\s+direction\s+(?:de|du|des|d['’]))\s", re.IGNORECASE)


def _family(preposition: str) -> str:
    said = " ".join(preposition.casefold().split())
    if said in _FRENCH_DE:
        return "de"
    return "à" if said.startswith(("à", "au")) else said


def shared_head(halves: list[str]) -> list[str] | None:
    """["bureaux de Québec", "de Lévis"] → ["bureaux de Québec", "bureaux de Lévis"]; None when
    the later halves do not each open with a preposition the first half has after its head."""
    if len(halves) < 2:
        return None
    first = halves[0]
    out = [first]
    for half in halves[1:]:
        second = _SECOND.match(half.strip())
        if second is None:
            return None
        family = _family(second["p"])
        inside = [
            m
            for m in re.finditer(rf"\s(?P<p>{_PREPOSITION})(?:\s|(?<=['’]))", first, re.IGNORECASE)
            if _family(m["p"]) == family
        ]
        if not inside:
            return None
        head = first[: inside[-1].start()].strip()
        if not head:
            return None
        out.append(f"{head} {half.strip()}")
    return out


def one_complement(halves: list[str]) -> bool:
    """["la bretelle vers l’A-20", "la R-132"]: the second half is where the first one goes."""
    return len(halves) == 2 and _TOWARDS.search(halves[0]) is not None


_MEMBERS = re.compile(
    r"^(?P<category>.*?\b(?:sites?|web\s*sites?|systems?|services?|applications?|apps?"
    r"|platforms?|tools?|interfaces?|portals?|systèmes?|plateformes?|outils?|portails?)"
    r"(?:\s+[^\W\d_]+){0,2})\s*\((?P<inside>[^()]{3,300})\)[\s.,;]*$",
    re.IGNORECASE,
)
_MEMBER_SPLIT = re.compile(r"\s*[,;]\s*(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou)\s+", re.I)


def members(raw: str) -> list[str] | None:
    """ "the partner sites (alpha.example.org, beta.example.org and gamma.example.org)", « les
    outils annexes (Agenda, Paie et Congés) »: a category whose bracket lists its members is
    those members, one name each; None when `raw` is not such a category."""
    found = _MEMBERS.match(raw.strip())
    if found is None:
        return None
    parts = [p.strip(" .") for p in _MEMBER_SPLIT.split(found["inside"]) if p.strip(" .")]
    if len(parts) < 2 or any(len(p.split()) > 6 for p in parts):
        return None  # "(for all users)": an aside, not a list
    return parts
