"""Lists of affected services that are not written as an "Affected services:" field line.

Status-page software and people write the same list in other forms:

    affectedsystems = ["Dashboard", "Checkout"]      (cState / Hugo front matter, TOML)
    affected_services: [Dashboard, Checkout]         (YAML front matter)
    Affected systems are the portal and the wiki.    (a sentence)
    Les services touchés sont le portail et le wiki.
    Services affected ⬇️                             (a label with no colon, items under it)
    🖥 Portal
    📞 Phone lines

Each gives one name per listed service (`shared.named` adds them as listed names, so the
notice's window applies to each, as for the field)."""

from __future__ import annotations

import re

from preavis.notices.text import BULLET, Line

_WHAT = r"(?:services?|systems?|applications?|components?|systèmes?|composants?)"
_FRONT = re.compile(
    rf"^\s*[\"']?(?:affected[ _-]?{_WHAT}|impacted[ _-]?{_WHAT}|components)[\"']?\s*[:=]\s*"
    r"\[(?P<v>[^\]]*)\]\s*,?\s*$",
    re.IGNORECASE,
)
# What follows "are" / « sont » when it says what happens to them, not which they are.
_STATE = (
    r"(?!(?:not|now|currently|expected|being|back|restored|down|offline|online|unavailable"
    r"|available|up|listed|shown|as\s+follows|below|pas|actuellement|rétablie?s?|de\s+retour"
    r"|indisponibles?|disponibles?|en\s+(?:panne|ligne)|listée?s?|les\s+suivante?s|ci-dessous)\b)"
)
_SENTENCE = re.compile(
    rf"^\s*(?:the\s+)?(?:affected|impacted)\s+{_WHAT}\s+(?:are|is|include)\s*:?\s+{_STATE}"
    rf"(?P<v>.+?)[.;]?\s*$"
    rf"|^\s*(?:les?\s+|la\s+)?{_WHAT}\s+(?:touchée?s?|concernée?s?|visée?s?|affectée?s?)\s+"
    rf"(?:sont|est)\s*:?\s+{_STATE}(?P<w>.+?)[.;]?\s*$",
    re.IGNORECASE,
)
# "This applies in particular to A, B and C", « Cela concerne notamment A et B », « Seront
# également fermées les installations suivantes : A, B et C », "Also affected are A and B".
_BACK = re.compile(
    r"^\s*(?:this|that|it|these|cela|ceci|ce\s+(?:changement|travail)|ces\s+travaux)\s+"
    r"(?:(?:will\s+)?(?:also\s+)?(?:applies|apply|affects?|concerns?|touche|concerne|vise)"
    r"|s['’]applique)\s+(?:(?:in\s+particular|particularly|especially|notably|mainly|also"
    r"|notamment|surtout|également|aussi|en\s+particulier|principalement)\s+)?(?:to\s+|à\s+)?"
    r"(?P<v>.+?)[.;]?\s*$"
    r"|^\s*(?:(?:will\s+)?also\s+(?:be\s+)?(?:affected|closed|unavailable)\s+(?:are|is|will\s+be)"
    r"|(?:seront|sera|sont|est)\s+(?:également|aussi|de\s+plus)?\s*(?:fermée?s?|touchée?s?"
    r"|interrompue?s?|indisponibles?|concernée?s?)(?:\s+(?:les|la|le)\s+[^\W\d_]+\s+"
    r"suivante?s?)?)\s*:?\s+(?P<w>.+?)[.;]?\s*$",
    re.IGNORECASE,
)
_ETC = re.compile(r"^(?:etc|and\s+so\s+on|and\s+more|…)$", re.IGNORECASE)


def pointing_back(text: str) -> list[str] | None:
    """ "This applies in particular to A, B and C.", « Seront également fermés : A et B. »: the
    names a sentence adds to what the sentence before it says is cut; None when not one."""
    found = _BACK.match(" ".join(text.split()))
    if found is None:
        return None
    value = found["v"] or found["w"] or ""
    if _NOT_NAMES.match(value):  # "This will affect service for about two hours."
        return None
    names = [_clean(p) for p in _outside_brackets(value)]
    return [n for n in names if n and not _ETC.match(n) and not _DURATION.search(n)]


# What such a sentence says when it names no service: people, how many, how long.
_NOT_NAMES = re.compile(
    r"(?:all|everyone|everybody|some|most|many|users|customers|residents|members|staff|people"
    r"|approximately|about|around|up\s+to|service\b|our\s+service\b|tous|toutes|tout\s+le"
    r"|certains|plusieurs|les\s+(?:usagers|clients|résidents|membres|abonnés)|environ"
    r"|le\s+service\b|jusqu)",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\d+\s*(?:h\b|hours?|minutes?|min\b|heures?|days?|jours?)|\b(?:hours?|heures?)\b",
    re.IGNORECASE,
)


