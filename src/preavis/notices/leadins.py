"""A list's lead-in that says its items are cut, and the items under it.

The lead-in is the last sentence before the colon, whether it has a line of its own ("What we
cannot do:") or ends a paragraph ("… Some online systems will not work. The systems that will
be interrupted include:"). It says its items are cut with an impact word (`impact.DOWN`) or
with an interruption word ("will experience service interruptions, including:", « seront
perturbés : »). The items are bulleted lines, or, when the first one has no bullet, short
lines with no sentence in them (blank lines between them allowed), up to the first longer
line."""

from __future__ import annotations

import re

from preavis.notices import impact as impacts
from preavis.notices.text import BULLET, Line

INTERRUPTED = re.compile(
    r"\b(?:interrupted|interruptions?|disrupted|disruptions?|outages?|perturbée?s?"
    r"|perturbations?|interrompue?s?)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«\"“(])")
ITEM_MAX = 150  # an unbulleted item is a name (with its aside), not a sentence
_SENTENCE_WORDS = 4  # "Outage details:" is a label, not a lead-in
_ITEMS_MAX = 40


def last_sentence(text: str) -> str:
    """The sentence a line ends with (the whole line when it holds one)."""
    return _SENTENCE.split(text.strip())[-1]


def says_cut(sentence: str) -> bool:
    """The lead-in says its items are cut: an impact word, or an interruption word in a
    sentence (not a label such as "Outage details:")."""
    if impacts.DOWN.search(sentence):
        return True
    words = re.findall(r"[^\W\d_]{3,}", sentence)  # « Détails de l’interruption » : 2
    return bool(INTERRUPTED.search(sentence)) and len(words) >= _SENTENCE_WORDS


def _bare_item(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text) <= ITEM_MAX
        and not text.endswith(":")
        and _SENTENCE.search(text) is None
        and not text.endswith((".", "!", "?"))
    )


def items(lines: list[Line], lead: int) -> list[Line]:
    """The items of the list under `lines[lead]` (bullets kept on the lines returned)."""
    out: list[Line] = []
    bare: bool | None = None  # decided by the first item
    for follower in lines[lead + 1 :]:
        text = follower.text
        if not text.strip():
            if bare or not out:
                continue  # a blank line before the first item, or between bare items
            break
        if bare is None:
            bare = not BULLET.match(text)
        if (bare and not _bare_item(text)) or (not bare and not BULLET.match(text)):
            break
        out.append(follower)
        if len(out) >= _ITEMS_MAX:
            break
    return out
