"""More places a window's name can come from, for the ranked candidates (notices/ranking.py).

The candidates of a window first came from its own sentence, its paragraph, the lead-in above
its list and the title. A notice often names the service elsewhere:

- in the **headings above** the window, each level ("## Online catalogue" over "Saturday
  9 a.m. to noon"), innermost first;
- in a sentence that **points back** at the window ("During this time, the portal will be
  unavailable", « Pendant cette période, le portail sera inaccessible »), printed after it
  and before the next window, or anywhere in a notice that prints one window;
- in the **sentence before** the window's paragraph ("The library's catalogue is moving to a
  new server." over "Saturday from 9 a.m. to noon.").

Each function gives the texts, never names: notices/subjects.py finds the names in them, and
the ranking scores them with the prior of their source (a weak one: they are guesses)."""

from __future__ import annotations

import re

from preavis.notices import blocks
from preavis.notices.evidence import index_of
from preavis.notices.text import BULLET, Line

# A phrase that points back at a window printed elsewhere, English and French.
BACK = re.compile(
    r"\b(?:during|throughout|for\s+the\s+duration\s+of|at)\s+(?:this|that|these|those|the\s+above"
    r"|the\s+same|the)\s+(?:[^\W\d_]+\s+){0,2}?(?:time|times|period|periods|window|windows|outage"
    r"|outages|maintenance|downtime|work|upgrade|interruption|hours)\b"
    r"|\b(?:pendant|durant|au\s+cours\s+de|lors\s+de)\s+(?:cette|ces|la\s+même|cet|ce)\s+"
    r"(?:période|périodes|plage|plages|fenêtre|intervention|interventions|travaux|entretien"
    r"|maintenance|interruption|arrêt|temps)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“«]?[A-ZÀ-Þ])")
_REACH = 12  # lines looked at after a window for a sentence pointing back at it


def sentences(text: str) -> list[str]:
    """`text` cut into sentences (a full stop, a question or exclamation mark, then a capital)."""
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


Placed = list[tuple[blocks.Block, list[blocks.Heading]]]


def placed(lines: list[Line]) -> Placed:
    """The blocks of `lines` with the headings above each (`blocks.Section.blocks`)."""
    return blocks.build(lines).blocks()


def headings_above(lines: list[Line], number: int, tree: Placed | None = None) -> list[str]:
    """The texts of the headings above line `number`, each level once, innermost first
    (`tree`: `placed(lines)`, when already built)."""
    at = index_of(lines, number)
    if at is None:
        return []
    for block, above in tree if tree is not None else placed(lines):
        if block.first <= at <= block.last:
            return [h.text.strip(" #*_:") for h in reversed(above) if h.text.strip(" #*_:")]
    return []


def pointing_back(lines: list[Line], number: int, others: list[int]) -> list[str]:
    """The sentences that point back at the window printed on line `number` ("during this
    time"): those after it, up to the next window (`others`: the lines of the notice's other
    windows) and `_REACH` lines; with no other window, those before it too."""
    at = index_of(lines, number)
    if at is None:
        return []
    after = [index_of(lines, n) for n in others if n > number]
    stop = min([k for k in after if k is not None] + [at + _REACH, len(lines) - 1])
    span = range(at, stop + 1)
    if not any(n != number for n in others):
        span = range(len(lines))
    found: list[str] = []
    for k in span:
        text = BULLET.sub("", lines[k].text)
        for sentence in sentences(text):
            if BACK.search(sentence) and sentence not in found:
                found.append(sentence)
    return found


def sentence_before(lines: list[Line], number: int) -> str:
    """The last sentence of the paragraph above the one holding line `number` ("" when a
    heading, a list item or the top of the notice comes first)."""
    at = index_of(lines, number)
    if at is None:
        return ""
    k = at
    while k > 0 and lines[k - 1].text.strip():  # the top of the window's paragraph
        k -= 1
    k -= 1
    while k >= 0 and not lines[k].text.strip():
        k -= 1
    if k < 0 or BULLET.match(lines[k].text):
        return ""
    end = k
    while k > 0 and lines[k - 1].text.strip() and not BULLET.match(lines[k - 1].text):
        k -= 1
    paragraph = " ".join(line.text for line in lines[k : end + 1])
    found = sentences(paragraph)
    last = found[-1] if found else ""
    return last if last.endswith((".", "!")) else ""