# A label alone on its line, no colon, perhaps an arrow or an emoji after it.
_LABEL = re.compile(
    rf"^\s*(?:(?:affected|impacted)\s+{_WHAT}|{_WHAT}\s+(?:affected|impacted|touchée?s|concernée?s))"
    r"\s*[^\w\s:]{0,4}\s*$",
    re.IGNORECASE,
)
# A pictogram, arrow or other symbol that stands for a bullet.
_SYMBOL = re.compile(r"^\s*[^\w\s\"'«“(\[]{1,3}\s*")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\s(?:and|et|&)\s)\s*", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|our|its|their|le|la|les|l['’]|nos|notre|ses|leurs?)\s*", re.I)
_ASIDE = re.compile(r"\s*\([^()]*\)")
_ITEMS_MAX = 12
_NAME_MAX = 80


def _outside_brackets(text: str) -> list[str]:
    """Split a list of names at commas, semicolons and "and" that are not inside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for k, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif depth == 0:
            found = _SPLIT.match(text, k)
            if found and found.end() > k and (char in ",;" or char.isspace()):
                parts.append(text[start:k])
                start = found.end()
    parts.append(text[start:])
    return parts


def _clean(name: str) -> str:
    name = _ASIDE.sub("", name).strip(" \t\"'.;:")
    name = _DETERMINER.sub("", name).strip()
    return name if 0 < len(name) <= _NAME_MAX and not _URL.match(name) else ""


def front_matter(text: str) -> list[str] | None:
    """`affectedsystems = ["A", "B"]`: the names listed; None when the line is not one."""
    found = _FRONT.match(text)
    if found is None:
        return None
    return [n for n in (_clean(p) for p in found["v"].split(",")) if n]


# Statuspage: "This scheduled maintenance affected: Online Services (Portal, API) and Phones."
_STATUSPAGE = re.compile(
    r"^\s*this\s+(?:scheduled\s+maintenance|maintenance|incident)\s+(?:affected|affects)\s*:\s*"
    r"(?P<v>.+?)\.?\s*$",
    re.IGNORECASE,
)
_GROUP = re.compile(r"^(?P<g>[^()]*?)\s*\((?P<c>[^()]+)\)\s*$")


def _components(value: str) -> list[str]:
    """ "Online Services (Portal, API) and Phones": a group's components, else the group."""
    out: list[str] = []
    for part in _outside_brackets(value):
        group = _GROUP.match(part.strip())
        members = [_clean(c) for c in group["c"].split(",")] if group else [_clean(part)]
        out += [m for m in members if m]
    return out


def sentence(text: str) -> list[str] | None:
    """ "Affected systems are A and B.", Statuspage's "This scheduled maintenance affected:
    Group (A, B)": the names; None when the sentence is not one."""
    text = " ".join(text.split())
    statuspage = _STATUSPAGE.match(text)
    if statuspage is not None:
        return _components(statuspage["v"])
    found = _SENTENCE.match(text)
    if found is None:
        return None
    value = found["v"] or found["w"] or ""
    return [n for n in (_clean(p) for p in _outside_brackets(value)) if n]


def label_items(lines: list[Line], at: int) -> list[tuple[str, int]] | None:
    """ "Services affected ⬇️" alone on its line: the items on the lines under it (bullets,
    pictograms or none), up to a blank line or a longer sentence; None when not such a label.
    Links are not names."""
    if _LABEL.match(lines[at].text) is None:
        return None
    out: list[tuple[str, int]] = []
    for follower in lines[at + 1 : at + 1 + _ITEMS_MAX]:
        text = follower.text.strip()
        if not text or text.endswith((".", ":")) or len(text) > _NAME_MAX:
            break
        item = _SYMBOL.sub("", BULLET.sub("", text, count=1), count=1)
        name = _clean(item)
        if name:
            out.append((name, follower.number))
    return out


_TRAILING_ASIDE = re.compile(r"^(?P<n>[^()]*\S)\s*\([^()]*\)$")


def without_aside(item: str) -> str:
    """ "Search the catalog (it will be down)", "RecTrac (registration systems)": a list
    item's closing bracket explains it; the name is what comes before."""
    found = _TRAILING_ASIDE.match(item.strip())
    return found["n"] if found else item
