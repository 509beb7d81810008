"""Services named in a sentence that points back at the notice's one window ("All container
services will be offline during this period.", "During this maintenance period, the following
services will be unavailable:" and its items), and the services an affected list names
("Affected services: A, B", `affectedsystems = ["A", "B"]`, "Affected systems are A and B.")."""

from __future__ import annotations

from preavis.notices import affected, shared
from preavis.notices.layout import Record
from preavis.notices.text import Line


def listed_action(named: shared.Named) -> bool:
    """An item under "What we cannot do:" ("Place books on hold for you"): what users lose,
    named as the list prints it, even with a pronoun in it."""
    return not named.from_sentence and shared.down_lead_in(named.description)


def _points_back(named: shared.Named | Record) -> bool:
    if isinstance(named, shared.Named) and named.from_sentence:
        return False
    return bool(named.description) and affected.pointing_back(named.description) is not None


_BACK_LINES = 3  # "This applies to …" follows the window's sentence closely


def _pointed(found: list[Record], lines: list[Line]) -> list[Record]:
    """With several windows: "… between 8:00 and 12:00. This applies in particular to A, B":
    the names of a sentence pointing back take the window printed just before it (at most
    three lines above), rule `by reference`, the impact said with that window."""
    back = [n for n in shared.named(lines) if _points_back(n)]
    if not back:
        return found
    taken = {r.name.casefold() for r in found}
    out = list(found)
    for named in back:
        above = [r for r in found if 0 <= named.line - r.window_line <= _BACK_LINES]
        if not above or named.name.casefold() in taken:
            continue
        window = max(above, key=lambda r: r.window_line)
        for item in shared.records([named], window.window, -1):
            item.window_line, item.window_span = window.window_line, window.window_span
            item.unknown_zone = window.unknown_zone
            item.rule, item.weak = "by reference", None
            item.context = window.context or window.description
            out.append(item)
    return sorted(out, key=lambda r: (r.window_line, r.line))


def also_during(found: list[Record], lines: list[Line], most: int) -> list[Record]:
    """ "All container services will be offline during this period.": with one window in
    the notice, a sentence that points back at it adds its services, and so does a list of
    affected services (rule `fields`: the list says they are affected; the window is the
    notice's only one)."""
    windows = {" ".join(r.window.text.split()) for r in found}
    if len(found) > most:
        return found
    if len(windows) != 1:
        return _pointed(found, lines)
    taken = {r.name.casefold() for r in found}
    first = found[0]
    printed = " ".join(first.window.text.split()[:3])  # "9 p.m." may end a sentence early
    extra = [
        n
        for n in shared.named(lines)
        if not (n.from_sentence and printed in " ".join(n.description.split()))  # its own clause
        and (
            (n.from_sentence and shared.BY_REFERENCE.search(n.description))
            or (not n.from_sentence and not n.description)  # "Affected services: A, B"
            or _points_back(n)  # "This applies to A and B."
            or (not n.from_sentence and shared.down_lead_in(n.description))
        )
        and n.name.casefold() not in taken
        and (not shared.generic(n.name) or listed_action(n))
        and not any(n.name.casefold() in t or t in n.name.casefold() for t in taken)
    ]
    out = list(found)
    for item in shared.records(extra, first.window, -1):
        item.window_line, item.window_span = first.window_line, first.window_span
        if shared.BY_REFERENCE.search(item.description):  # "During this period, … :"
            item.rule, item.weak = "by reference", None
        elif shared.down_lead_in(item.description):  # "What we cannot do:" and its items
            item.rule = "document window"
            item.weak = "the list's lead-in prints no window: the notice's one window applies"
        elif _points_back(item):  # "This applies in particular to A, B."
            item.rule, item.weak = "by reference", None
            item.context = first.context or first.description
        elif not item.description:  # an affected list: its impact is said with the window
            item.context = first.context or first.description
        out.append(item)
    return out
