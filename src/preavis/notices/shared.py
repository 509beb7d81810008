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
from dataclasses import dataclass, field

from preavis.domain.text import Lang
from preavis.notices import impact as impacts
from preavis.notices.layout import BULLET, Line, Record, split_subject
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
    rf"|affectée?s?|interrompue?s?)){_COLON}(?P<v>.*)$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
_PRONOUNS = {
    "we", "you", "it", "this", "that", "they", "customers", "users", "clients", "nous", "vous",
    "il", "elle", "ils", "elles", "ce", "cela", "ceci", "on", "utilisateurs", "everything",
    "nothing", "tout", "rien", "all", "some", "certains", "certaines", "autres", "other",
    "others", "remaining",
}  # fmt: skip
_UNAFFECTED = re.compile(
    r"\b(?:pas\s+touchée?s?|non\s+touchée?s?|pas\s+concernée?s?|not\s+(?:be\s+)?affected"
    r"|unaffected|not\s+impacted)\b",
    re.IGNORECASE,
)


# "During this window, the REST API …": the sentence points at the notice's window.
BY_REFERENCE = re.compile(
    r"\b(?:during|throughout|for)\s+(?:this|that|the\s+same|the\s+maintenance|the)\s+"
    r"(?:window|time|period|maintenance|outage|upgrade)"
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


def join_labelled(lines: list[Line], lang: Lang) -> Joined:
    """'Start: X' and 'End: Y' (or 'Date: X' and 'Time: A – B') become one window line."""
    out = list(lines)
    joined: set[int] = set()
    ends: dict[int, int] = {}
    for i, line in enumerate(out):
        for first, second, build in (
            (_START, _END, _window_between),
            (_DATE, _TIME, _date_and_time),
        ):
            start = first.match(line.text)
            if start is None:
                continue
            for j in range(i + 1, min(i + 3, len(out))):
                end = second.match(out[j].text)
                if end is not None:
                    out[i] = Line(line.number, build(start["v"].strip(), end["v"].strip(), lang))
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

    def add(name: str, description: str, line: int, from_sentence: bool) -> None:
        key = name.casefold()
        words = key.split()
        if not words or words[0] in _PRONOUNS or key in listed:
            return
        if not from_sentence:
            listed.add(key)
        elif key in said:
            if said[key] == line or said[key] < 0:
                return
            said[key] = -1  # two lines seen: no later mention can be needed
        else:
            said[key] = line
        out.append(Named(name, description, line, from_sentence))

    for n, line in enumerate(lines):
        match = _AFFECTED.match(line.text)
        if match is None:
            continue
        if match["v"].strip():
            for name in _names(match["v"]):
                add(name, "", line.number, False)
        for follower in lines[n + 1 :]:  # a bulleted list under the label
            if not BULLET.match(follower.text):
                break
            add(BULLET.sub("", follower.text, count=1).strip(" .;"), "", follower.number, False)
    for line in lines:
        if not line.text.strip():
            continue
        for sentence in _SENTENCE.split(line.text):
            if not (impacts.DOWN.search(sentence) or impacts.STRONG_LIMITED.search(sentence)):
                continue
            if _UNAFFECTED.search(sentence):
                continue
            clause = sentence.split(",")[-1] if "," in sentence else sentence
            name, rest = split_subject(clause.strip())
            if name and rest:
                add(name, sentence.strip(), line.number, True)
    return out


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
        if not item.from_sentence:
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
