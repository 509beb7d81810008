"""A generic word that points back at a name printed earlier (round 4).

"The county websites that use the single sign-on will go offline on Friday. … The sites will
be down from 11 p.m. to 7 a.m." — the window's own sentence names only "the sites", a generic
word (site, system, service, portal, platform, network, application, server, tool; « le
site », « le système », « la plateforme », « le réseau »). The service is the noun phrase an
earlier sentence opens with whose head ends like that word ("county websites that use the
single sign-on"): taken whole, or cut after its head when what follows holds a list ("payment
system for utility bills, permits, and fines" → "payment system"). The row says so
(`notice.name_antecedent`). A generic word with no such name before it stays, with a warning
(`notice.name_generic`)."""

from __future__ import annotations

import re
from dataclasses import replace

from preavis.notices.datelines import undateline
from preavis.notices.layout import Record
from preavis.notices.ocr import fold
from preavis.notices.text import OPENING, Line, split_subject

_DETERMINER = (
    r"(?:the|this|that|these|those|our|your|all|le|la|les|l['’]|ce|cet|cette|ces|notre|nos|vos"
    r"|votre|tous\s+les|toutes\s+les)"
)
_HEAD = (
    r"(?:web\s*sites?|sites?|systems?|services?|applications?|apps?|platforms?|portals?|networks?"
    r"|tools?|servers?|sites?\s+web|systèmes?|plateformes?|portails?|réseaux|réseau|outils?"
    r"|serveurs?)"
)
GENERIC = re.compile(rf"^\s*(?:{_DETERMINER}\s*)?(?P<head>{_HEAD})\s*$", re.IGNORECASE)
_PROSE = frozenset({"same clause", "same item", "heading", "by reference", "document window"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
_REACH = 40  # lines looked back


def _stem(word: str) -> str:
    """ "sites" → "site", « réseaux » → « reseau »: the head compared without its plural."""
    folded = fold(word).replace(" ", "")
    for plural, single in (("eaux", "eau"), ("s", ""), ("x", "")):
        if folded.endswith(plural) and len(folded) > len(plural) + 2:
            return folded[: -len(plural)] + single
    return folded


def antecedent(head: str, before: str) -> str | None:
    """The last noun phrase opening a sentence of `before` whose head ends like `head`."""
    stem = _stem(head)
    for sentence in reversed(_SENTENCE.split(before)):
        name, rest = split_subject(OPENING.sub("", undateline(sentence.strip()), count=1))
        if not rest or not name:
            continue  # no predicate: a heading or a fragment
        words = name.split()
        for k, word in enumerate(words[:5]):
            if _stem(word.strip(",.;:")).endswith(stem) and len(words) > 1:
                after = " ".join(words[k + 1 :])
                whole = name if "," not in after else " ".join(words[: k + 1])
                return None if GENERIC.match(whole) else whole.strip(" ,;:")
    return None


def resolve(records: list[Record], lines: list[Line]) -> list[Record]:
    """Each prose row named only by a generic word: named by what it points back at."""
    out = []
    for record in records:
        said = GENERIC.match(record.name) if record.rule in _PROSE else None
        if said is None:
            out.append(record)
            continue
        line = record.window_span[0] if record.window_span else record.window_line
        before = " ".join(
            ln.text.strip() for ln in lines if line - _REACH <= ln.number < line and ln.text.strip()
        )
        found = antecedent(said["head"], before)
        if found is None:
            out.append(replace(record, doubts=(*record.doubts, ("notice.name_generic", ()))))
            continue
        doubt = ("notice.name_antecedent", (("generic", record.name),))
        name = found[:1].upper() + found[1:]
        out.append(replace(record, name=name, doubts=(*record.doubts, doubt)))
    return out
