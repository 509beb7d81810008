"""Pipe tables as blocks: a header mapped to column roles, rows whose cells may wrap.

    | Service | System Availability / Regular Hours | Planned Outages |
    | AMS | Daily, 4 a.m. to 1 a.m. |
    From Friday, October 31 at 5:00PM to Saturday, November 1 at 7:00AM, due to …. |

A row runs until it has as many cells as the header (an HTML table flattened to text wraps a
long cell onto the next lines). Each column gets a role from its header: service, window (or
start, end, date, time), impact, description, or hours (regular opening hours, which are not
interruptions). Every window printed in a row's window cells is one record for the row's
service, tied by the "same row" rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preavis.notices import impact as impacts
from preavis.notices.layout import Record
from preavis.notices.pieces import find_windows
from preavis.notices.text import Line, join_lines

ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.IGNORECASE))
    for role, pattern in (
        ("hours", r"regular|normal\s+hours|opening|availability|business\s+hours"
         r"|heures\s+(?:normales|d['’]ouverture)|disponibilité\s+habituelle"),
        ("start", r"^\s*(?:start|begins?|début|debut|from|de)\b"),
        ("end", r"^\s*(?:end|ends|fin|until|to|jusqu)\b"),
        ("window", r"outage|interruption|window|fenêtre|period|période|when|quand|downtime"
         r"|maintenance|planned|prévue?s?|duration|durée|date|time|heure|schedule|horaire"),
        ("service", r"service|application|system|système|component|composant|name|nom|platform"
         r"|plateforme|site|product|produit|outil|tool"),
        ("impact", r"impact|incidence|status|statut|effect|effet"),
        ("description", r"description|details?|détails?|notes?|comment|what|quoi"),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Table:
    records: list[Record]
    used: frozenset[int]  # indexes of the lines the table took
    wrapped: bool = False  # a row ran over several lines
    several: bool = False  # a row holds several windows


def _cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def roles(header: list[str]) -> list[str | None]:
    out: list[str | None] = []
    for cell in header:
        out.append(next((role for role, pattern in ROLES if pattern.search(cell)), None))
    return out


def find_tables(lines: list[Line]) -> list[Table]:
    """The pipe tables of the notice whose header names a service column and a window column."""
    found = []
    k = 0
    while k < len(lines):
        text = lines[k].text
        if not text.lstrip().startswith("|") or text.count("|") < 3:
            k += 1
            continue
        header = _cells(text)
        columns = roles(header)
        if "service" not in columns or not {"window", "start"} & set(columns):
            k += 1
            continue
        table, k = _rows(lines, k + 1, header, columns, k)
        # Tables whose rows are one line each, one window a cell, are read as rows of cells
        # by `layout` (with their impact labels); this reader takes the rest.
        if table.records and (table.wrapped or "hours" in columns or table.several):
            found.append(table)
    return found


def _rows(
    lines: list[Line], k: int, header: list[str], columns: list[str | None], first: int
) -> tuple[Table, int]:
    width = len(header)
    used = {first}
    records: list[Record] = []
    wrapped = several = False
    while k < len(lines):
        text = lines[k].text
        if re.fullmatch(r"\s*\|?[\s:|-]*\|?\s*", text) and "-" in text:
            used.add(k)  # the Markdown rule under the header
            k += 1
            continue
        if not text.lstrip().startswith("|"):
            break
        parts = [text]
        start = k
        used.add(k)
        k += 1
        while len(_cells(" ".join(parts))) < width and k < len(lines):
            nxt = lines[k].text
            if nxt.lstrip().startswith("|") and len(_cells(" ".join(parts))) >= 2:
                break
            parts.append(nxt)
            used.add(k)
            k += 1
        span = (lines[start].number, 1, lines[k - 1].number, len(lines[k - 1].text) + 1)
        row = _row(lines[start], _cells(join_lines(parts)), columns, span)
        wrapped = wrapped or len(parts) > 1
        several = several or len(row) > 1
        records.extend(row)
    return Table(records, frozenset(used), wrapped, several), k


def _row(
    line: Line, cells: list[str], columns: list[str | None], span: tuple[int, int, int, int]
) -> list[Record]:
    by_role: dict[str, list[str]] = {}
    for cell, role in zip(cells, columns, strict=False):
        if role is not None and cell:
            by_role.setdefault(role, []).append(cell)
    name = " ".join(by_role.get("service", []))
    if not name:
        return []
    if "start" in by_role and "end" in by_role:
        texts = [f"{by_role['start'][0]} to {by_role['end'][0]}"]
    else:
        texts = [" ".join(by_role.get("date", []) + by_role.get("window", []))]
    description = " ".join(by_role.get("description", []) + by_role.get("impact", []))
    out = []
    for text in texts:
        for window in find_windows(text):
            after = text[window.finish :].split(". ")[0]
            hint, _ = impacts.label(" ".join(by_role.get("impact", [])))
            context = f"{description} {after}".strip()
            out.append(
                Record(
                    name, description, window, line.number, line.number, hint, context,
                    rule="same row", window_span=span,
                )
            )  # fmt: skip
    return out
